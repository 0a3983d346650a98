import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../lib/classifier/card.ts';
import { readFileSync } from 'node:fs';
import { attributeAccuracyRows, augmentationSteps, cardConfusion, countRows, groupedPredictions, perClassRows } from './card-view.ts';

const metrics: Metrics = {
	n: 10,
	accuracy: 0.7,
	macro_f1: 0.6,
	per_class: {
		lymphocyte: { precision: 0.8, recall: 0.5, f1: 0.6, support: 4 },
		myeloblast: { precision: 0.5, recall: 0.8, f1: 0.6, support: 6 }
	},
	// card order: lymphocyte first; taxonomy order puts myeloblast first
	confusion: {
		labels: ['lymphocyte', 'myeloblast'],
		matrix: [
			[2, 2],
			[1, 5]
		]
	},
	attribute_accuracy: { granularity: 0.9, cell_size: 0.8 }
};

describe('cardConfusion', () => {
	it('reorders rows and columns into taxonomy order and keeps the totals', () => {
		const m = cardConfusion(metrics.confusion);
		expect(m.classes).toEqual(['myeloblast', 'lymphocyte']);
		expect(m.counts).toEqual([
			[5, 1],
			[2, 2]
		]);
		expect(m.rowTotals).toEqual([6, 4]);
		expect(m.colTotals).toEqual([7, 3]);
		expect(m.total).toBe(10);
		expect(m.correct).toBe(7);
	});

	it('rejects a matrix whose shape disagrees with its labels, or unknown classes', () => {
		expect(() => cardConfusion({ labels: ['lymphocyte', 'myeloblast'], matrix: [[1, 2]] })).toThrow(/2 × 2/);
		expect(() =>
			cardConfusion({
				labels: ['lymphocyte', 'alien'],
				matrix: [
					[1, 0],
					[0, 1]
				]
			})
		).toThrow(/alien/);
	});
});

describe('table rows', () => {
	it('lists per-class metrics in taxonomy order', () => {
		expect(perClassRows(metrics).map((r) => r.cellClass)).toEqual(['myeloblast', 'lymphocyte']);
		expect(perClassRows(metrics)[1]).toEqual({ cellClass: 'lymphocyte', precision: 0.8, recall: 0.5, f1: 0.6, support: 4 });
	});

	it('counts images per split with a total', () => {
		const { rows, total } = countRows({
			classes: ['lymphocyte', 'myeloblast'],
			training: {
				seed: 1,
				epochs: 1,
				seconds: 1,
				sources: [],
				augmentation: [],
				counts: { train: { lymphocyte: 10, myeloblast: 20 }, val: { lymphocyte: 2 }, test: { lymphocyte: 3, myeloblast: 4 } }
			}
		});
		expect(rows).toEqual([
			{ cellClass: 'myeloblast', train: 20, val: 0, test: 4, total: 24 },
			{ cellClass: 'lymphocyte', train: 10, val: 2, test: 3, total: 15 }
		]);
		expect(total).toEqual({ train: 30, val: 2, test: 7, total: 39 });
	});

	it('keeps the card attribute order and skips attributes without a figure', () => {
		const card = {
			attributes: [
				{ name: 'cell_size', values: ['big', 'small'] },
				{ name: 'nucleus_shape', values: ['a', 'b'] },
				{ name: 'granularity', values: ['no', 'yes'] }
			]
		};
		expect(attributeAccuracyRows(card, metrics)).toEqual([
			{ name: 'cell_size', accuracy: 0.8 },
			{ name: 'granularity', accuracy: 0.9 }
		]);
	});

	it('sorts group predictions by count', () => {
		expect(groupedPredictions({ myelocyte: 2, metamyelocyte: 5 })).toEqual([
			{ cellClass: 'metamyelocyte', count: 5 },
			{ cellClass: 'myelocyte', count: 2 }
		]);
	});
});

describe('augmentationSteps', () => {
	const stage = { size: 128, epochs: 1, seconds: 1 };

	it('lists turning first, then the measures that were on in the training script order, then outlier exposure', () => {
		const stages = [{ ...stage, measures: ['noise', 'framing', 'stain'], outliers_per_batch: 12 }];
		expect(augmentationSteps({ stages })).toEqual(['geometry', 'framing', 'stain', 'noise', 'outliers']);
	});

	it('says the framing was narrow when the wide zoom was off, and reads only the last stage', () => {
		const stages = [
			{ ...stage, measures: ['framing', 'jpeg'], outliers_per_batch: 12 },
			{ ...stage, measures: ['jpeg'], outliers_per_batch: 0 }
		];
		expect(augmentationSteps({ stages })).toEqual(['geometry', 'mildFraming', 'jpeg']);
	});

	it('gives nothing to word when the card does not record its measures or names one the page does not know', () => {
		expect(augmentationSteps({})).toBeNull();
		expect(augmentationSteps({ stages: [stage] })).toBeNull();
		expect(augmentationSteps({ stages: [{ ...stage, measures: ['stain', 'elastic'] }] })).toBeNull();
	});

	it('knows every measure the training script can switch on', () => {
		const python = readFileSync('models/training/classifier/augment.py', 'utf8');
		const tuple = /^MEASURES = \(([^)]*)\)/m.exec(python)?.[1] ?? '';
		const names = [...tuple.matchAll(/"(\w+)"/g)].map((m) => m[1]!);
		expect(names.length).toBeGreaterThan(0);
		expect(augmentationSteps({ stages: [{ ...stage, measures: names }] })).toEqual(['geometry', ...names]);
	});
});
