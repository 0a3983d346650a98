/**
 * A page's first screen: what its load may wait for so that the first render already shows it.
 *
 * The bank (preloaded by app.html) and the learner's records (IndexedDB) are usually ready by the time the app's
 * code has run. A load that returns them only as promises renders "Loading…" first and the page a moment later: two
 * renders, two layouts, on the device where that costs most. So a load waits a little for them: what settles within
 * FIRST_SCREEN_WAIT_MS is rendered at once; what does not (a slow network, a busy disk) is shown as "Loading…" and
 * arrives as before. The wait is short enough that a slow bank never holds the page back noticeably.
 */
export const FIRST_SCREEN_WAIT_MS = 120;

/** `{ value }` if `promise` fulfils within `ms`; undefined if it is slower or rejects (the caller's promise still
 * reports the failure where it is awaited). */
export function settledWithin<T>(promise: Promise<T>, ms = FIRST_SCREEN_WAIT_MS): Promise<{ value: T } | undefined> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(undefined), ms);
		promise.then(
			(value) => {
				clearTimeout(timer);
				resolve({ value });
			},
			() => {
				clearTimeout(timer);
				resolve(undefined);
			}
		);
	});
}

let rendered = false;

/**
 * Whether no page of this visit has been on screen yet. Only a load run before that is certainly not a preload
 * (SvelteKit runs a link's load when the pointer rests on it and keeps the result until that navigation, however
 * late): data read from the records for the first screen is used only then, so it cannot be out of date.
 */
export function beforeFirstRender(): boolean {
	return !rendered;
}

/** Called by the root layout once it is on screen. */
export function markRendered(): void {
	rendered = true;
}
