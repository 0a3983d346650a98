import type { Metrics, ModelCard } from './card.ts';

/**
 * A minimal valid model card for tests: two classes, no attributes, empty metrics. Tests override
 * what they are about. (Test-only; nothing in the app imports it.)
 */
export function fixtureCard(overrides: Partial<ModelCard> = {}): ModelCard {
	const empty: Metrics = { n: 0, accuracy: 0, macro_f1: 0, per_class: {}, confusion: { labels: [], matrix: [] } };
	return {
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
		evaluation: { val: empty, test: empty, matek_neutrophils: { n: 0, as_neutrophil: 0, rate: 0 }, grouped_labels: {} },
		reference: { images: [], tensor: { class_probs: [], attribute_probs: [] } },
		...overrides
	};
}
