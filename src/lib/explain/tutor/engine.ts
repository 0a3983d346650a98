/**
 * The one interface between the tutor and a language-model runtime. The app's only
 * implementation is web-llm (web-llm-engine.ts, loaded on demand, running in a worker); the unit
 * tests use a fake. Nothing outside this folder knows which runtime answers.
 */
export interface ChatMessage {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

export interface LoadProgress {
	/** 0–1 */
	progress: number;
	/** the runtime's own description of the step (file being fetched, shaders compiling…) */
	text: string;
}

/** Where the weights and the compiled model library come from. */
export interface ModelLocation {
	/** model id as the runtime knows it, e.g. "Llama-3.2-1B-Instruct-q4f16_1-MLC" */
	id: string;
	/** folder holding mlc-chat-config.json, tensor-cache.json, the weight shards and the tokenizer */
	modelUrl: string;
	/** URL of the compiled WebGPU model library (.wasm) */
	libUrl: string;
	/** GPU memory the runtime reports it needs */
	vramMB: number;
	/** fits devices with small WebGPU limits (maxStorageBufferBindingSize of 128 MiB) */
	lowResource: boolean;
	contextWindow: number;
}

export interface TutorEngine {
	/** Downloads (unless the browser has it cached) and starts the model. Rejects with the runtime's error. */
	load(model: ModelLocation, onProgress: (progress: LoadProgress) => void): Promise<void>;
	/** Streams a reply to the conversation; onText gets the whole text so far. Stops early when signal aborts. */
	reply(messages: readonly ChatMessage[], onText: (text: string) => void, signal: AbortSignal): Promise<string>;
	/** Frees the model and its worker. */
	dispose(): Promise<void>;
}
