import { at } from '../arrays.ts';
import { inTaxonomyOrder, type CellClassId } from '../cells/taxonomy.ts';
import { mulberry32, planDrill, shuffled, type SampleableItem } from '../bank/sampling.ts';
import { lookAlikesOf, missedItems, rankWeakClasses, type GradedAttempt, type WeakRanking } from './weak.ts';

/** A side-by-side item: the target and a foil of the class it is confused with ("which one is the band?"). */
export interface ContrastPair {
	itemId: string;
	foilId: string;
}

export interface ReviewPlan {
	/** the classes reviewed (weak ones, what they are mistaken for, their look-alikes): the answer buttons */
	classes: CellClassId[];
	itemIds: string[];
	/** items of itemIds shown as contrast pairs */
	contrasts: ContrastPair[];
	/** items of itemIds the learner missed before (the exact images) */
	missed: string[];
	ranking: WeakRanking;
}

/**
 * A "Review my weak types" drill: up to half of it the exact images the learner missed in those
 * classes (those due in the schedule first), up to two side-by-side contrast items per recurring
 * confusion (at most 3), and the rest fresh images of the same classes. Null when there is nothing
 * weak or confused to review.
 */
export function planReview(
	items: readonly SampleableItem[],
	attempts: readonly GradedAttempt[],
	options: { length: number; seed: number; dueItemIds?: ReadonlySet<string> }
): ReviewPlan | null {
	const ranking = rankWeakClasses(attempts);
	const focus = ranking.weak.slice(0, 3).map((c) => c.cellClass);
	const confusions = ranking.confusions
		.filter((p) => focus.length === 0 || focus.includes(p.trueClass) || focus.includes(p.answeredClass))
		.slice(0, 3);
	for (const p of confusions) if (!focus.includes(p.trueClass)) focus.push(p.trueClass);
	if (focus.length === 0) return null;

	const inBank = new Set(items.map((i) => i.label));
	const partners = confusions.map((p) => p.answeredClass);
	const classes = inTaxonomyOrder([...focus, ...partners, ...lookAlikesOf(focus, 1)]).filter((c) => inBank.has(c));
	const itemIdsInBank = new Map(items.map((i) => [i.id, i.label]));
	const random = mulberry32(options.seed);
	const due = options.dueItemIds ?? new Set<string>();

	const missedAll = missedItems(attempts, classes).filter((id) => itemIdsInBank.has(id));
	const missed = [...missedAll.filter((id) => due.has(id)), ...missedAll.filter((id) => !due.has(id))].slice(
		0,
		Math.ceil(options.length / 2)
	);
	const used = new Set(missed);
	// "new images" are ones the learner has not answered in the window (an older miss beyond the half is not new);
	// answered ones fill in only when a class has too few unanswered images
	const answered = new Set(attempts.map((a) => a.itemId));
	const unansweredFirst = (ids: string[]) => [...ids.filter((id) => !answered.has(id)), ...ids.filter((id) => answered.has(id))];

	/** `n` new images of the review's classes: unanswered ones when there are enough, else any not used yet */
	const fill = (n: number) => {
		const seed = Math.floor(random() * 2 ** 32);
		const unused = items.filter((i) => !used.has(i.id));
		const unanswered = unused.filter((i) => !answered.has(i.id));
		const enough = unanswered.filter((i) => classes.includes(i.label)).length >= n;
		return planDrill(enough ? unanswered : unused, { classes, length: n, seed });
	};

	const contrasts: ContrastPair[] = [];
	const fresh = (cellClass: CellClassId) =>
		unansweredFirst(
			shuffled(
				items
					.filter((i) => i.label === cellClass && !used.has(i.id))
					.map((i) => i.id)
					.sort(),
				random
			)
		);
	for (const pair of confusions) {
		if (missed.length + contrasts.length >= options.length) break;
		const targets = fresh(pair.trueClass);
		const foils = fresh(pair.answeredClass);
		for (let k = 0; k < 2 && k < targets.length && k < foils.length && missed.length + contrasts.length < options.length; k++) {
			const itemId = at(targets, k);
			const foilId = at(foils, k);
			contrasts.push({ itemId, foilId });
			used.add(itemId).add(foilId);
		}
	}

	const rest = options.length - missed.length - contrasts.length;
	const filler = rest > 0 ? fill(rest) : [];
	const itemIds = shuffled([...missed, ...contrasts.map((c) => c.itemId), ...filler], random);
	return { classes, itemIds, contrasts, missed, ranking };
}
