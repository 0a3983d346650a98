/**
 * The body of a `beforeunload` handler for pages that take answers: while an answer has been given but is not
 * stored yet (still saving, or kept in memory after a failed save), a reload or a closed tab would lose it, so
 * the browser asks the learner first. Navigating inside the app needs no guard: the save goes on.
 */
export function askBeforeLeaving(event: BeforeUnloadEvent, answerUnsaved: boolean): void {
	if (!answerUnsaved) return;
	event.preventDefault();
	// older Safari and Firefox ask only when returnValue is set
	event.returnValue = '';
}
