/**
 * The drill's current image, remembered so that a reload or a later visit to /drill can start downloading
 * it while the app's code is still loading (see the inline script in src/app.html, which reads the same key).
 * Only a head start for the browser's cache: what the drill shows always comes from the records.
 */
export const DRILL_IMAGE_HINT_KEY = 'leukodex.drillImage';

export function rememberDrillImage(url: string): void {
	try {
		globalThis.localStorage?.setItem(DRILL_IMAGE_HINT_KEY, url);
	} catch {
		// storage full or blocked: the hint is an optimisation, the drill does not need it
	}
}
