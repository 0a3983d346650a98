/**
 * Messages between the main thread (client.ts) and the classifier worker (worker.ts).
 * Every request carries an id; every reply repeats it so the client can settle the right promise.
 */
import type { InputSpec } from './preprocess.ts';

/** What the worker needs from the model card to run the model. */
export interface SessionSpec {
	/** absolute URL of the ONNX file */
	modelUrl: string;
	/** size in bytes announced by the card, used for download progress when no Content-Length */
	modelBytes: number;
	input: InputSpec;
	/** output names; unfamiliar_score only in models that have it */
	outputs: { class_probs: string; attribute_probs: string; unfamiliar_score?: string };
	classCount: number;
	attributeWidth: number;
	/** the card's outputs for its synthetic reference input, checked once after loading */
	reference: { classProbs: number[]; attributeProbs: number[]; unfamiliarScore: number | null } | null;
	/** threads to ask the runtime for (see inferenceThreads); the first session of a worker fixes it */
	threads: number;
}

export type ClassifierRequest =
	{ type: 'load'; id: number; spec: SessionSpec } | { type: 'classify'; id: number; spec: SessionSpec; image: Blob };

/** Reasons a request can fail; the UI turns each into a translated message. */
export type ClassifierErrorCode =
	/** the model file is not there (HTTP 404): no model has been trained or copied yet */
	| 'model-missing'
	/** the model file could not be downloaded (network, other HTTP status) */
	| 'model-download'
	/** the bytes are not a model this runtime can open, or its outputs do not match the card */
	| 'model-invalid'
	/** the inference engine itself (onnxruntime's WebAssembly) could not start */
	| 'runtime'
	/** the file is not an image the browser can decode */
	| 'not-image'
	/** the image is larger than the app will process */
	| 'too-large'
	/** running the model failed */
	| 'inference';

export interface Loaded {
	/** milliseconds spent downloading and creating the session (0 when it was cached) */
	ms: number;
	cached: boolean;
}

export interface Classification {
	/** size of the decoded image, before the centre crop */
	width: number;
	height: number;
	/** [classCount] probabilities in card.classes order */
	classProbs: Float32Array;
	/** [attributeWidth] per-attribute softmax blocks in card.attributes order */
	attributeProbs: Float32Array;
	/** how unlike the training images this image is (compare with card.unfamiliar.threshold); null if the model has no such output */
	unfamiliarScore: number | null;
	ms: { decode: number; preprocess: number; infer: number };
	/** threads the runtime ran the model on: more than 1 only on a cross-origin isolated page */
	threads: number;
}

export type ClassifierReply =
	| { type: 'progress'; id: number; stage: 'download' | 'initialise'; loaded: number; total: number | null }
	| { type: 'result'; id: number; request: 'load'; value: Loaded }
	| { type: 'result'; id: number; request: 'classify'; value: Classification }
	| { type: 'error'; id: number; code: ClassifierErrorCode; message: string };
