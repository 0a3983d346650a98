import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkShippedModel } from './static-models.ts';

const validCard = {
	schema_version: 1,
	name: 'test',
	created_at: '2026-01-01T00:00:00Z',
	architecture: 'tiny',
	model_file: 'model.onnx',
	model_bytes: 4,
	classes: ['lymphocyte', 'monocyte'],
	attributes: [],
	input: { size: 32, layout: 'NCHW', crop: 'center-square', resize: 'area', mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] },
	outputs: { class_probs: 'class_probs', attribute_probs: 'attribute_probs' },
	temperature: 1,
	training: { seed: 1, epochs: 1, seconds: 1, sources: [], augmentation: [], counts: {} },
	evaluation: {
		val: { n: 0, accuracy: 0, macro_f1: 0, per_class: {}, confusion: { labels: [], matrix: [] } },
		test: { n: 0, accuracy: 0, macro_f1: 0, per_class: {}, confusion: { labels: [], matrix: [] } },
		matek_neutrophils: { n: 0, as_neutrophil: 0, rate: 0 },
		grouped_labels: {}
	},
	reference: { images: [], tensor: { class_probs: [], attribute_probs: [] } }
};

function folder(card: unknown, model: string | null) {
	const dir = mkdtempSync(join(tmpdir(), 'leukodex-model-'));
	if (card !== null) writeFileSync(join(dir, 'card.json'), typeof card === 'string' ? card : JSON.stringify(card));
	if (model !== null) writeFileSync(join(dir, 'model.onnx'), model);
	return [join(dir, 'card.json'), join(dir, 'model.onnx')] as const;
}

describe('checkShippedModel', () => {
	it('accepts a valid card with its model, and no model at all', () => {
		expect(checkShippedModel(...folder(validCard, 'abcd'))).toBeNull();
		expect(checkShippedModel(...folder(null, null))).toBeNull();
	});

	it('rejects an invalid card, a missing model and a model of another size', () => {
		expect(checkShippedModel(...folder('{oops', 'abcd'))).toMatch(/JSON|Unexpected|Expected/);
		expect(checkShippedModel(...folder({ ...validCard, schema_version: 2 }, 'abcd'))).toMatch(/model card is not valid/);
		expect(checkShippedModel(...folder(validCard, null))).toMatch(/model.onnx is missing/);
		expect(checkShippedModel(...folder(validCard, 'abcdef'))).toMatch(/6 bytes; its card says 4/);
	});

	it('accepts the model in models/classifier when one has been trained', () => {
		const dir = 'models/classifier';
		const problem = checkShippedModel(`${dir}/card.json`, `${dir}/model.onnx`);
		expect(problem).toBeNull();
	});
});
