import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Metrics, ModelCard } from '../../src/lib/classifier/card.ts';
import { tinyOnnxModel } from './tiny-onnx.ts';

/**
 * A test model folder (card.json + model.onnx) built from tiny-onnx.ts: a real network with the
 * card's contract but untrained weights. For tests and CI fixtures only; its card says so.
 */

export const FIXTURE_CLASSES = ['basophil', 'eosinophil', 'lymphocyte', 'monocyte', 'band_neutrophil', 'segmented_neutrophil', 'myeloblast'];
export const FIXTURE_ATTRIBUTES = [
	{ name: 'cell_size', values: ['small', 'big'] },
	{ name: 'nucleus_shape', values: ['segmented-multilobed', 'segmented-bilobed', 'unsegmented-band', 'unsegmented-round', 'unsegmented-indented', 'irregular'] }
];

const emptyMetrics: Metrics = { n: 0, accuracy: 0, macro_f1: 0, per_class: {}, confusion: { labels: [], matrix: [] } };

export async function writeFixtureModel(dir: string, options: { size?: number; classes?: string[] } = {}): Promise<ModelCard> {
	const classes = options.classes ?? FIXTURE_CLASSES;
	const size = options.size ?? 32;
	const model = tinyOnnxModel({ size, classes: classes.length, attributes: FIXTURE_ATTRIBUTES.map((a) => a.values.length), seed: 7 });
	const card: ModelCard = {
		schema_version: 1,
		name: 'tiny-test-model (untrained, for tests only)',
		created_at: '2026-01-01T00:00:00Z',
		architecture: 'global-average-pool + linear heads (scripts/lib/tiny-onnx.ts)',
		model_file: 'model.onnx',
		model_bytes: model.length,
		classes,
		attributes: FIXTURE_ATTRIBUTES,
		input: { size, layout: 'NCHW', crop: 'center-square', resize: 'area', mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] },
		outputs: { class_probs: 'class_probs', attribute_probs: 'attribute_probs' },
		temperature: 1,
		training: { seed: 7, epochs: 0, seconds: 0, sources: [], augmentation: [], counts: {} },
		evaluation: {
			val: emptyMetrics,
			test: emptyMetrics,
			matek_neutrophils: { n: 0, as_neutrophil: 0, rate: 0 },
			grouped_labels: {}
		},
		reference: { images: [], tensor: { class_probs: [], attribute_probs: [] } }
	};
	await mkdir(dir, { recursive: true });
	await writeFile(join(dir, 'model.onnx'), model);
	await writeFile(join(dir, 'card.json'), JSON.stringify(card, null, 1));
	return card;
}
