import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureModel } from './fixture-model.ts';
import { hasModel, loadClassifier, ModelLoadError, type ModelOutputs } from './onnx-node.ts';

// The Node classifier runner on the generated fixture model: batching changes nothing, and
// broken model folders fail with a message naming the file.

let root: string;
beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'leukodex-onnx-'));
	await writeFixtureModel(join(root, 'model'), { size: 16 });
});
afterAll(async () => {
	await rm(root, { recursive: true, force: true });
});

const image = (seed: number) => new Float32Array(3 * 16 * 16).map((_, i) => Math.sin((i + 1) * (seed + 1) * 0.013) * 1.5);

describe('loadClassifier', () => {
	it('gives the same answers for images batched together as one by one', async () => {
		const classifier = await loadClassifier(join(root, 'model'));
		const inputs = Array.from({ length: 11 }, (_, i) => image(i));
		const alone: ModelOutputs[] = [];
		for (const input of inputs) alone.push((await classifier.run(input, 1))[0]);
		const together = await Promise.all(inputs.map((input) => classifier.classify(input)));
		together.forEach((out, i) => {
			expect(out.classProbs).toHaveLength(7);
			expect(out.attributeProbs).toHaveLength(8);
			out.classProbs.forEach((p, j) => expect(p).toBeCloseTo(alone[i].classProbs[j], 6));
			out.attributeProbs.forEach((p, j) => expect(p).toBeCloseTo(alone[i].attributeProbs[j], 6));
		});
		// different inputs really give different outputs (the model is not constant)
		expect(Array.from(alone[0].classProbs)).not.toEqual(Array.from(alone[5].classProbs));
		await expect(classifier.classify(new Float32Array(10))).rejects.toThrow(/expects one 16×16 image/);
		await classifier.release();
	});

	it('explains a missing or invalid model', async () => {
		expect(hasModel(join(root, 'nowhere'))).toBe(false);
		const noFile = join(root, 'no-file');
		await writeFixtureModel(noFile);
		await rm(join(noFile, 'model.onnx'));
		await expect(loadClassifier(noFile)).rejects.toThrow(/model\.onnx: the model file named by the card does not exist/);

		const badCard = join(root, 'bad-card');
		await writeFixtureModel(badCard);
		await writeFile(join(badCard, 'card.json'), JSON.stringify({ schema_version: 1, name: 'x' }));
		await expect(loadClassifier(badCard)).rejects.toThrow(ModelLoadError);
		await expect(loadClassifier(badCard)).rejects.toThrow(/card\.json: The model card is not valid/);

		const badModel = join(root, 'bad-model');
		await writeFixtureModel(badModel);
		await writeFile(join(badModel, 'model.onnx'), 'not onnx');
		await expect(loadClassifier(badModel)).rejects.toThrow(/onnxruntime-web cannot load it/);
	});
});
