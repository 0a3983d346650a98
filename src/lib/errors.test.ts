import { describe, expect, it } from 'vitest';
import { errorText } from './errors.ts';

describe('errorText', () => {
	it('gives an Error its message and anything else thrown as a string', () => {
		expect(errorText(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
		expect(errorText('quota exceeded')).toBe('quota exceeded');
		expect(errorText(404)).toBe('404');
		expect(errorText(undefined)).toBe('undefined');
	});
});
