import { at } from '../arrays.ts';
import { inTaxonomyOrder, type CellClassId } from '../cells/taxonomy.ts';
import { MIN_ATTEMPTS, WEAK_RECALL } from './weak.ts';

/**
 * Recall per class week by week, and when a class left the weak list. A class is on the weak list
 * at the end of a week when its answers in that week and the one before (a fortnight, so a single
 * quiet week does not decide) number at least MIN_ATTEMPTS and its recall is below WEAK_RECALL,
 * the same rule as the review page's ranking; with fewer answers it keeps the status it had. It "left"
 * the list in the first week after being on
 * it in which it had enough answers and recall at or above WEAK_RECALL.
 */
export const WEEK_MS = 7 * 86_400_000;

export interface WeekCell {
	total: number;
	correct: number;
	/** null for a week without answers of this class */
	recall: number | null;
	weak: boolean;
	/** the class left the weak list in this week */
	left: boolean;
}

export interface WeeklyRow {
	cellClass: CellClassId;
	weeks: WeekCell[];
}

export interface WeeklyRecall {
	/** start (epoch ms) of each week, oldest first; the last week ends at `now` */
	weekStarts: number[];
	rows: WeeklyRow[];
}

export function weeklyRecall(
	attempts: readonly { trueClass: CellClassId; answeredClass: CellClassId; at: number }[],
	now: number,
	weeks = 8
): WeeklyRecall {
	const first = now - weeks * WEEK_MS;
	const weekStarts = Array.from({ length: weeks }, (_, i) => first + i * WEEK_MS);
	const counts = new Map<CellClassId, { total: number; correct: number }[]>();
	for (const a of attempts) {
		if (a.at < first || a.at > now) continue;
		const w = Math.min(weeks - 1, Math.floor((a.at - first) / WEEK_MS));
		let row = counts.get(a.trueClass);
		if (!row) counts.set(a.trueClass, (row = weekStarts.map(() => ({ total: 0, correct: 0 }))));
		const week = at(row, w);
		week.total++;
		if (a.trueClass === a.answeredClass) week.correct++;
	}
	const rows = inTaxonomyOrder(counts.keys()).map((cellClass) => {
		const row = counts.get(cellClass)!;
		let wasWeak = false;
		const cells = row.map((c, w) => {
			const before = w > 0 ? at(row, w - 1) : { total: 0, correct: 0 };
			const total = c.total + before.total;
			const correct = c.correct + before.correct;
			const enough = total >= MIN_ATTEMPTS;
			// too few answers to judge: the class keeps the status it had
			const weak = enough ? correct / total < WEAK_RECALL : wasWeak;
			const left = wasWeak && enough && !weak;
			if (weak) wasWeak = true;
			if (left) wasWeak = false;
			return { total: c.total, correct: c.correct, recall: c.total ? c.correct / c.total : null, weak, left };
		});
		return { cellClass, weeks: cells };
	});
	return { weekStarts, rows };
}
