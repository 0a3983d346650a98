import type { Bank } from '$lib/bank/schema.ts';
import { newSeed } from '$lib/bank/sampling.ts';
import { planAdaptiveDrill } from '$lib/bank/adaptive.ts';
import type { CellClassId } from '$lib/cells/taxonomy.ts';
import type { Drill } from '$lib/progress/records.ts';
import type { ProgressStore } from '$lib/progress/store.ts';
import type { AssignmentStore } from '$lib/progress/assignment-repository.ts';
import { planReview } from '$lib/progress/review-plan.ts';
import { missedItems } from '$lib/progress/weak.ts';
import { planDrill } from '$lib/bank/sampling.ts';
import { DEFAULT_IMAGE_MIX, itemsForMix } from '$lib/bank/mix.ts';
import { dueToday } from '$lib/progress/schedule.ts';
import { classWeights, ADAPTIVE_WINDOW_MS } from '$lib/progress/adaptive.ts';

/** How far back the weak-type review looks. */
export const REVIEW_WINDOW_MS = 60 * 86_400_000;
export const REVIEW_LENGTH = 12;

/**
 * Starts a "Review my weak types" drill (see progress/review-plan.ts) after setting aside an
 * unfinished drill. Null when there is nothing to review.
 */
export async function startReviewDrill(
	store: ProgressStore,
	schedule: AssignmentStore,
	learnerId: string,
	bank: Bank,
	length = REVIEW_LENGTH
): Promise<Drill | null> {
	const now = Date.now();
	const [attempts, cards] = await Promise.all([
		store.listAttempts(learnerId, { since: now - REVIEW_WINDOW_MS }),
		schedule.listSchedule(learnerId)
	]);
	const dueItemIds = new Set(dueToday(cards, now).items.map((c) => c.itemId!));
	const seed = newSeed();
	// new images follow the default real/synthetic mix; an image the learner already answered (e.g. a miss that
	// is due again) stays reviewable whatever it is
	const mixed = new Set(itemsForMix(bank.items, DEFAULT_IMAGE_MIX).map((i) => i.id));
	const answered = new Set(attempts.map((a) => a.itemId));
	const items = bank.items.filter((i) => mixed.has(i.id) || answered.has(i.id) || dueItemIds.has(i.id));
	const plan = planReview(items, attempts, { length, seed, dueItemIds });
	if (!plan) return null;
	const active = await store.getActiveDrill(learnerId);
	if (active) await store.abandonDrill(active.id);
	return store.startDrill({
		learnerId,
		kind: 'review',
		classes: plan.classes,
		itemIds: plan.itemIds,
		seed,
		contrasts: plan.contrasts,
		imageMix: DEFAULT_IMAGE_MIX
	});
}

/**
 * An ordinary drill's items, adaptive: each class weighted by the learner's recent recall and its
 * FSRS due date (progress/adaptive.ts), so weaker classes come up more often.
 */
export async function planOrdinaryDrill(
	store: ProgressStore,
	schedule: AssignmentStore,
	learnerId: string,
	bank: Bank,
	classes: CellClassId[],
	length: number,
	seed: number
): Promise<string[]> {
	const now = Date.now();
	const [attempts, cards] = await Promise.all([
		store.listAttempts(learnerId, { since: now - ADAPTIVE_WINDOW_MS }),
		schedule.listSchedule(learnerId)
	]);
	const dueClasses = new Set(dueToday(cards, now).classes.map((c) => c.cellClass));
	const weights = classWeights(attempts, classes, dueClasses, now);
	return planAdaptiveDrill(bank.items, { classes, length, seed, weights });
}

/**
 * "Review my misses" after a drill: the same classes, up to half of it the exact images the learner
 * missed in them (most recent first), the rest new images of those classes.
 */
export async function planMissesReview(
	store: ProgressStore,
	learnerId: string,
	bank: Bank,
	classes: CellClassId[],
	length: number,
	seed: number
): Promise<string[]> {
	const attempts = await store.listAttempts(learnerId, { since: Date.now() - REVIEW_WINDOW_MS });
	const inBank = new Set(bank.items.map((i) => i.id));
	const missed = missedItems(attempts, classes)
		.filter((id) => inBank.has(id))
		.slice(0, Math.ceil(length / 2));
	const taken = new Set(missed);
	const rest = planDrill(
		bank.items.filter((i) => !taken.has(i.id)),
		{ classes, length: length - missed.length, seed }
	);
	return [...missed, ...rest].sort((a, b) => hash(a, seed) - hash(b, seed));
}

/** A seeded order for mixing the missed images among the new ones. */
function hash(id: string, seed: number): number {
	let h = seed >>> 0;
	for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 2654435761) >>> 0;
	return h;
}
