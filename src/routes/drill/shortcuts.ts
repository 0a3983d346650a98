import { at } from '$lib/arrays.ts';
import { CELL_CLASS_IDS, inTaxonomyOrder, type CellClassId } from '$lib/cells/taxonomy.ts';

/**
 * Answer keys: 1–9, 0, then letters. N (next) and Z (zoom) are left out so that they never
 * answer by accident; the list covers more classes than the taxonomy has.
 */
export const ANSWER_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', ...'abcdefghijklmopqrstuvwxy'] as const;

export interface AnswerOption {
	cellClass: CellClassId;
	key: string;
}

/**
 * Pairs a drill's classes with their keys. A class's key is its place in `keyOrder` (the bank's
 * classes, in taxonomy order), so it keeps that key in every drill, a review of misses included;
 * the options come in that one order too. Classes not in `keyOrder` follow it, in taxonomy order.
 */
export function answerOptions(classes: readonly CellClassId[], keyOrder: readonly CellClassId[] = CELL_CLASS_IDS): AnswerOption[] {
	const order = [...keyOrder, ...inTaxonomyOrder(classes.filter((c) => !keyOrder.includes(c)))];
	if (order.length > ANSWER_KEYS.length) throw new RangeError(`At most ${ANSWER_KEYS.length} answer classes have keys.`);
	const wanted = new Set(classes);
	return order.flatMap((cellClass, i) => (wanted.has(cellClass) ? [{ cellClass, key: at(ANSWER_KEYS, i) }] : []));
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
