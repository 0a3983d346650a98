import { explain, explanationText } from '../explanation.ts';
import type { Facts } from '../facts.ts';
import { validateAnswer, type ValidationProblem } from '../validator.ts';
import type { Capability } from './capability.ts';
import type { ChatMessage, ModelLocation, TutorEngine } from './engine.ts';
import { chooseModel, locate, type ModelOption } from './models.ts';
import { buildMessages } from './prompt.ts';
import type { TutorSettings } from './settings.ts';
import { errorText } from '../../errors.ts';

/**
 * The tutor's life on one page, framework-free: capability check → consent → download/start →
 * questions and streamed answers, each validated against the facts before it stands. A failed
 * answer is replaced by the grounded explanation; a device that cannot run the model, or a
 * download that fails, leaves the learner with the grounded explanation and a plain reason.
 *
 *   idle ─open─► checking ─► unsupported
 *                         └► consent ─accept─► loading ─► ready ⇄ answering
 *                                                     └► failed (retry → consent)
 */
export type TutorState =
	| { kind: 'idle' }
	| { kind: 'checking' }
	| { kind: 'unsupported'; reason: 'no-webgpu' | 'no-adapter' | 'limits' | 'error'; detail: string }
	| { kind: 'consent'; option: ModelOption; location: ModelLocation; cached: boolean }
	| { kind: 'loading'; option: ModelOption; progress: number; text: string }
	| { kind: 'ready'; option: ModelOption }
	| { kind: 'answering'; option: ModelOption; partial: string }
	/** modelUrl: where the model was being fetched from (download failures) */
	| { kind: 'failed'; stage: 'download' | 'reply'; detail: string; option: ModelOption; modelUrl: string };

export interface Turn {
	question: string;
	/** what stands: the model's answer if it passed the validator, else the grounded explanation */
	answer: string;
	status: 'checked' | 'replaced' | 'stopped';
	/** why the model's answer was replaced */
	problems: ValidationProblem[];
	/** the model's own text, kept for a replaced or stopped answer */
	original: string;
}

export interface TutorDeps {
	probe: () => Promise<Capability>;
	createEngine: () => Promise<TutorEngine>;
	/** whether the browser already holds this model (no download needed) */
	isCached: (location: ModelLocation) => Promise<boolean>;
	settings: () => TutorSettings;
	/** tallies validator passes and failures on this device */
	count: (passed: boolean) => void;
	pageUrl: () => string;
}

export class Tutor {
	state: TutorState = { kind: 'idle' };
	turns: Turn[] = [];
	#facts: Facts;
	#deps: TutorDeps;
	#engine: TutorEngine | null = null;
	#abort: AbortController | null = null;
	#listeners = new Set<() => void>();

	constructor(facts: Facts, deps: TutorDeps) {
		this.#facts = facts;
		this.#deps = deps;
	}

	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#set(state: TutorState) {
		this.state = state;
		for (const listener of this.#listeners) listener();
	}

	/** The grounded explanation, as text: what stands when the model cannot. */
	get fallback(): string {
		return explanationText(explain(this.#facts));
	}

	/** Capability check, then the consent step (nothing is downloaded yet). */
	async open(): Promise<void> {
		if (this.state.kind !== 'idle' && this.state.kind !== 'unsupported' && this.state.kind !== 'failed') return;
		this.#set({ kind: 'checking' });
		const capability = await this.#deps.probe();
		if (!capability.ok) return this.#set({ kind: 'unsupported', reason: capability.reason, detail: capability.detail });
		const option = chooseModel(capability.gpu, this.#deps.settings().preferLarge);
		if (!option) {
			const mib = Math.round(Math.min(capability.gpu.maxStorageBufferBindingSize, capability.gpu.maxBufferSize) / 2 ** 20);
			return this.#set({
				kind: 'unsupported',
				reason: 'limits',
				detail: `The GPU allows buffers of ${mib} MiB; the smallest model needs 128 MiB.`
			});
		}
		const location = locate(option, this.#deps.settings().baseUrl, this.#deps.pageUrl());
		let cached = false;
		try {
			cached = await this.#deps.isCached(location);
		} catch {
			// no Cache Storage (private window): treat as not downloaded
		}
		this.#set({ kind: 'consent', option, location, cached });
	}

	/** The learner agreed: download (or read from the cache) and start the model. */
	async accept(): Promise<void> {
		if (this.state.kind !== 'consent') return;
		const { option, location } = this.state;
		this.#set({ kind: 'loading', option, progress: 0, text: '' });
		try {
			this.#engine ??= await this.#deps.createEngine();
			await this.#engine.load(location, ({ progress, text }) => {
				if (this.state.kind === 'loading') this.#set({ kind: 'loading', option, progress, text });
			});
			this.#set({ kind: 'ready', option });
		} catch (error) {
			// a half-started engine is not reused: the next attempt starts a fresh worker
			const engine = this.#engine;
			this.#engine = null;
			await engine?.dispose().catch(() => {});
			this.#set({ kind: 'failed', stage: 'download', option, modelUrl: location.modelUrl, detail: errorText(error) });
		}
	}

	/** Back to the consent step after a failure (e.g. after fixing the model location). */
	async retry(): Promise<void> {
		if (this.state.kind !== 'failed') return;
		this.#set({ kind: 'idle' });
		await this.open();
	}

	decline(): void {
		if (this.state.kind === 'consent') this.#set({ kind: 'idle' });
	}

	/** Earlier turns as the model sees them: what stood, so a replaced answer is not built upon. */
	#history(): ChatMessage[] {
		return this.turns.flatMap((t) => [
			{ role: 'user' as const, content: t.question },
			{ role: 'assistant' as const, content: t.answer }
		]);
	}

	async ask(question: string): Promise<Turn | null> {
		if (this.state.kind !== 'ready' || !this.#engine || question.trim() === '') return null;
		const option = this.state.option;
		const abort = new AbortController();
		this.#abort = abort;
		this.#set({ kind: 'answering', option, partial: '' });
		let text = '';
		try {
			text = await this.#engine.reply(
				buildMessages(this.#facts, this.#history(), question),
				(partial) => {
					text = partial;
					if (this.state.kind === 'answering') this.#set({ kind: 'answering', option, partial });
				},
				abort.signal
			);
		} catch (error) {
			if (!abort.signal.aborted) {
				this.#abort = null;
				this.#set({ kind: 'failed', stage: 'reply', option, modelUrl: '', detail: errorText(error) });
				return null;
			}
		}
		this.#abort = null;
		let turn: Turn;
		if (abort.signal.aborted) {
			// an unfinished answer never stands: the grounded explanation does
			turn = { question, answer: this.fallback, status: 'stopped', problems: [], original: text };
		} else {
			const check = validateAnswer(text, { cellClass: this.#facts.cellClass, attributes: this.#facts.attributes });
			this.#deps.count(check.ok);
			turn = check.ok
				? { question, answer: text.trim(), status: 'checked', problems: [], original: text }
				: { question, answer: this.fallback, status: 'replaced', problems: check.problems, original: text };
		}
		this.turns = [...this.turns, turn];
		this.#set({ kind: 'ready', option });
		return turn;
	}

	stop(): void {
		this.#abort?.abort();
	}

	async dispose(): Promise<void> {
		this.stop();
		const engine = this.#engine;
		this.#engine = null;
		this.#listeners.clear();
		await engine?.dispose();
	}
}
