import { describe, expect, it } from 'vitest';
import { errorText, isPartNotDownloaded } from './errors.ts';

describe('errorText', () => {
	it('gives an Error its message and anything else thrown as a string', () => {
		expect(errorText(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
		expect(errorText('quota exceeded')).toBe('quota exceeded');
		expect(errorText(404)).toBe('404');
		expect(errorText(undefined)).toBe('undefined');
	});
});

describe('isPartNotDownloaded', () => {
	it('recognises each browser’s words for app code that did not arrive', () => {
		const url = 'http://127.0.0.1:4173/_app/immutable/chunks/DrillFeedback.BxY1.js';
		expect(isPartNotDownloaded(new TypeError(`Failed to fetch dynamically imported module: ${url}`))).toBe(true); // Chromium
		expect(isPartNotDownloaded(new TypeError(`error loading dynamically imported module: ${url}`))).toBe(true); // Firefox
		expect(isPartNotDownloaded(new TypeError('Importing a module script failed.'))).toBe(true); // Safari
		expect(isPartNotDownloaded(new Error(`Unable to preload CSS for ${url}`))).toBe(true); // Vite
	});

	it('leaves every other problem to be reported as it is', () => {
		expect(isPartNotDownloaded(new TypeError('Failed to fetch'))).toBe(false); // a data file: the caller words it
		expect(isPartNotDownloaded(new Error('The bank file is damaged'))).toBe(false);
		expect(isPartNotDownloaded('Failed to fetch dynamically imported module')).toBe(false); // not an Error
	});
});
