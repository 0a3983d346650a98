import { at } from '../arrays.ts';
/**
 * The classifier worker: owns the onnxruntime-web InferenceSession, decodes the user's image,
 * preprocesses it exactly as training did and runs the model, off the main thread.
 *
 * onnxruntime's WebAssembly binary is served by the app itself (imported with ?url, so Vite
 * copies it into the build); the JS glue is inside the 'onnxruntime-web/wasm' bundle. Nothing is
 * fetched from a CDN.
 */
import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import glueUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import { decodeSquare } from './decode.ts';
import { ClassifierError } from './errors.ts';
import { preprocess } from './preprocess.ts';
import type { ClassifierReply, ClassifierRequest, SessionSpec } from './protocol.ts';
import { maxAbsDiff, REFERENCE_TOLERANCE, referenceInput } from './reference.ts';

const absoluteWasmUrl = new URL(wasmUrl, self.location.href).href;
/**
 * The thread count comes with the first session (the page chooses it, see inferenceThreads); the
 * runtime fixes it when it starts, so later sessions in this worker keep it. Threads need
 * SharedArrayBuffer, so cross-origin isolation. The runtime starts its thread workers from its JS
 * glue's own URL, so with threads the glue is loaded from its file (served by the app) rather than
 * from the copy bundled into this worker, whose URL is this worker's.
 */
let threads: number | null = null;
function configureRuntime(wanted: number) {
	if (threads !== null) return;
	threads = self.crossOriginIsolated ? Math.max(1, Math.floor(wanted)) : 1;
	ort.env.wasm.wasmPaths =
		threads > 1 ? { wasm: absoluteWasmUrl, mjs: new URL(glueUrl, self.location.href).href } : { wasm: absoluteWasmUrl };
	ort.env.wasm.numThreads = threads;
}
ort.env.wasm.proxy = false;

/** The session for one model URL; dropped when creating it fails so the next request retries. */
let cached: { url: string; session: Promise<ort.InferenceSession> } | null = null;
/** Runs are serialised: the wasm backend runs one inference at a time per session. */
let queue: Promise<unknown> = Promise.resolve();

function post(reply: ClassifierReply, transfer: Transferable[] = []) {
	self.postMessage(reply, { transfer });
}

async function download(spec: SessionSpec, id: number): Promise<Uint8Array> {
	let response: Response;
	try {
		response = await fetch(spec.modelUrl, { cache: 'no-cache' });
	} catch (error) {
		throw new ClassifierError('model-download', `Fetching ${spec.modelUrl} failed: ${String(error)}`);
	}
	if (response.status === 404) throw new ClassifierError('model-missing', `${spec.modelUrl} returned 404.`);
	if (!response.ok || !response.body) {
		throw new ClassifierError('model-download', `${spec.modelUrl} returned HTTP ${response.status}.`);
	}
	const header = Number(response.headers.get('content-length'));
	const total = header > 0 ? header : spec.modelBytes > 0 ? spec.modelBytes : null;
	const chunks: Uint8Array[] = [];
	let loaded = 0;
	let lastReport = 0;
	const reader = response.body.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			loaded += value.byteLength;
			// A progress message per network chunk would flood the main thread; every 2% is plenty.
			if (total === null || loaded - lastReport >= total / 50) {
				lastReport = loaded;
				post({ type: 'progress', id, stage: 'download', loaded, total });
			}
		}
	} catch (error) {
		throw new ClassifierError('model-download', `The download of ${spec.modelUrl} was interrupted: ${String(error)}`);
	}
	const bytes = new Uint8Array(loaded);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}

/** Tells a runtime that cannot start (wasm missing or unsupported) from a model it cannot read. */
async function explainCreateFailure(error: unknown): Promise<ClassifierError> {
	const detail = String(error);
	if (typeof WebAssembly === 'undefined') return new ClassifierError('runtime', 'WebAssembly is not available.');
	try {
		const probe = await fetch(absoluteWasmUrl, { method: 'HEAD', cache: 'no-cache' });
		if (!probe.ok) return new ClassifierError('runtime', `${absoluteWasmUrl} returned HTTP ${probe.status}. ${detail}`);
	} catch {
		return new ClassifierError('runtime', `${absoluteWasmUrl} is not reachable. ${detail}`);
	}
	return new ClassifierError('model-invalid', `The model file could not be opened: ${detail}`);
}

async function createSession(spec: SessionSpec, id: number): Promise<ort.InferenceSession> {
	const bytes = await download(spec, id);
	configureRuntime(spec.threads);
	post({ type: 'progress', id, stage: 'initialise', loaded: 0, total: null });
	let session: ort.InferenceSession;
	try {
		session = await ort.InferenceSession.create(bytes, {
			executionProviders: ['wasm'],
			graphOptimizationLevel: 'all'
		});
	} catch (error) {
		throw await explainCreateFailure(error);
	}
	const missing = [spec.outputs.class_probs, spec.outputs.attribute_probs, spec.outputs.unfamiliar_score].filter(
		(name): name is string => name !== undefined && !session.outputNames.includes(name)
	);
	if (missing.length > 0 || session.inputNames.length !== 1) {
		await session.release();
		throw new ClassifierError(
			'model-invalid',
			`The model does not match its card: outputs ${session.outputNames.join(', ')}; missing ${missing.join(', ')}.`
		);
	}
	await checkReference(session, spec);
	return session;
}

/** Runs the card's synthetic input; a model that does not reproduce the card's numbers is refused. */
async function checkReference(session: ort.InferenceSession, spec: SessionSpec) {
	if (!spec.reference) return;
	const size = spec.input.size;
	const input = new ort.Tensor('float32', referenceInput(size), [1, 3, size, size]);
	let worst: number;
	try {
		const results = await session.run({ [at(session.inputNames, 0)]: input });
		const classProbs = outputData(results, spec.outputs.class_probs, spec.classCount);
		const attributeProbs = outputData(results, spec.outputs.attribute_probs, spec.attributeWidth);
		const unfamiliar = unfamiliarScore(results, spec);
		for (const value of Object.values(results)) value.dispose();
		worst = Math.max(
			maxAbsDiff(classProbs, spec.reference.classProbs),
			maxAbsDiff(attributeProbs, spec.reference.attributeProbs),
			// a distance, not a probability: compared relative to its size
			unfamiliar === null || spec.reference.unfamiliarScore === null
				? 0
				: Math.abs(unfamiliar - spec.reference.unfamiliarScore) / Math.max(1, Math.abs(spec.reference.unfamiliarScore))
		);
	} catch (error) {
		await session.release();
		throw error instanceof ClassifierError ? error : new ClassifierError('model-invalid', `The model cannot run: ${String(error)}`);
	} finally {
		input.dispose();
	}
	if (!(worst <= REFERENCE_TOLERANCE)) {
		await session.release();
		throw new ClassifierError(
			'model-invalid',
			`On the card's reference input the model's outputs differ from the card by ${worst} (limit ${REFERENCE_TOLERANCE}): model.onnx and card.json do not belong together.`
		);
	}
}

async function getSession(spec: SessionSpec, id: number): Promise<{ session: ort.InferenceSession; cached: boolean }> {
	if (cached?.url === spec.modelUrl) return { session: await cached.session, cached: true };
	const previous = cached;
	const entry = { url: spec.modelUrl, session: createSession(spec, id) };
	cached = entry;
	entry.session.catch(() => {
		if (cached === entry) cached = null;
	});
	if (previous) previous.session.then((s) => s.release()).catch(() => {});
	return { session: await entry.session, cached: false };
}

function outputData(results: ort.InferenceSession.OnnxValueMapType, name: string, width: number): Float32Array {
	const tensor = results[name];
	const data = tensor?.data;
	if (!(data instanceof Float32Array) || data.length !== width) {
		throw new ClassifierError(
			'model-invalid',
			`Output ${name} has ${data instanceof Float32Array ? data.length : 'no float'} values; the card expects ${width}.`
		);
	}
	// Copy out of the runtime's buffer so it can be transferred to the main thread.
	return data.slice();
}

/** The unfamiliar score of a one-image run, or null when the model has no such output. */
function unfamiliarScore(results: ort.InferenceSession.OnnxValueMapType, spec: SessionSpec): number | null {
	if (spec.outputs.unfamiliar_score === undefined) return null;
	const data = outputData(results, spec.outputs.unfamiliar_score, 1);
	return at(data, 0);
}

async function classify(spec: SessionSpec, image: Blob, id: number) {
	// Decode first: a file that is not an image is reported at once, even while the model downloads.
	const t0 = performance.now();
	const { width, height, square } = await decodeSquare(image);
	const t1 = performance.now();
	const { session } = await getSession(spec, id);
	const tSession = performance.now();
	const size = spec.input.size;
	const input = new ort.Tensor('float32', preprocess(square, spec.input), [1, 3, size, size]);
	const t2 = performance.now();
	const run = queue.then(() => session.run({ [at(session.inputNames, 0)]: input }));
	queue = run.catch(() => {});
	let results: ort.InferenceSession.OnnxValueMapType;
	try {
		results = await run;
	} catch (error) {
		throw new ClassifierError('inference', `Running the model failed: ${String(error)}`);
	}
	const t3 = performance.now();
	const classProbs = outputData(results, spec.outputs.class_probs, spec.classCount);
	const attributeProbs = outputData(results, spec.outputs.attribute_probs, spec.attributeWidth);
	const unfamiliar = unfamiliarScore(results, spec);
	for (const value of Object.values(results)) value.dispose();
	input.dispose();
	post(
		{
			type: 'result',
			id,
			request: 'classify',
			value: {
				width,
				height,
				classProbs,
				attributeProbs,
				unfamiliarScore: unfamiliar,
				ms: { decode: t1 - t0, preprocess: t2 - tSession, infer: t3 - t2 },
				threads: threads ?? 1
			}
		},
		[classProbs.buffer, attributeProbs.buffer]
	);
}

async function load(spec: SessionSpec, id: number) {
	const t0 = performance.now();
	const { cached: wasCached } = await getSession(spec, id);
	post({ type: 'result', id, request: 'load', value: { ms: wasCached ? 0 : performance.now() - t0, cached: wasCached } });
}

self.onmessage = async (event: MessageEvent<ClassifierRequest>) => {
	const request = event.data;
	try {
		if (request.type === 'load') await load(request.spec, request.id);
		else await classify(request.spec, request.image, request.id);
	} catch (error) {
		const known = error instanceof ClassifierError ? error : new ClassifierError('inference', String(error));
		post({ type: 'error', id: request.id, code: known.code, message: known.message });
	}
};
