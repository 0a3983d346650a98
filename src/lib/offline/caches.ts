/**
 * Names shared by the service worker (src/service-worker.ts) and the page: which Cache Storage
 * caches hold what. No DOM, no svelte: imported by both sides.
 */

/** The app shell of one build (code, lessons, bank.json, predictions.json, the classifier): replaced whole by the next version. */
export const shellCache = (version: string) => `leukodex-shell-${version}`;

/** Bank images, named by content (so an entry never goes stale); kept across app versions. */
export const IMAGE_CACHE = 'leukodex-images-v1';

/** Files fetched afresh whenever the network answers, and from the cache when it does not. */
export const NETWORK_FIRST = ['/bank/bank.json', '/bank/predictions.json', '/models/classifier/card.json'];

/** Precached with the shell though not part of the build's own file list. */
export const EXTRA_SHELL_FILES = [
	'/',
	'/bank/bank.json',
	'/bank/predictions.json',
	'/models/classifier/card.json',
	'/models/classifier/model.onnx'
];

export const isBankImage = (pathname: string, base = '') => pathname.startsWith(`${base}/bank/images/`);

/** The message a page sends to a waiting service worker to take over now (the learner asked to reload). */
export const SKIP_WAITING = 'leukodex:skip-waiting';
