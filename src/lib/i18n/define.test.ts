import { describe, expect, it } from 'vitest';
import { format } from './define.ts';

describe('format', () => {
	it('fills placeholders and leaves unknown ones as written', () => {
		expect(format('{a} of {b}', { a: 1, b: '10' })).toBe('1 of 10');
		expect(format('{a} and {x}', { a: 'one' })).toBe('one and {x}');
	});

	it('picks the plural form by the count, so "1 images" cannot happen', () => {
		const template = '{count, plural, one {# image} other {# images}} in {name}';
		expect(format(template, { count: 1, name: 'bank' })).toBe('1 image in bank');
		expect(format(template, { count: 0, name: 'bank' })).toBe('0 images in bank');
		expect(format(template, { count: '1,234', name: 'bank' })).toBe('1,234 images in bank');
		expect(format('{n, plural, =0 {none} one {# answer} other {# answers}}', { n: 0 })).toBe('none');
	});
});
