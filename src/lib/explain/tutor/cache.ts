import type { ModelLocation } from './engine.ts';

/**
 * What the browser has stored for a model, and deleting it. web-llm keeps its downloads in the
 * Cache Storage API under these names (cacheBackend "cache", its default); reading them here
 * means the settings never load web-llm itself.
 */
export const WEBLLM_CACHES = ['webllm/model', 'webllm/config', 'webllm/wasm'] as const;

export interface CachedModel {
	files: number;
	bytes: number;
}

/** The part of the Cache Storage API used (tests pass a fake). */
export interface CacheStorageLike {
	has(name: string): Promise<boolean>;
	open(name: string): Promise<{
		keys(): Promise<readonly { url: string }[]>;
		match(
			request: { url: string } | string
		): Promise<{ headers: { get(name: string): string | null }; blob?: () => Promise<{ size: number }> } | undefined>;
		delete(request: { url: string } | string): Promise<boolean>;
	}>;
}

function belongsTo(url: string, model: ModelLocation): boolean {
	return url.startsWith(model.modelUrl.endsWith('/') ? model.modelUrl : `${model.modelUrl}/`) || url === model.libUrl;
}

function storage(): CacheStorageLike | undefined {
	return (globalThis as { caches?: CacheStorageLike }).caches;
}

export async function cachedModel(model: ModelLocation, store: CacheStorageLike | undefined = storage()): Promise<CachedModel> {
	const found: CachedModel = { files: 0, bytes: 0 };
	if (!store) return found;
	for (const name of WEBLLM_CACHES) {
		if (!(await store.has(name))) continue;
		const cache = await store.open(name);
		for (const request of await cache.keys()) {
			if (!belongsTo(request.url, model)) continue;
			const response = await cache.match(request);
			const length = Number(response?.headers.get('content-length'));
			found.files++;
			found.bytes += Number.isFinite(length) && length > 0 ? length : ((await response?.blob?.())?.size ?? 0);
		}
	}
	return found;
}

export async function deleteCachedModel(model: ModelLocation, store: CacheStorageLike | undefined = storage()): Promise<number> {
	let deleted = 0;
	if (!store) return deleted;
	for (const name of WEBLLM_CACHES) {
		if (!(await store.has(name))) continue;
		const cache = await store.open(name);
		for (const request of await cache.keys()) {
			if (belongsTo(request.url, model) && (await cache.delete(request))) deleted++;
		}
	}
	return deleted;
}
