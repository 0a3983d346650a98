import { describe, expect, it } from 'vitest';
import type { ModelCard } from '$lib/classifier/card.ts';
import { expertDisagreement, plainSummary } from './plain-summary.ts';

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

describe('expertDisagreement', () => {
	const card = (expert_agreement?: unknown) => ({ evaluation: { expert_agreement } }) as unknown as ModelCard;
	const found = {
		classes: ['band_neutrophil', 'segmented_neutrophil'],
		images: 2567,
		experts: 0.779,
		by_label: {},
		model_images: 428,
		model: 0.829,
		second_opinion: 'WBCAtt nucleus shape'
	};

	it('names the two cell types and both agreements when the card has them', () => {
		expect(expertDisagreement(card(found))).toEqual({
			classes: ['band_neutrophil', 'segmented_neutrophil'],
			images: 2567,
			experts: 0.779,
			model: 0.829,
			modelImages: 428
		});
	});

	it('says nothing for an older card, no cells, or a class the app does not know', () => {
		expect(expertDisagreement(card(undefined))).toBeNull();
		expect(expertDisagreement(card({ ...found, images: 0 }))).toBeNull();
		expect(expertDisagreement(card({ ...found, classes: ['band_neutrophil', 'stab'] }))).toBeNull();
	});
});
