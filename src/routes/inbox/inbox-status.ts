import type { InboxEntry } from '$lib/progress/assignment-records.ts';
import type { Drill } from '$lib/progress/records.ts';

/** Where a trainee stands with one assignment, for the inbox list. */
export type InboxStatus =
	{ kind: 'new' } | { kind: 'progress'; done: number; total: number } | { kind: 'done'; correct: number; total: number };

export function inboxStatus(entry: InboxEntry, drill: Drill | undefined, answers: { correct: boolean }[]): InboxStatus {
	if (!drill) return { kind: 'new' };
	const total = entry.spec.items.count;
	if (drill.finishedAt !== undefined || drill.abandonedAt !== undefined)
		return { kind: 'done', correct: answers.filter((a) => a.correct).length, total };
	return { kind: 'progress', done: answers.length, total };
}

/** The local calendar day today, YYYY-MM-DD, to compare with a spec's dueDay. */
export function todayKey(now = new Date()): string {
	return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A YYYY-MM-DD day as a local date (noon, so no time zone moves it to another day). */
export function dayDate(day: string): Date {
	const [y = NaN, m = NaN, d = NaN] = day.split('-').map(Number);
	return new Date(y, m - 1, d, 12);
}
