import { describe, expect, it } from 'vitest';
import { CELL_CLASS_IDS } from '$lib/cells/taxonomy.ts';
import { ANSWER_KEYS, answerOptions, isOwnedByControl, optionForKey } from './shortcuts.ts';

const plain = { ctrlKey: false, metaKey: false, altKey: false };

describe('answer shortcuts', () => {
	it('numbers 1–9, then 0, then letters, never N or Z, all distinct', () => {
		expect(ANSWER_KEYS.slice(0, 11)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'a']);
		expect(ANSWER_KEYS).not.toContain('n');
		expect(ANSWER_KEYS).not.toContain('z');
		expect(new Set(ANSWER_KEYS).size).toBe(ANSWER_KEYS.length);
		expect(ANSWER_KEYS.length).toBeGreaterThanOrEqual(CELL_CLASS_IDS.length);
	});

	it('maps keys to classes, case-insensitively, ignoring modified keys', () => {
		const options = answerOptions(CELL_CLASS_IDS);
		expect(optionForKey(options, { key: '1', ...plain })).toBe('myeloblast');
		expect(optionForKey(options, { key: '0', ...plain })).toBe('lymphocyte');
		expect(optionForKey(options, { key: 'B', ...plain })).toBe('erythroblast');
		expect(optionForKey(options, { key: '1', ...plain, ctrlKey: true })).toBeNull();
		expect(optionForKey(options, { key: 'n', ...plain })).toBeNull();
		expect(optionForKey(answerOptions(['basophil', 'eosinophil']), { key: '3', ...plain })).toBeNull();
	});

	it('gives a class the same key in every drill, and shows a subset in the one fixed order', () => {
		const bankClasses = [
			'myeloblast',
			'promyelocyte',
			'band_neutrophil',
			'segmented_neutrophil',
			'eosinophil',
			'basophil',
			'monocyte',
			'lymphocyte'
		] as const;
		const all = answerOptions(bankClasses, bankClasses);
		const review = answerOptions(['monocyte', 'promyelocyte', 'lymphocyte'], bankClasses);
		expect(review).toEqual([
			{ cellClass: 'promyelocyte', key: '2' },
			{ cellClass: 'monocyte', key: '7' },
			{ cellClass: 'lymphocyte', key: '8' }
		]);
		for (const option of review) expect(all.find((o) => o.cellClass === option.cellClass)?.key).toBe(option.key);
		// a class outside the key order still gets a key of its own, after the others
		expect(answerOptions(['basophil', 'platelet'], bankClasses)).toEqual([
			{ cellClass: 'basophil', key: '6' },
			{ cellClass: 'platelet', key: '9' }
		]);
	});

	it('leaves keys typed into form fields alone', () => {
		const field = { closest: (selector: string) => (selector.includes('input') ? {} : null) };
		expect(isOwnedByControl(field as unknown as EventTarget)).toBe(true);
		expect(isOwnedByControl({ closest: () => null } as unknown as EventTarget)).toBe(false);
		expect(isOwnedByControl(null)).toBe(false);
	});
});
