/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { base, build, files, prerendered, version } from '$service-worker';
import { EXTRA_SHELL_FILES, IMAGE_CACHE, isBankImage, NETWORK_FIRST, shellCache, SKIP_WAITING } from '$lib/offline/caches.ts';

/**
 * Offline: on first visit the app shell is cached — the build's code (lessons included: they are
 * bundled), prerendered pages, bank.json, predictions.json and the classifier — so a lab with weak
 * internet keeps working. Bank images are cached as they are shown, or all at once when the
 * learner asks (src/lib/offline/offline.svelte.ts). A new version installs beside the old one and
 * waits until the learner chooses to reload (the page announces it).
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = shellCache(version);

const shellFiles = [
	...build,
	...prerendered,
	...files.filter((f) => !f.startsWith(`${base}/bank/`)),
	...EXTRA_SHELL_FILES.map((f) => `${base}${f}`)
];
const networkFirst = new Set(NETWORK_FIRST.map((f) => `${base}${f}`));

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(SHELL);
			// one by one: a missing optional file (no model, no predictions) must not fail the install
			await Promise.all(
				[...new Set(shellFiles)].map(async (url) => {
					try {
						const response = await fetch(url, { cache: 'no-cache' });
						if (response.ok) await cache.put(url, response);
					} catch {
						// offline during install: the file is fetched when next needed
					}
				})
			);
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key.startsWith('leukodex-shell-') && key !== SHELL) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data === SKIP_WAITING) void sw.skipWaiting();
});

async function fromNetwork(request: Request, cacheName: string): Promise<Response> {
	const response = await fetch(request);
	if (response.ok && response.type === 'basic') {
		try {
			const cache = await caches.open(cacheName);
			await cache.put(request.url.split('?')[0], response.clone());
		} catch {
			// no room left on the device (QuotaExceededError): the learner still gets the file; the offline panel
			// counts what was stored and says the device is full
		}
	}
	return response;
}

async function respond(request: Request): Promise<Response> {
	const url = new URL(request.url);
	const path = url.pathname;
	if (isBankImage(path, base)) {
		return (await caches.match(path, { cacheName: IMAGE_CACHE })) ?? fromNetwork(request, IMAGE_CACHE);
	}
	if (networkFirst.has(path)) {
		try {
			return await fromNetwork(request, SHELL);
		} catch {
			const cached = await caches.match(path, { cacheName: SHELL });
			if (cached) return cached;
			throw new Error(`${path} is not available offline`);
		}
	}
	if (request.mode === 'navigate') {
		try {
			return await fetch(request);
		} catch {
			// a prerendered page (lessons) or else the app's fallback page, which routes on the client
			const cached = (await caches.match(path, { cacheName: SHELL })) ?? (await caches.match(`${base}/`, { cacheName: SHELL }));
			if (cached) return cached;
			throw new Error('offline and the app is not cached yet');
		}
	}
	const cached = await caches.match(path, { cacheName: SHELL });
	if (cached) return cached;
	return fetch(request);
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	event.respondWith(respond(request));
});
