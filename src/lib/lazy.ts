import { LoadCache } from './boundary/fetch-json.ts';

/**
 * Code the first screen does not need, loaded on first use (or ahead of it, by calling the loader
 * early) and kept for the page's lifetime. A failed load — offline with nothing cached, a new
 * version replacing the chunk — is tried again on the next call.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
	const cache = new LoadCache<T>();
	return () => cache.get('', load);
}
