import { at } from '../arrays.ts';
import { base } from '$app/paths';
import type { Bank } from '$lib/bank/schema.ts';
import { IMAGE_CACHE, SKIP_WAITING } from './caches.ts';
import { locale } from '../i18n/locale.svelte.ts';
import { isQuotaError } from '../errors.ts';

/**
 * The page's side of offline use: registers the service worker (src/service-worker.ts), notices a
 * new version waiting, asks for persistent storage, reports storage use, and downloads the bank's
 * images into the image cache on request. One shared instance, `offline`.
 */

export type DownloadState =
	| { kind: 'idle' }
	| { kind: 'running'; done: number; total: number; bytes: number }
	| { kind: 'done'; total: number; failed: number }
	/** the device has no room left: `stored` of `total` images are kept, the rest were not stored */
	| { kind: 'full'; stored: number; total: number }
	| { kind: 'error'; message: string; done: number; total: number };

class OfflineState {
	/** a new version is installed and waits for the learner to reload */
	updateReady = $state(false);
	/** the service worker controls this page (the shell is cached) */
	ready = $state(false);
	supported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
	persisted = $state<boolean | null>(null);
	usage = $state<{ used: number; quota: number } | null>(null);
	/** bank images already in the image cache, of the current bank */
	cachedImages = $state<number | null>(null);
	download = $state.raw<DownloadState>({ kind: 'idle' });

	#registration: ServiceWorkerRegistration | null = null;
	#started = false;

	/** Registers the service worker once per page; safe to call from every layout render. */
	start(): void {
		if (this.#started || !this.supported) return;
		this.#started = true;
		// after the page has loaded and settled: the first visit's precaching (the app, the
		// classifier) must not compete with the first drill image, nor the storage requests (persist, estimate)
		// with the first screen's reads of the records, which go to the same storage
		const later = () =>
			setTimeout(() => {
				void this.requestPersistence();
				void this.#register();
			}, 1500);
		if (document.readyState === 'complete') later();
		else addEventListener('load', later, { once: true });
	}

	async #register(): Promise<void> {
		try {
			const registration = await navigator.serviceWorker.register(`${base}/service-worker.js`, {
				type: import.meta.env.DEV ? 'module' : 'classic'
			});
			this.#registration = registration;
			const watch = (worker: ServiceWorker | null) => {
				if (!worker) return;
				const check = () => {
					// "installed" with a controller already there: a new version, not the first install
					if (worker.state === 'installed' && navigator.serviceWorker.controller) this.updateReady = true;
				};
				check();
				worker.addEventListener('statechange', check);
			};
			watch(registration.waiting);
			registration.addEventListener('updatefound', () => watch(registration.installing));
			navigator.serviceWorker.ready.then(() => (this.ready = true));
			if (navigator.serviceWorker.controller) this.ready = true;
			navigator.serviceWorker.addEventListener('controllerchange', () => {
				if (this.#reloading) location.reload();
				this.ready = true;
			});
		} catch {
			// no service worker (private mode, an old browser): the app still works online
		}
	}

	#reloading = false;

	/** Switches to the waiting version and reloads the page with it. */
	reloadToUpdate(): void {
		const waiting = this.#registration?.waiting;
		if (!waiting) {
			location.reload();
			return;
		}
		this.#reloading = true;
		waiting.postMessage(SKIP_WAITING);
	}

	/** Asks the browser not to evict this site's data (records, cached files) under storage pressure. */
	async requestPersistence(): Promise<void> {
		if (typeof navigator === 'undefined' || !navigator.storage?.persist) return;
		try {
			this.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
		} catch {
			this.persisted = false;
		}
		await this.refreshUsage();
	}

	async refreshUsage(): Promise<void> {
		if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return;
		try {
			const estimate = await navigator.storage.estimate();
			this.usage = { used: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
		} catch {
			this.usage = null;
		}
	}

	/** How many of the bank's images are already stored for offline use. */
	async countCached(bank: Bank): Promise<void> {
		if (typeof caches === 'undefined') return;
		try {
			const cache = await caches.open(IMAGE_CACHE);
			const stored = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
			this.cachedImages = imagePaths(bank).filter((p) => stored.has(p)).length;
		} catch {
			this.cachedImages = null;
		}
	}

	/**
	 * Downloads every image of the bank that is not stored yet, six at a time, and removes stored
	 * images the bank no longer has. Stops with a message if the connection drops or the device has
	 * no room left; what was stored stays, so pressing the button again continues.
	 */
	async downloadImages(bank: Bank): Promise<void> {
		if (this.download.kind === 'running' || typeof caches === 'undefined') return;
		const paths = imagePaths(bank);
		const total = paths.length;
		this.download = { kind: 'running', done: 0, total, bytes: 0 };
		let done = 0;
		let bytes = 0;
		let failed = 0;
		let full = false;
		try {
			const cache = await caches.open(IMAGE_CACHE);
			const wanted = new Set(paths);
			for (const request of await cache.keys()) if (!wanted.has(new URL(request.url).pathname)) await cache.delete(request);
			const stored = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
			const todo = paths.filter((p) => !stored.has(p));
			done = total - todo.length;
			this.download = { kind: 'running', done, total, bytes };
			let next = 0;
			const lane = async () => {
				while (next < todo.length && !full) {
					const path = at(todo, next++);
					const response = await fetch(path);
					if (!response.ok) {
						failed++;
					} else if (navigator.serviceWorker?.controller) {
						// the service worker stored it on the way (see respond() there): do not store it twice
						bytes += Number(response.headers.get('Content-Length') ?? 0);
						await response.body?.cancel();
					} else {
						const body = await response.arrayBuffer();
						bytes += body.byteLength;
						try {
							await cache.put(
								path,
								new Response(body, { headers: { 'Content-Type': response.headers.get('Content-Type') ?? 'image/jpeg' } })
							);
						} catch (error) {
							if (!isQuotaError(error)) throw error;
							full = true; // no lane stores more: the device is full
							break;
						}
					}
					done++;
					this.download = { kind: 'running', done, total, bytes };
				}
			};
			await Promise.all(Array.from({ length: 6 }, lane));
			// count what is really stored: the service worker stores on the way and cannot tell us it ran out of room
			await this.countCached(bank);
			const kept = this.cachedImages ?? 0;
			if (full || kept < total - failed) this.download = { kind: 'full', stored: kept, total };
			else this.download = { kind: 'done', total, failed };
		} catch (error) {
			this.download = { kind: 'error', message: locale.problem(error), done, total };
			await this.countCached(bank);
		}
		await this.refreshUsage();
	}
}

/** The image URLs (paths under the app’s base) of the drills and of the "Real or synthetic?" game, each once. */
export function imagePaths(bank: Bank): string[] {
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a value computed once, not state
	return [...new Set([...bank.items, ...(bank.realism ?? [])].map((item) => `${base}/${item.image}`))];
}

export const offline = new OfflineState();
