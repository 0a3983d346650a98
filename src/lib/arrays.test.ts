import { describe, expect, it } from 'vitest';
import { at, cell, sum } from './arrays.ts';

describe('at', () => {
	it('returns the element at a valid index, including falsy ones', () => {
		expect(at([3, 0, 5], 1)).toBe(0);
		expect(at('abc', 2)).toBe('c');
	});

	it('throws a RangeError outside the array or for a non-integer index', () => {
		expect(() => at([1, 2], 2)).toThrow(RangeError);
		expect(() => at([1, 2], -1)).toThrow(/outside 0\.\.1/);
		expect(() => at([1, 2], 0.5)).toThrow(RangeError);
		expect(() => at([], 0)).toThrow(RangeError);
	});
});

describe('cell', () => {
	it('reads row then column and checks both', () => {
		const m = [
			[1, 2],
			[3, 4]
		];
		expect(cell(m, 1, 0)).toBe(3);
		expect(() => cell(m, 0, 2)).toThrow(RangeError);
		expect(() => cell(m, 2, 0)).toThrow(RangeError);
	});
});

describe('sum', () => {
	it('adds any iterable of numbers, 0 for none', () => {
		expect(sum([1, 2, 3.5])).toBe(6.5);
		expect(sum(new Set([2, 4]))).toBe(6);
		expect(sum([])).toBe(0);
	});
});
