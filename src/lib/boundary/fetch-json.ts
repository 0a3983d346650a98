import { errorText } from '../errors.ts';

/**
 * Fetching one JSON boundary file (bank.json, predictions.json, the model card, the robustness report):
 * fetch → JSON → validate, with each way it can fail told apart so the UI can word it for a learner.
 */
export type FetchProblem =
	| { kind: 'unreachable'; detail: string }
	| { kind: 'missing' }
	| { kind: 'http'; status: number }
	| { kind: 'damaged' }
	| { kind: 'invalid'; detail: string };

export type Fetched<T> = { ok: true; value: T } | { ok: false; problem: FetchProblem };

/** A parse function's complaint, for `invalid`: its `detail` when it has one (no message prefix), else its message. */
function complaint(error: unknown): string {
	if (error instanceof Error && 'detail' in error && typeof error.detail === 'string') return error.detail;
	return errorText(error);
}

export async function fetchJson<T>(url: string, parse: (json: unknown) => T, fetcher: typeof fetch = fetch): Promise<Fetched<T>> {
	let response: Response;
	try {
		response = await fetcher(url, { cache: 'no-cache' });
	} catch (error) {
		return { ok: false, problem: { kind: 'unreachable', detail: errorText(error) } };
	}
	if (response.status === 404) return { ok: false, problem: { kind: 'missing' } };
	if (!response.ok) return { ok: false, problem: { kind: 'http', status: response.status } };
	let json: unknown;
	try {
		json = await response.json();
	} catch {
		return { ok: false, problem: { kind: 'damaged' } };
	}
	try {
		return { ok: true, value: parse(json) };
	} catch (error) {
		return { ok: false, problem: { kind: 'invalid', detail: complaint(error) } };
	}
}

/**
 * A cache of pending loads by key that forgets a load when it fails, so that "try again" loads anew
 * while a success is shared for the page's lifetime.
 */
export class LoadCache<V> {
	readonly #pending = new Map<string, Promise<V>>();

	get(key: string, load: () => Promise<V>): Promise<V> {
		let pending = this.#pending.get(key);
		if (!pending) {
			pending = load();
			this.#pending.set(key, pending);
			pending.catch(() => {
				if (this.#pending.get(key) === pending) this.#pending.delete(key);
			});
		}
		return pending;
	}
}
