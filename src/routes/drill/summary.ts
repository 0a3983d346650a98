import { inTaxonomyOrder, type CellClassId } from '$lib/cells/taxonomy.ts';
import type { Attempt, Drill } from '$lib/progress/records.ts';

export interface DrillSummary {
	answered: number;
	correct: number;
	/** correct / answered, null when nothing was answered */
	accuracy: number | null;
	/** sum of the time spent looking at each image before answering */
	answeringMs: number;
	/** planned items without an answer (skipped because their image failed) */
	skipped: number;
	/** wrong attempts in the order the items were shown */
	misses: Attempt[];
	/** classes involved in the misses, both the true and the given ones, in taxonomy order */
	reviewClasses: CellClassId[];
}

/** The end-of-drill figures, from the attempts stored for that drill. */
export function summarizeDrill(drill: Pick<Drill, 'id' | 'itemIds'>, attempts: readonly Attempt[]): DrillSummary {
	const order = new Map(drill.itemIds.map((id, i) => [id, i]));
	const own = attempts
		.filter((a) => a.drillId === drill.id && order.has(a.itemId))
		.sort((a, b) => order.get(a.itemId)! - order.get(b.itemId)!);
	const correct = own.filter((a) => a.correct).length;
	const misses = own.filter((a) => !a.correct);
	return {
		answered: own.length,
		correct,
		accuracy: own.length ? correct / own.length : null,
		answeringMs: own.reduce((sum, a) => sum + a.msToAnswer, 0),
		skipped: drill.itemIds.length - own.length,
		misses,
		reviewClasses: inTaxonomyOrder(misses.flatMap((a) => [a.trueClass, a.answeredClass]))
	};
}

/** Whole minutes and remaining seconds, for "3 min 05 s". */
export function minutesSeconds(ms: number): { minutes: number; seconds: number } {
	const total = Math.round(Math.max(0, ms) / 1000);
	return { minutes: Math.floor(total / 60), seconds: total % 60 };
}
