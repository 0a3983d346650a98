import { describe, expect, it } from 'vitest';
import { plainSummary } from './plain-summary.ts';

describe('plainSummary', () => {
	it('gives the accuracy, the classes found least often and the most frequent mistakes', () => {
		const summary = plainSummary({
			n: 30,
			accuracy: 0.8,
			macro_f1: 0.78,
			per_class: {
				monocyte: { precision: 0.8, recall: 0.7, f1: 0.75, support: 10 },
				lymphocyte: { precision: 0.9, recall: 0.8, f1: 0.85, support: 10 },
				basophil: { precision: 1, recall: 0.95, f1: 0.97, support: 10 }
			},
			confusion: {
				labels: ['monocyte', 'lymphocyte', 'basophil'],
				matrix: [
					[7, 3, 0],
					[2, 8, 0],
					[0, 1, 9]
				]
			}
		});
		expect(summary.accuracy).toBe(0.8);
		expect(summary.weakest.map((w) => w.cellClass)).toEqual(['monocyte', 'lymphocyte']);
		expect(summary.mistakes[0]).toEqual({ trueClass: 'monocyte', answeredClass: 'lymphocyte', count: 3, share: 0.3 });
		expect(summary.mistakes).toHaveLength(3);
	});
});
