import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelCard } from '../../src/lib/classifier/card.ts';
import { fixtureCard } from '../../src/lib/classifier/card-fixture.ts';
import { tinyOnnxModel } from './tiny-onnx.ts';

/**
 * A test model folder (card.json + model.onnx) built from tiny-onnx.ts: a real network with the
 * card's contract but untrained weights. For tests and CI fixtures only; its card says so.
 */

export const FIXTURE_CLASSES = [
	'basophil',
	'eosinophil',
	'lymphocyte',
	'monocyte',
	'band_neutrophil',
	'segmented_neutrophil',
	'myeloblast'
];
export const FIXTURE_ATTRIBUTES = [
	{ name: 'cell_size', values: ['small', 'big'] },
	{
		name: 'nucleus_shape',
		values: ['segmented-multilobed', 'segmented-bilobed', 'unsegmented-band', 'unsegmented-round', 'unsegmented-indented', 'irregular']
	}
];

export async function writeFixtureModel(dir: string, options: { size?: number; classes?: string[] } = {}): Promise<ModelCard> {
	const classes = options.classes ?? FIXTURE_CLASSES;
	const size = options.size ?? 32;
	const model = tinyOnnxModel({ size, classes: classes.length, attributes: FIXTURE_ATTRIBUTES.map((a) => a.values.length), seed: 7 });
	const card = fixtureCard({
		name: 'tiny-test-model (untrained, for tests only)',
		architecture: 'global-average-pool + linear heads (scripts/lib/tiny-onnx.ts)',
		model_bytes: model.length,
		classes,
		attributes: FIXTURE_ATTRIBUTES,
		input: { size, layout: 'NCHW', crop: 'center-square', resize: 'area', mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] },
		training: { seed: 7, epochs: 0, seconds: 0, sources: [], augmentation: [], counts: {} }
	});
	await mkdir(dir, { recursive: true });
	await writeFile(join(dir, 'model.onnx'), model);
	await writeFile(join(dir, 'card.json'), JSON.stringify(card, null, 1));
	return card;
}
