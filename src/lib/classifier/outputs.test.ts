import { describe, expect, it } from 'vitest';
import { attributeBlocks, bestAttributes, modelClassIds, readOutputs, topClasses, topIndices } from './outputs.ts';

const card = {
	classes: ['lymphocyte', 'monocyte', 'basophil', 'eosinophil'],
	attributes: [
		{ name: 'cell_size', values: ['small', 'big'] },
		{ name: 'nucleus_shape', values: ['round', 'band', 'bilobed'] }
	]
};

describe('classifier outputs', () => {
	it('orders the top classes by probability and keeps ties in output order', () => {
		expect(topIndices([0.1, 0.4, 0.1, 0.4], 3)).toEqual([1, 3, 0]);
		const top = topClasses([0.05, 0.7, 0.2, 0.05], modelClassIds(card.classes));
		expect(top).toEqual([
			{ cellClass: 'monocyte', p: 0.7 },
			{ cellClass: 'basophil', p: 0.2 },
			{ cellClass: 'lymphocyte', p: 0.05 }
		]);
	});

	it('returns fewer than k when the model has fewer classes, and clamps rounding noise', () => {
		expect(topClasses([1.0000001, -1e-9], ['platelet', 'lymphocyte'], 3)).toEqual([
			{ cellClass: 'platelet', p: 1 },
			{ cellClass: 'lymphocyte', p: 0 }
		]);
	});

	it('reads each attribute from its own block', () => {
		expect(attributeBlocks(card.attributes).map((b) => b.offset)).toEqual([0, 2]);
		expect(bestAttributes([0.3, 0.7, 0.2, 0.1, 0.7], card.attributes)).toEqual({
			cell_size: { value: 'big', p: 0.7 },
			nucleus_shape: { value: 'bilobed', p: 0.7 }
		});
	});

	it('combines both outputs', () => {
		const answer = readOutputs(card, [0.9, 0.05, 0.03, 0.02], [0.6, 0.4, 0.1, 0.8, 0.1], 2);
		expect(answer.top.map((t) => t.cellClass)).toEqual(['lymphocyte', 'monocyte']);
		expect(answer.attributes.nucleus_shape).toEqual({ value: 'band', p: 0.8 });
	});

	it('rejects outputs that do not match the card', () => {
		expect(() => topClasses([0.5, 0.5], modelClassIds(card.classes))).toThrow(/2 class probabilities.*4 classes/);
		expect(() => bestAttributes([0.5, 0.5], card.attributes)).toThrow(/card implies 5/);
		expect(() => modelClassIds(['lymphocyte', 'band'])).toThrow(/not in the taxonomy: band/);
	});
});
