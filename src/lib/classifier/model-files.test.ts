import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attributeWidth, inferenceThreads, loadModelCard, ModelCardError, sessionSpec } from './model-files.ts';
import { parseModelCard, type ModelCard } from './card.ts';
import { fixtureCard } from './card-fixture.ts';
import { cardConfusion } from '../../routes/model/card-view.ts';
import { modelClassIds } from './outputs.ts';

// A minimal valid card; the shipped card is also checked below when it exists.
const card: ModelCard = parseModelCard(
	fixtureCard({
		model_bytes: 1234,
		attributes: [
			{ name: 'cell_size', values: ['big', 'small'] },
			{ name: 'nucleus_shape', values: ['a', 'b', 'c'] }
		],
		training: { seed: 1, epochs: 1, seconds: 1, sources: ['pbc'], augmentation: [], counts: {} }
	})
);

function fakeFetch(respond: () => Response | Promise<Response>): { fetch: typeof fetch; calls: () => number } {
	let calls = 0;
	const f = (async () => {
		calls++;
		return respond();
	}) as unknown as typeof fetch;
	return { fetch: f, calls: () => calls };
}

describe('sessionSpec', () => {
	it('resolves the model next to the card and sums the attribute vocabularies', () => {
		const spec = sessionSpec(card, 'https://example.test/app/models/classifier/card.json');
		expect(spec.modelUrl).toBe('https://example.test/app/models/classifier/model.onnx');
		expect(spec.classCount).toBe(2);
		expect(spec.attributeWidth).toBe(5);
		expect(attributeWidth(card)).toBe(5);
		expect(spec.input).toEqual({ size: 32, mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] });
		// this card has no reference outputs, so there is nothing to check after loading
		expect(spec.reference).toBeNull();
	});

	it('passes the reference outputs on to the worker', () => {
		const withReference = {
			...card,
			reference: { images: [], tensor: { class_probs: [0.3, 0.7], attribute_probs: [1, 0, 0.2, 0.3, 0.5] } }
		};
		expect(sessionSpec(withReference, 'https://example.test/card.json').reference).toEqual({
			classProbs: [0.3, 0.7],
			attributeProbs: [1, 0, 0.2, 0.3, 0.5],
			unfamiliarScore: null
		});
		const withScore = {
			...card,
			reference: { images: [], tensor: { class_probs: [0.3, 0.7], attribute_probs: [1, 0, 0.2, 0.3, 0.5], unfamiliar_score: 2.5 } }
		};
		expect(sessionSpec(withScore, 'https://example.test/card.json').reference?.unfamiliarScore).toBe(2.5);
	});

	it('asks for one thread unless told otherwise', () => {
		expect(sessionSpec(card, 'https://example.test/card.json').threads).toBe(1);
		expect(sessionSpec(card, 'https://example.test/card.json', 2).threads).toBe(2);
	});
});

describe('inferenceThreads', () => {
	it('is one without cross-origin isolation, whatever the cores', () => {
		expect(inferenceThreads(false, 16)).toBe(1);
	});

	it('is half the cores, at least one and at most four, when isolated', () => {
		expect(inferenceThreads(true, 1)).toBe(1);
		expect(inferenceThreads(true, 2)).toBe(1);
		expect(inferenceThreads(true, 3)).toBe(2);
		expect(inferenceThreads(true, 4)).toBe(2);
		expect(inferenceThreads(true, 8)).toBe(4);
		expect(inferenceThreads(true, 32)).toBe(4);
	});

	it('treats an unknown core count as one core', () => {
		expect(inferenceThreads(true, undefined)).toBe(1);
		expect(inferenceThreads(true, 0)).toBe(1);
	});
});

describe('loadModelCard', () => {
	it('parses and caches the card', async () => {
		const f = fakeFetch(() => new Response(JSON.stringify(card)));
		const loaded = await loadModelCard('/a/card.json', f.fetch);
		expect(loaded.name).toBe('test');
		await loadModelCard('/a/card.json', f.fetch);
		expect(f.calls()).toBe(1);
	});

	it.each([
		['missing', () => new Response('no', { status: 404 })],
		['unreachable', () => new Response('down', { status: 503 })],
		['damaged', () => new Response('{not json')],
		['invalid', () => new Response(JSON.stringify({ schema_version: 2 }))]
	] as const)('reports a %s card and does not cache the failure', async (problem, respond) => {
		const url = `/${problem}/card.json`;
		const f = fakeFetch(respond);
		const error = await loadModelCard(url, f.fetch).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ModelCardError);
		expect((error as ModelCardError).problem).toBe(problem);
		await loadModelCard(url, f.fetch).catch(() => {});
		expect(f.calls()).toBe(2);
	});

	it('reports a network failure as unreachable', async () => {
		const f = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
		await expect(loadModelCard('/offline/card.json', f.fetch)).rejects.toMatchObject({ problem: 'unreachable' });
	});
});

describe('the shipped model card', () => {
	// Checked when a model has been trained into models/classifier (or LEUKODEX_MODEL_DIR).
	const dir = process.env.LEUKODEX_MODEL_DIR || 'models/classifier';
	const path = `${dir}/card.json`;
	it.skipIf(!existsSync(path))('is valid, names taxonomy classes and matches its reference outputs', () => {
		const shipped = parseModelCard(JSON.parse(readFileSync(path, 'utf8')));
		const spec = sessionSpec(shipped, 'http://localhost/models/classifier/card.json');
		expect(() => modelClassIds(shipped.classes)).not.toThrow();
		expect(shipped.reference.tensor.class_probs).toHaveLength(spec.classCount);
		expect(shipped.reference.tensor.attribute_probs).toHaveLength(spec.attributeWidth);
		expect(cardConfusion(shipped.evaluation.test.confusion).total).toBe(shipped.evaluation.test.n);
	});
});
