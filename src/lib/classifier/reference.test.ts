import { at } from '../arrays.ts';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, referenceInput } from './reference.ts';

describe('referenceInput', () => {
	it('follows the card formula in NCHW order', () => {
		const size = 5;
		const input = referenceInput(size);
		expect(input).toHaveLength(75);
		const value = (c: number, y: number, x: number) => at(input, (c * size + y) * size + x);
		for (const [c, y, x] of <[number, number, number][]>[
			[0, 0, 0],
			[1, 2, 3],
			[2, 4, 1]
		]) {
			expect(value(c, y, x)).toBeCloseTo(Math.sin(0.1 * (y + 1) * (c + 1)) * Math.cos(0.07 * (x + 1)), 6);
		}
		// y and x are not interchangeable: the formula differs along rows and columns
		expect(value(0, 1, 3)).not.toBeCloseTo(value(0, 3, 1), 3);
	});
});

describe('maxAbsDiff', () => {
	it('finds the largest gap and refuses different lengths', () => {
		expect(maxAbsDiff([0.1, 0.5, 0.4], [0.1, 0.45, 0.41])).toBeCloseTo(0.05, 12);
		expect(maxAbsDiff([1], [1, 0])).toBe(Infinity);
	});
});
