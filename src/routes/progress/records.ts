import { learners } from '$lib/learners/learners.svelte.ts';
import type { Attempt } from '$lib/progress/records.ts';

/**
 * What the progress page reads: the current learner's attempts. The page's load declares that it
 * depends on RECORDS; importing a backup or switching the learner invalidates it
 * (`invalidate(RECORDS)`), so SvelteKit loads the page's data again.
 */
export const RECORDS = 'leukodex:progress-records';

export interface ProgressRecords {
	/** the learner whose records these are; null when no learner is chosen */
	learnerId: string | null;
	/** read in the background: the page shows at once, with "Loading…" until they are in */
	records: Promise<{ attempts: Attempt[]; now: number }> | null;
}

export async function loadProgressRecords(): Promise<ProgressRecords> {
	await learners.load();
	const learnerId = learners.currentId;
	const records = learnerId ? learners.store.listAttempts(learnerId).then((attempts) => ({ attempts, now: Date.now() })) : null;
	// a failure is shown by the page (its {#await}); this keeps it from also being reported as unhandled
	records?.catch(() => {});
	return { learnerId, records };
}
