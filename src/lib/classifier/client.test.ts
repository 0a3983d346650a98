import { at } from '../arrays.ts';
import { describe, expect, it } from 'vitest';
import { ClassifierClient, type WorkerLike } from './client.ts';
import { ClassifierError } from './errors.ts';
import type { ClassifierReply, ClassifierRequest, SessionSpec } from './protocol.ts';

const spec: SessionSpec = {
	modelUrl: 'http://localhost/models/classifier/model.onnx',
	modelBytes: 100,
	input: { size: 32, mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] },
	outputs: { class_probs: 'class_probs', attribute_probs: 'attribute_probs' },
	classCount: 2,
	attributeWidth: 2,
	reference: null,
	threads: 1
};

/** A worker stand-in: records requests; the test replies as the worker would. */
class FakeWorker implements WorkerLike {
	sent: ClassifierRequest[] = [];
	terminated = false;
	onmessage: ((event: MessageEvent<ClassifierReply>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	postMessage(message: ClassifierRequest) {
		this.sent.push(message);
	}
	terminate() {
		this.terminated = true;
	}
	reply(message: ClassifierReply) {
		this.onmessage?.({ data: message } as MessageEvent<ClassifierReply>);
	}
	crash(message: string) {
		this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
	}
}

function setup() {
	const workers: FakeWorker[] = [];
	const client = new ClassifierClient(spec, () => {
		const worker = new FakeWorker();
		workers.push(worker);
		return worker;
	});
	return { client, workers };
}

const classification = (p: number) => ({
	width: 10,
	height: 10,
	classProbs: new Float32Array([p, 1 - p]),
	attributeProbs: new Float32Array([0.5, 0.5]),
	unfamiliarScore: null,
	ms: { decode: 1, preprocess: 1, infer: 1 },
	threads: 1
});

describe('ClassifierClient', () => {
	it('starts the worker only when first needed and reuses it', async () => {
		const { client, workers } = setup();
		expect(workers).toHaveLength(0);
		const loading = client.load();
		const first = client.classify(new Blob(['x']));
		expect(workers).toHaveLength(1);
		const [load, classify] = at(workers, 0).sent as [ClassifierRequest, ClassifierRequest];
		expect(load).toMatchObject({ type: 'load', spec });
		expect(classify).toMatchObject({ type: 'classify', spec });
		expect(load.id).not.toBe(classify.id);
		// Replies may arrive in any order; each settles its own request.
		at(workers, 0).reply({ type: 'result', id: classify.id, request: 'classify', value: classification(0.9) });
		at(workers, 0).reply({ type: 'result', id: load.id, request: 'load', value: { ms: 5, cached: false } });
		expect((await first).classProbs[0]).toBeCloseTo(0.9);
		expect(await loading).toEqual({ ms: 5, cached: false });
	});

	it('passes progress to the caller of that request only', async () => {
		const { client, workers } = setup();
		const seen: number[] = [];
		const other: number[] = [];
		const loading = client.load((p) => seen.push(p.loaded));
		const classifying = client.classify(new Blob(['x']), (p) => other.push(p.loaded));
		const [load, classify] = at(workers, 0).sent as [ClassifierRequest, ClassifierRequest];
		at(workers, 0).reply({ type: 'progress', id: load.id, stage: 'download', loaded: 10, total: 100 });
		at(workers, 0).reply({ type: 'progress', id: load.id, stage: 'download', loaded: 100, total: 100 });
		at(workers, 0).reply({ type: 'result', id: load.id, request: 'load', value: { ms: 1, cached: false } });
		at(workers, 0).reply({ type: 'error', id: classify.id, code: 'not-image', message: 'bad' });
		await loading;
		await expect(classifying).rejects.toMatchObject({ code: 'not-image' });
		expect(seen).toEqual([10, 100]);
		expect(other).toEqual([]);
	});

	it('rejects with the worker’s error code', async () => {
		const { client, workers } = setup();
		const loading = client.load();
		at(workers, 0).reply({ type: 'error', id: at(at(workers, 0).sent, 0).id, code: 'model-invalid', message: 'protobuf parsing failed' });
		const error = await loading.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ClassifierError);
		expect(error).toMatchObject({ code: 'model-invalid', message: 'protobuf parsing failed' });
	});

	it('fails everything waiting when the worker crashes, and starts a new one next time', async () => {
		const { client, workers } = setup();
		const a = client.load();
		const b = client.classify(new Blob(['x']));
		at(workers, 0).crash('wasm exploded');
		await expect(a).rejects.toMatchObject({ code: 'runtime' });
		await expect(b).rejects.toMatchObject({ code: 'runtime' });
		expect(at(workers, 0).terminated).toBe(true);
		const c = client.load();
		expect(workers).toHaveLength(2);
		at(workers, 1).reply({ type: 'result', id: at(at(workers, 1).sent, 0).id, request: 'load', value: { ms: 0, cached: true } });
		await expect(c).resolves.toEqual({ ms: 0, cached: true });
	});

	it('rejects a reply of the wrong kind instead of resolving with it', async () => {
		const { client, workers } = setup();
		const loading = client.load();
		at(workers, 0).reply({ type: 'result', id: at(at(workers, 0).sent, 0).id, request: 'classify', value: classification(0.5) });
		await expect(loading).rejects.toMatchObject({ code: 'runtime' });
	});

	it('ignores replies for unknown ids', async () => {
		const { client, workers } = setup();
		const loading = client.load();
		at(workers, 0).reply({ type: 'result', id: 999, request: 'load', value: { ms: 1, cached: false } });
		at(workers, 0).reply({ type: 'result', id: at(at(workers, 0).sent, 0).id, request: 'load', value: { ms: 2, cached: false } });
		await expect(loading).resolves.toEqual({ ms: 2, cached: false });
	});
});
