import { describe, expect, it } from 'vitest';
import { LOCALES, locale } from './locale.svelte.ts';

describe('locale.number', () => {
	it('writes every whole number the way Intl.NumberFormat does, in both locales, with or without the fast path', () => {
		for (const current of LOCALES) {
			locale.current = current;
			const intl = new Intl.NumberFormat(current);
			for (const value of [-1001, -999, -1, 0, 1, 7, 42, 999, 1000, 1234, 98765, 0.5, 12.25]) {
				expect(locale.number(value), `${current} ${value}`).toBe(intl.format(value));
			}
		}
		locale.current = 'en';
	});

	it('applies the options it is given', () => {
		locale.current = 'en';
		expect(locale.percent(0.5)).toBe('50%');
		expect(locale.number(3, { minimumFractionDigits: 1 })).toBe('3.0');
	});
});
