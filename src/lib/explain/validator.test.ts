import { describe, expect, it } from 'vitest';
import { scoreValidator } from './evaluate.ts';
import { VALIDATOR_CASES } from './validator-cases.ts';
import { validateAnswer } from './validator.ts';
import type { AttributeFact } from './facts.ts';

const band: AttributeFact[] = [
	{ name: 'nucleus_shape', value: 'unsegmented-band', origin: 'expert' },
	{ name: 'cytoplasm_vacuole', value: 'no', origin: 'expert' }
];

describe('validator', () => {
	it('has at least 100 hand-written answers, good and bad, in both languages', () => {
		expect(VALIDATOR_CASES.length).toBeGreaterThanOrEqual(100);
		for (const locale of ['en', 'zh-TW']) {
			const mine = VALIDATOR_CASES.filter((c) => c.locale === locale);
			expect(mine.filter((c) => c.bad).length).toBeGreaterThanOrEqual(20);
			expect(mine.filter((c) => !c.bad).length).toBeGreaterThanOrEqual(15);
		}
		expect(new Set(VALIDATOR_CASES.map((c) => c.id)).size).toBe(VALIDATOR_CASES.length);
	});

	it('rejects bad answers and keeps good ones with precision and recall of at least 0.95', () => {
		const score = scoreValidator(VALIDATOR_CASES);
		expect(score.mistakes).toEqual([]);
		expect(score.precision).toBeGreaterThanOrEqual(0.95);
		expect(score.recall).toBeGreaterThanOrEqual(0.95);
	});

	it('says why an answer fails', () => {
		const facts = { cellClass: 'band_neutrophil' as const, attributes: band };
		expect(validateAnswer('', facts).problems).toEqual([{ kind: 'empty' }]);
		expect(
			validateAnswer('This is a segmented neutrophil.', facts)
				.problems.map((p) => p.kind)
				.sort()
		).toEqual(['missing-class', 'other-class']);
		expect(validateAnswer('This band neutrophil has several vacuoles.', facts).problems).toEqual([
			{ kind: 'contradiction', attribute: 'cytoplasm_vacuole', stated: ['yes'], fact: 'no' }
		]);
		expect(validateAnswer('這不是帶狀嗜中性球。', facts).problems).toEqual([{ kind: 'denies-class' }]);
		expect(validateAnswer('This is probably a band neutrophil.', facts).problems[0]).toMatchObject({ kind: 'hedged' });
	});

	it('accepts a look-alike named to rule it out, in either language', () => {
		const facts = { cellClass: 'band_neutrophil' as const, attributes: band };
		expect(validateAnswer('A band neutrophil, not a segmented neutrophil: no part of the nucleus narrows to a filament.', facts).ok).toBe(
			true
		);
		expect(validateAnswer('這是帶狀嗜中性球，而非分葉嗜中性球。', facts).ok).toBe(true);
	});

	it('holds a class without image attributes to its typical values, and ignores weak model estimates', () => {
		expect(validateAnswer('This myeloblast has coarse, clumped chromatin.', { cellClass: 'myeloblast', attributes: [] }).ok).toBe(false);
		const weak: AttributeFact[] = [{ name: 'cytoplasm_vacuole', value: 'no', origin: 'model', p: 0.55 }];
		expect(validateAnswer('This monocyte has vacuoles.', { cellClass: 'monocyte', attributes: weak }).ok).toBe(true);
		const strong: AttributeFact[] = [{ name: 'cytoplasm_vacuole', value: 'no', origin: 'model', p: 0.9 }];
		expect(validateAnswer('This monocyte has vacuoles.', { cellClass: 'monocyte', attributes: strong }).ok).toBe(false);
	});
});
