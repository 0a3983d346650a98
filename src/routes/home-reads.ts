import { lazy } from '$lib/lazy.ts';

/**
 * What the home page's "due today" line reads: the assignment store (and with it dexie, the assignment codecs and
 * their zip reader) and the review schedule (FSRS). Loaded when that line is first read, not with the home page's
 * own code: a first visit's home page (the start panel and the learner picker) does not wait for about 60 kB
 * (gzipped) of code it does not show; the line appears when its reads are done, as it already did.
 */
export const homeReads = lazy(async () => {
	const [{ getAssignmentStore }, { dueToday }] = await Promise.all([
		import('$lib/progress/assignment-repository.ts'),
		import('$lib/progress/schedule.ts')
	]);
	return { store: getAssignmentStore(), dueToday };
});
