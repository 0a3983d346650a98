import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { parseModelCard, type ModelCard } from '../../src/lib/classifier/card.ts';
import { attributeOutputLength } from '../../src/lib/classifier/outputs.ts';
import { preprocess } from '../../src/lib/classifier/preprocess.ts';
import { decodeRgb } from './image.ts';

/**
 * The classifier in Node, through the same runtime the browser uses (onnxruntime-web, wasm
 * backend) and the same preprocessing (src/lib/classifier/preprocess.ts), so the importer's stored
 * predictions, the eval CLI and the parity test all see what a learner's browser computes.
 */

export const DEFAULT_MODEL_DIR = 'models/classifier';

export interface ModelOutputs {
	classProbs: Float32Array;
	attributeProbs: Float32Array;
	/** how unlike the training images the input is (card.unfamiliar); null for a model without that output */
	unfamiliarScore: number | null;
}

export interface NodeClassifier {
	dir: string;
	card: ModelCard;
	modelPath: string;
	modelBytes: number;
	/** input: [batch, 3, size, size] NCHW; outputs are sliced per image */
	run(input: Float32Array, batch?: number): Promise<ModelOutputs[]>;
	/**
	 * One image's input [3, size, size]. Calls made while the model is busy are run together as
	 * one batch (up to `maxBatch`), which is faster per image in wasm; results are the same.
	 */
	classify(input: Float32Array): Promise<ModelOutputs>;
	classifyFile(path: string): Promise<ModelOutputs>;
	release(): Promise<void>;
}

export class ModelLoadError extends Error {}

/** Whether a model has been put in `dir` at all (its card.json exists); loading then checks the rest. */
export function hasModel(dir: string): boolean {
	return existsSync(resolve(dir, 'card.json'));
}

export async function loadCard(dir: string): Promise<ModelCard> {
	const cardPath = resolve(dir, 'card.json');
	let json: unknown;
	try {
		json = JSON.parse(await readFile(cardPath, 'utf8'));
	} catch (error) {
		throw new ModelLoadError(`${cardPath}: cannot be read as JSON (${error instanceof Error ? error.message : error})`);
	}
	try {
		return parseModelCard(json);
	} catch (error) {
		throw new ModelLoadError(`${cardPath}: ${error instanceof Error ? error.message : error}`);
	}
}

export async function loadClassifier(dir: string, options: { threads?: number; maxBatch?: number } = {}): Promise<NodeClassifier> {
	const card = await loadCard(dir);
	const modelPath = resolve(dir, card.model_file);
	if (!existsSync(modelPath)) throw new ModelLoadError(`${modelPath}: the model file named by the card does not exist`);
	const model = await readFile(modelPath);
	ort.env.wasm.numThreads = options.threads ?? 1;
	ort.env.logLevel = 'error';
	let session: ort.InferenceSession;
	try {
		session = await ort.InferenceSession.create(new Uint8Array(model.buffer, model.byteOffset, model.length), {
			executionProviders: ['wasm'],
			graphOptimizationLevel: 'all'
		});
	} catch (error) {
		throw new ModelLoadError(`${modelPath}: onnxruntime-web cannot load it (${error instanceof Error ? error.message : error})`);
	}
	const size = card.input.size;
	const classCount = card.classes.length;
	const attributeCount = attributeOutputLength(card.attributes);
	const inputName = session.inputNames[0];
	const unfamiliarName = card.outputs.unfamiliar_score;
	if (unfamiliarName !== undefined && !session.outputNames.includes(unfamiliarName)) {
		throw new ModelLoadError(`${modelPath}: no output named "${unfamiliarName}" (outputs: ${session.outputNames.join(', ')})`);
	}
	const wanted = [card.outputs.class_probs, card.outputs.attribute_probs, unfamiliarName].filter(
		(n): n is string => n !== undefined && session.outputNames.includes(n)
	);
	if (!session.outputNames.includes(card.outputs.class_probs)) {
		throw new ModelLoadError(`${modelPath}: no output named "${card.outputs.class_probs}" (outputs: ${session.outputNames.join(', ')})`);
	}

	// One inference at a time: callers overlap their image decoding with it, not two runs.
	let queue: Promise<unknown> = Promise.resolve();
	function run(input: Float32Array, batch = 1): Promise<ModelOutputs[]> {
		const result = queue.then(() => runNow(input, batch));
		queue = result.catch(() => {});
		return result;
	}

	async function runNow(input: Float32Array, batch: number): Promise<ModelOutputs[]> {
		const feeds = { [inputName]: new ort.Tensor('float32', input, [batch, 3, size, size]) };
		const results = await session.run(feeds, wanted);
		const classData = results[card.outputs.class_probs].data as Float32Array;
		const attrTensor = results[card.outputs.attribute_probs];
		const attrData = attrTensor ? (attrTensor.data as Float32Array) : new Float32Array(0);
		const unfamiliarData = unfamiliarName ? (results[unfamiliarName].data as Float32Array) : null;
		if (
			classData.length !== batch * classCount ||
			attrData.length !== batch * attributeCount ||
			(unfamiliarData && unfamiliarData.length !== batch)
		) {
			throw new Error(
				`The model's outputs (${classData.length} class, ${attrData.length} attribute values for ${batch} image(s)) do not match its card (${classCount} classes, ${attributeCount} attribute values).`
			);
		}
		for (const t of Object.values(results)) t.dispose();
		return Array.from({ length: batch }, (_, b) => ({
			classProbs: classData.slice(b * classCount, (b + 1) * classCount),
			attributeProbs: attrData.slice(b * attributeCount, (b + 1) * attributeCount),
			unfamiliarScore: unfamiliarData ? unfamiliarData[b] : null
		}));
	}

	const maxBatch = options.maxBatch ?? 8;
	const waiting: { input: Float32Array; resolve: (o: ModelOutputs) => void; reject: (e: unknown) => void }[] = [];
	let busy = false;
	async function pump() {
		if (busy || waiting.length === 0) return;
		busy = true;
		const batch = waiting.splice(0, maxBatch);
		try {
			const stacked = new Float32Array(batch.length * 3 * size * size);
			batch.forEach((b, i) => stacked.set(b.input, i * 3 * size * size));
			const outputs = await run(stacked, batch.length);
			batch.forEach((b, i) => b.resolve(outputs[i]));
		} catch (error) {
			for (const b of batch) b.reject(error);
		}
		busy = false;
		void pump();
	}
	function classify(input: Float32Array): Promise<ModelOutputs> {
		if (input.length !== 3 * size * size)
			return Promise.reject(new Error(`classify expects one ${size}×${size} image (${3 * size * size} values), got ${input.length}.`));
		return new Promise((resolve, reject) => {
			waiting.push({ input, resolve, reject });
			void pump();
		});
	}

	return {
		dir: resolve(dir),
		card,
		modelPath,
		modelBytes: model.length,
		run,
		classify,
		async classifyFile(path: string) {
			return classify(preprocess(await decodeRgb(path), card.input));
		},
		release: () => session.release()
	};
}
