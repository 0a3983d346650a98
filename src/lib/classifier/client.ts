/**
 * Main-thread side of the classifier worker: starts the worker the first time it is needed,
 * matches replies to requests by id and returns promises. Progress is passed to the caller's
 * callback; errors reject with a ClassifierError whose `code` the UI translates.
 */
import { ClassifierError } from './errors.ts';
import type { Classification, ClassifierReply, ClassifierRequest, Loaded, SessionSpec } from './protocol.ts';

export type Progress = { stage: 'download' | 'initialise'; loaded: number; total: number | null };
export type ProgressHandler = (progress: Progress) => void;

type Pending =
	| { request: 'load'; resolve: (value: Loaded) => void; reject: (error: Error) => void; onProgress?: ProgressHandler }
	| {
			request: 'classify';
			resolve: (value: Classification) => void;
			reject: (error: Error) => void;
			onProgress?: ProgressHandler;
	  };

/** The subset of Worker the client uses, so tests can pass a fake. */
export interface WorkerLike {
	postMessage(message: ClassifierRequest): void;
	terminate(): void;
	onmessage: ((event: MessageEvent<ClassifierReply>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
}

function startWorker(): WorkerLike {
	return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'classifier' });
}

export class ClassifierClient {
	#worker: WorkerLike | null = null;
	#nextId = 1;
	#pending = new Map<number, Pending>();

	constructor(
		readonly spec: SessionSpec,
		private readonly createWorker: () => WorkerLike = startWorker
	) {}

	/** Downloads the model and opens the session (once; later calls resolve at once). */
	load(onProgress?: ProgressHandler): Promise<Loaded> {
		return new Promise((resolve, reject) => {
			const id = this.#nextId++;
			this.#pending.set(id, { request: 'load', resolve, reject, onProgress });
			this.#post({ type: 'load', id, spec: this.spec });
		});
	}

	/** Decodes the image and classifies its centre square; loads the model first if needed. */
	classify(image: Blob, onProgress?: ProgressHandler): Promise<Classification> {
		return new Promise((resolve, reject) => {
			const id = this.#nextId++;
			this.#pending.set(id, { request: 'classify', resolve, reject, onProgress });
			this.#post({ type: 'classify', id, spec: this.spec, image });
		});
	}

	/** Stops the worker; pending requests are rejected. The next request starts a new one. */
	dispose() {
		this.#worker?.terminate();
		this.#worker = null;
		this.#failAll(new ClassifierError('runtime', 'The classifier was stopped.'));
	}

	#post(message: ClassifierRequest) {
		try {
			this.#ensureWorker().postMessage(message);
		} catch (error) {
			this.#settleError(message.id, new ClassifierError('runtime', `The classifier could not start: ${String(error)}`));
		}
	}

	#ensureWorker(): WorkerLike {
		if (this.#worker) return this.#worker;
		const worker = this.createWorker();
		worker.onmessage = (event) => this.#receive(event.data);
		// A worker script that fails to load or crashes: fail what is waiting and start afresh next time.
		worker.onerror = (event) => {
			event.preventDefault?.();
			worker.terminate();
			if (this.#worker === worker) this.#worker = null;
			this.#failAll(new ClassifierError('runtime', `The classifier worker failed: ${event.message || 'script error'}`));
		};
		this.#worker = worker;
		return worker;
	}

	#receive(reply: ClassifierReply) {
		const pending = this.#pending.get(reply.id);
		if (!pending) return;
		switch (reply.type) {
			case 'progress':
				pending.onProgress?.({ stage: reply.stage, loaded: reply.loaded, total: reply.total });
				return;
			case 'error':
				this.#settleError(reply.id, new ClassifierError(reply.code, reply.message));
				return;
			case 'result':
				this.#pending.delete(reply.id);
				if (reply.request === 'load' && pending.request === 'load') pending.resolve(reply.value);
				else if (reply.request === 'classify' && pending.request === 'classify') pending.resolve(reply.value);
				else pending.reject(new ClassifierError('runtime', `Reply ${reply.request} does not match request ${pending.request}.`));
				return;
		}
	}

	#settleError(id: number, error: ClassifierError) {
		const pending = this.#pending.get(id);
		if (!pending) return;
		this.#pending.delete(id);
		pending.reject(error);
	}

	#failAll(error: ClassifierError) {
		const waiting = [...this.#pending.values()];
		this.#pending.clear();
		for (const pending of waiting) pending.reject(error);
	}
}
