import { lazy } from '$lib/lazy.ts';
import { preloadRecords } from '$lib/learners/learners.svelte.ts';

/*
 * The drill's first screen is an image and its answer buttons (or, for a new drill, the setup). What
 * comes later — the feedback, the summary, a contrast pair, planning a new drill — is loaded on first
 * use, and ahead of it once the first image is on screen (preloadLaterParts), so the first image does
 * not wait for their code and the feedback does not wait for the network.
 */
export const feedbackView = lazy(() => import('./DrillFeedback.svelte').then((m) => m.default));
export const setupView = lazy(() => import('./DrillSetup.svelte').then((m) => m.default));
export const summaryView = lazy(() => import('./DrillSummary.svelte').then((m) => m.default));
export const contrastView = lazy(() => import('./ContrastItemView.svelte').then((m) => m.default));
/** what starting a drill needs: the adaptive plan and the assignment store it reads */
export const drillPlanning = lazy(async () => {
	const [plans, assignments] = await Promise.all([
		import('$lib/progress/review-drill.ts'),
		import('$lib/progress/assignment-repository.ts')
	]);
	return { ...plans, getAssignmentStore: assignments.getAssignmentStore };
});

let preloading = false;

/**
 * Loads, when the browser is idle, what the learner will need after the first image (once per page): one part per
 * idle period, the feedback first (the first answer needs it). Started all in one idle callback, the module
 * preloads of all parts made one task of ~130 ms at a 4× CPU slow-down just after the first image, when a key
 * press would have waited for it.
 */
export function preloadLaterParts(): void {
	if (preloading) return;
	preloading = true;
	const parts: (() => unknown)[] = [feedbackView, preloadRecords, contrastView, summaryView, setupView, drillPlanning];
	const next = () => {
		const part = parts.shift();
		if (!part) return;
		Promise.resolve()
			.then(part)
			.catch(() => {}); // tried again on first use
		whenIdle(next);
	};
	whenIdle(next);
}

function whenIdle(run: () => void): void {
	if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
	else setTimeout(run, 200);
}
