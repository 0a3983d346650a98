import { describe, expect, it } from 'vitest';
import { assess, normalizedEntropy } from './assess.ts';

const square = { width: 320, height: 320 };

describe('normalizedEntropy', () => {
	it('is 0 for a certain answer and 1 for a uniform one', () => {
		expect(normalizedEntropy([1, 0, 0, 0])).toBe(0);
		expect(normalizedEntropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(1, 12);
		expect(normalizedEntropy([0.5, 0.5, 0, 0])).toBeCloseTo(0.5, 12);
	});
});

describe('assess', () => {
	it('has no warnings for a confident answer on a training-like image', () => {
		const result = assess([0.95, 0.03, 0.01, 0.01], square, 192);
		expect(result.warnings).toEqual([]);
		expect(result.top1).toBeCloseTo(0.95);
	});

	it('flags a weak top class', () => {
		expect(assess([0.55, 0.45, 0, 0], square, 192).warnings).toEqual(['low-confidence']);
	});

	it('flags probability spread over many classes', () => {
		const probs = [0.62, 0.1, 0.1, 0.09, 0.09];
		expect(assess(probs, square, 192).warnings).toEqual(['spread']);
	});

	it('adds the geometry warnings', () => {
		expect(assess([0.95, 0.05], { width: 100, height: 400 }, 192).warnings).toEqual(['small', 'not-square']);
	});

	it('flags a picture whose unfamiliar score is above the card threshold, however confident the classes are', () => {
		const confident = [0.99, 0.01];
		expect(assess(confident, square, 192, { score: 41.5, threshold: 3.2 }).unfamiliar).toBe(true);
		expect(assess(confident, square, 192, { score: 1.1, threshold: 3.2 }).unfamiliar).toBe(false);
		expect(assess(confident, square, 192, { score: 3.2, threshold: 3.2 }).unfamiliar).toBe(false);
	});

	it('never flags when the model has no unfamiliar output', () => {
		expect(assess([0.3, 0.3, 0.4], square, 192).unfamiliar).toBe(false);
	});
});
