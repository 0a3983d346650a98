import type { CellClassId } from '$lib/cells/taxonomy.ts';

/**
 * Answer keys: 1–9, 0, then letters. N (next) and Z (zoom) are left out so that they never
 * answer by accident; the list covers more classes than the taxonomy has.
 */
export const ANSWER_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', ...'abcdefghijklmopqrstuvwxy'] as const;

export interface AnswerOption {
	cellClass: CellClassId;
	key: string;
}

/** Pairs classes (already in display order) with their keys. */
export function answerOptions(classes: readonly CellClassId[]): AnswerOption[] {
	if (classes.length > ANSWER_KEYS.length) throw new RangeError(`At most ${ANSWER_KEYS.length} answer classes have keys.`);
	return classes.map((cellClass, i) => ({ cellClass, key: ANSWER_KEYS[i] }));
}

/** The class a key press answers, or null. Case-insensitive; ignores keys with modifiers. */
export function optionForKey(
	options: readonly AnswerOption[],
	event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>
): CellClassId | null {
	if (event.ctrlKey || event.metaKey || event.altKey) return null;
	const key = event.key.toLowerCase();
	return options.find((o) => o.key === key)?.cellClass ?? null;
}

/** Keys typed into a form field or used by a focused control belong to that element, not to the drill. */
export function isOwnedByControl(target: EventTarget | null): boolean {
	if (!target || typeof (target as Element).closest !== 'function') return false;
	return (target as Element).closest('input, select, textarea, [contenteditable="true"]') !== null;
}
