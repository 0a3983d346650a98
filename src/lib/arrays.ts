/**
 * Indexing where the index is valid by construction (a loop over the same array, a matrix built
 * square). With `noUncheckedIndexedAccess` on, `xs[i]` is `T | undefined`; `at(xs, i)` says "this
 * cannot be out of range" and throws a RangeError if it ever is, instead of letting `undefined`
 * travel on as a number or a class.
 */
export function at<T>(xs: ArrayLike<T>, i: number): T {
	if (!Number.isInteger(i) || i < 0 || i >= xs.length) throw new RangeError(`index ${i} outside 0..${xs.length - 1}`);
	return xs[i] as T;
}

/** `at(at(m, row), col)` for a matrix (array of rows). */
export function cell<T>(m: ArrayLike<ArrayLike<T>>, row: number, col: number): T {
	return at(at(m, row), col);
}

/** Sum of a list of numbers (0 for none). */
export function sum(values: Iterable<number>): number {
	let total = 0;
	for (const v of values) total += v;
	return total;
}
