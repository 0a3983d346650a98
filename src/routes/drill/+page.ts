import { drill } from '$lib/i18n/catalog/drill.ts';
import { pageTitle } from '$lib/i18n/page-title.ts';
import { beforeFirstRender, settledWithin } from '$lib/first-screen.ts';
import { learners } from '$lib/learners/learners.svelte.ts';
import { readDrillOpening, type DrillOpening } from './first-view.ts';
import type { PageLoad } from './$types';

/** The learner's unfinished drill, read while the app starts (the records are usually ready in time), so the first
 * render shows its image rather than "Loading…" first; undefined when slower, or when the app is already running
 * (a later visit to the page, or a preload that may be stale by the time it is used): the page then reads it itself. */
async function opening(startNew: boolean): Promise<DrillOpening | undefined> {
	await learners.load();
	if (!learners.currentId) return undefined;
	return readDrillOpening(learners.store, learners.currentId, startNew);
}

export const load: PageLoad = async ({ url }) => {
	const first = beforeFirstRender() ? await settledWithin(opening(url.searchParams.has('new'))) : undefined;
	return { title: pageTitle(drill, 'title'), opening: first?.value };
};
