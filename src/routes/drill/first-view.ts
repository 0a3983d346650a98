import type { Attempt, Drill } from '$lib/progress/records.ts';
import type { ProgressStore } from '$lib/progress/store.ts';

/** What the drill page opens on for a learner: their unfinished drill (and, if they reloaded on its feedback, the
 * attempt it shows), or the setup. */
export interface DrillOpening {
	learnerId: string;
	/** the learner's active drill, if any */
	active: Drill | undefined;
	/** resume that drill (not asked for a new one) */
	resume: boolean;
	/** with `resume`: the stored attempt of active.feedbackOn, whose feedback the page shows again */
	resumeFeedback?: Attempt;
}

/** Reads what the drill page opens on (rejects if the records cannot be read). */
export async function readDrillOpening(store: ProgressStore, learnerId: string, startNew: boolean): Promise<DrillOpening> {
	const active = await store.getActiveDrill(learnerId);
	if (!active || startNew) return { learnerId, active, resume: false };
	const resumeFeedback =
		active.feedbackOn === undefined
			? undefined
			: (await store.listAttempts(learnerId, { drillId: active.id })).find((a) => a.itemId === active.feedbackOn);
	return { learnerId, active, resume: true, resumeFeedback };
}

const used = new WeakSet<DrillOpening>();

/**
 * The opening the page's load read before the first render, once: a later mount of the drill (another learner
 * chosen and then this one again) reads the records anew rather than trust what may have changed since.
 */
export function takeOpening(opening: DrillOpening | undefined, learnerId: string): DrillOpening | undefined {
	if (!opening || opening.learnerId !== learnerId || used.has(opening)) return undefined;
	used.add(opening);
	return opening;
}
