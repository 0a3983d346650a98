import type { ChatMessage, LoadProgress, ModelLocation, TutorEngine } from './engine.ts';

/**
 * A scripted stand-in for the language-model runtime (unit tests): replies come from a list,
 * streamed word by word; it records what it was asked.
 */
export class FakeEngine implements TutorEngine {
	loaded: ModelLocation | null = null;
	disposed = false;
	requests: ChatMessage[][] = [];
	/** awaited between streamed words, so a test can stop a reply midway */
	pause: () => Promise<void> = () => Promise.resolve();

	constructor(
		readonly replies: string[],
		readonly options: { failLoad?: string; progress?: LoadProgress[] } = {}
	) {}

	async load(model: ModelLocation, onProgress: (progress: LoadProgress) => void): Promise<void> {
		for (const p of this.options.progress ?? [
			{ progress: 0.5, text: 'Fetching param cache[1/2]' },
			{ progress: 1, text: 'Finish loading' }
		])
			onProgress(p);
		if (this.options.failLoad) throw new Error(this.options.failLoad);
		this.loaded = model;
	}

	async reply(messages: readonly ChatMessage[], onText: (text: string) => void, signal: AbortSignal): Promise<string> {
		this.requests.push([...messages]);
		const words = (this.replies.shift() ?? '').split(/(?<= )/);
		let text = '';
		for (const word of words) {
			await this.pause();
			if (signal.aborted) throw new DOMException('stopped', 'AbortError');
			text += word;
			onText(text);
		}
		return text;
	}

	async dispose(): Promise<void> {
		this.disposed = true;
	}
}
