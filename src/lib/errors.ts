/** What went wrong, as text: an Error's message, or anything else thrown, as a string. For tools, logs and the
 * details of a boundary problem; what a learner reads goes through `locale.problem`, which says some problems in
 * the learner's language. */
export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** How Chromium, Firefox and Safari (and Vite's CSS preloading) word a lazily loaded part of the app that could not be
 * downloaded: the browser's own English text, which says nothing a learner can use beyond "it did not arrive". */
const PART_NOT_DOWNLOADED =
	/Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i;

/** A part of the app's own code did not arrive (offline, or a weak connection): the UI says so in the learner's
 * language (`locale.problem`) instead of showing the browser's English message. */
export function isPartNotDownloaded(error: unknown): boolean {
	return error instanceof Error && PART_NOT_DOWNLOADED.test(error.message);
}

/**
 * True for the errors a browser raises when it will not store more: the DOMException
 * "QuotaExceededError", dexie's QuotaExceededError, and dexie's AbortError whose inner cause is
 * one of those (a transaction aborted because a write inside it hit the quota). Dexie-free, so the offline panel
 * (first screen) can use it too.
 */
export function isQuotaError(error: unknown): boolean {
	for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
		const { name, inner, code } = e as { name?: unknown; inner?: unknown; code?: unknown };
		// code 22 is the legacy DOMException code for QuotaExceededError (old Safari)
		if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22) return true;
		e = inner ?? (e as { cause?: unknown }).cause;
	}
	return false;
}
