import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preprocess } from '../src/lib/classifier/preprocess.ts';
import { decodeRgb } from '../scripts/lib/image.ts';
import { loadClassifier, type NodeClassifier } from '../scripts/lib/onnx-node.ts';

// Proves the browser path (TypeScript preprocessing + onnxruntime-web) reproduces what training
// measured: the card's reference outputs, computed in PyTorch from PIL-decoded images.
// LEUKODEX_MODEL_DIR points it at another model folder (e.g. a --smoke training run).

const modelDir = resolve(process.env.LEUKODEX_MODEL_DIR ?? 'models/classifier');
const datasets = resolve('../shared/datasets');
const present = existsSync(resolve(modelDir, 'card.json')) && existsSync(resolve(modelDir, 'model.onnx'));
const TOLERANCE = 1e-3;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	expect(a.length).toBe(b.length);
	let max = 0;
	for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
	return max;
}

/** input[c][y][x] = sin(0.1 (y + 1)(c + 1)) · cos(0.07 (x + 1)), already normalized. */
export function syntheticInput(size: number): Float32Array {
	const out = new Float32Array(3 * size * size);
	for (let c = 0; c < 3; c++)
		for (let y = 0; y < size; y++)
			for (let x = 0; x < size; x++) out[(c * size + y) * size + x] = Math.sin(0.1 * (y + 1) * (c + 1)) * Math.cos(0.07 * (x + 1));
	return out;
}

describe.skipIf(!present)(`classifier parity with the model card (${modelDir})`, () => {
	let classifier: NodeClassifier;
	beforeAll(async () => {
		classifier = await loadClassifier(modelDir);
	});
	afterAll(async () => {
		await classifier?.release();
	});

	it('reproduces the reference outputs of the synthetic tensor', async () => {
		const { card } = classifier;
		const [out] = await classifier.run(syntheticInput(card.input.size));
		expect(maxAbsDiff(out.classProbs, card.reference.tensor.class_probs)).toBeLessThanOrEqual(TOLERANCE);
		expect(maxAbsDiff(out.attributeProbs, card.reference.tensor.attribute_probs)).toBeLessThanOrEqual(TOLERANCE);
	});

	it('reproduces the reference outputs of the reference images (decode + preprocess + model)', async () => {
		const { card } = classifier;
		expect(card.reference.images.length).toBeGreaterThan(0);
		const missing = card.reference.images.filter((r) => !existsSync(resolve(datasets, r.source, r.file)));
		expect(
			missing.map((r) => r.file),
			`reference images not found under ${datasets}`
		).toEqual([]);
		let worst = 0;
		for (const ref of card.reference.images) {
			const input = preprocess(await decodeRgb(resolve(datasets, ref.source, ref.file)), card.input);
			const [out] = await classifier.run(input);
			const classDiff = maxAbsDiff(out.classProbs, ref.class_probs);
			const attrDiff = maxAbsDiff(out.attributeProbs, ref.attribute_probs);
			expect(classDiff, `${ref.source}/${ref.file} class_probs`).toBeLessThanOrEqual(TOLERANCE);
			expect(attrDiff, `${ref.source}/${ref.file} attribute_probs`).toBeLessThanOrEqual(TOLERANCE);
			worst = Math.max(worst, classDiff, attrDiff);
		}
		console.log(`parity: ${card.reference.images.length} reference images, max |Δp| ${worst.toExponential(2)} (tolerance ${TOLERANCE})`);
	});
});

describe.runIf(!present)('classifier parity', () => {
	it.skip(`skipped: no trained model yet (${modelDir}/card.json + model.onnx); run npm run train:classifier`, () => {});
});
