import { describe, expect, it } from 'vitest';
import type { CellClassId } from './taxonomy.ts';
import { confusionMatrix, rowShare, summarize, type ClassMetrics } from './confusion.ts';
import { handWorkedAnswers as sample, pairs } from '$test-data/answers.ts';

describe('confusion matrix', () => {
	it('counts rows = true class, columns = answer, in taxonomy order, with row shares', () => {
		const m = confusionMatrix(sample);
		expect(m.classes).toEqual(['eosinophil', 'basophil', 'monocyte', 'lymphocyte']);
		expect(m.counts).toEqual([
			[0, 0, 0, 0],
			[1, 0, 0, 0],
			[0, 0, 3, 1],
			[0, 0, 2, 2]
		]);
		expect(m.rowTotals).toEqual([0, 1, 4, 4]);
		expect(m.colTotals).toEqual([1, 0, 5, 3]);
		expect(m.total).toBe(9);
		expect(m.correct).toBe(5);
		expect(rowShare(m, 2, 2)).toBe(0.75);
		expect(rowShare(m, 0, 0)).toBeNull();
	});

	it('keeps requested classes without answers and never drops an answer outside the list', () => {
		const m = confusionMatrix(pairs([['monocyte', 'basophil', 1]]), ['segmented_neutrophil']);
		expect(m.classes).toEqual(['segmented_neutrophil', 'basophil', 'monocyte']);
		expect(m.total).toBe(1);
		expect(m.counts[2]![1]).toBe(1);
	});

	it('is empty for no answers', () => {
		const s = summarize([]);
		expect(s.matrix.classes).toEqual([]);
		expect(s.accuracy).toBeNull();
		expect(s.macroF1).toBeNull();
	});
});

describe('per-class metrics', () => {
	it('computes recall, precision, F1, support, macro-F1 and accuracy', () => {
		const s = summarize(sample, ['segmented_neutrophil']);
		const by = Object.fromEntries(s.perClass.map((c) => [c.cellClass, c])) as Record<CellClassId, ClassMetrics>;
		expect(by.monocyte).toMatchObject({ support: 4, answered: 5, truePositives: 3, recall: 0.75, precision: 0.6 });
		expect(by.monocyte.f1).toBeCloseTo(2 / 3, 10);
		expect(by.lymphocyte.recall).toBe(0.5);
		expect(by.lymphocyte.precision).toBeCloseTo(2 / 3, 10);
		expect(by.lymphocyte.f1).toBeCloseTo(4 / 7, 10);
		// answered but never shown: precision 0, recall undefined, F1 0
		expect(by.eosinophil).toMatchObject({ support: 0, recall: null, precision: 0, f1: 0 });
		// shown but never answered: recall 0, precision undefined, F1 0
		expect(by.basophil).toMatchObject({ support: 1, recall: 0, precision: null, f1: 0 });
		// requested but absent: no F1, left out of the macro average
		expect(by.segmented_neutrophil).toMatchObject({ support: 0, recall: null, precision: null, f1: null });
		expect(s.macroF1).toBeCloseTo((0 + 0 + 2 / 3 + 4 / 7) / 4, 10);
		expect(s.accuracy).toBeCloseTo(5 / 9, 10);
	});
});
