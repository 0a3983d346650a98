import type { CellClassId } from '../cells/taxonomy.ts';

/**
 * How much more often a class comes up in an ordinary drill. From the learner's answers in the
 * last 30 days: weight = 1 + 3 × (1 − r̂), where r̂ = (correct + 1) / (attempts + 2) is the recall
 * with one imagined right and one imagined wrong answer added (so two answers do not swing it).
 * A class the learner always gets right tends to weight 1, one they always miss to 4; a class due
 * for review in the FSRS schedule gets ×1.5. Classes never answered sit in the middle (2.5).
 */
export const ADAPTIVE_WINDOW_MS = 30 * 86_400_000;
export const DUE_BOOST = 1.5;

export function classWeights(
	attempts: readonly { trueClass: CellClassId; answeredClass: CellClassId; at: number }[],
	classes: readonly CellClassId[],
	dueClasses: ReadonlySet<CellClassId>,
	now: number
): Map<CellClassId, number> {
	const since = now - ADAPTIVE_WINDOW_MS;
	const counts = new Map<CellClassId, { n: number; ok: number }>();
	for (const a of attempts) {
		if (a.at < since) continue;
		const c = counts.get(a.trueClass) ?? { n: 0, ok: 0 };
		c.n++;
		if (a.trueClass === a.answeredClass) c.ok++;
		counts.set(a.trueClass, c);
	}
	return new Map(
		classes.map((cellClass) => {
			const c = counts.get(cellClass) ?? { n: 0, ok: 0 };
			const recall = (c.ok + 1) / (c.n + 2);
			return [cellClass, (1 + 3 * (1 - recall)) * (dueClasses.has(cellClass) ? DUE_BOOST : 1)];
		})
	);
}
