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

describe('locale.problem', () => {
	it('says in the learner’s language that app code did not download, without the browser’s English or the file', () => {
		const error = new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1/_app/immutable/chunks/a.js');
		locale.current = 'zh-TW';
		expect(locale.problem(error)).toBe('應用程式的一部分未能下載（請檢查網路連線）');
		locale.current = 'en';
		expect(locale.problem(error)).toBe('part of the app did not download (check the connection)');
	});

	it('gives any other problem its own message', () => {
		locale.current = 'zh-TW';
		expect(locale.problem(new Error('The bank file is damaged'))).toBe('The bank file is damaged');
		expect(locale.problem('quota')).toBe('quota');
		locale.current = 'en';
	});
});
