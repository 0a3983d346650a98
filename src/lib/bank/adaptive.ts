import { inTaxonomyOrder, type CellClassId } from '../cells/taxonomy.ts';
import { mulberry32, shuffled, type SampleableItem } from './sampling.ts';

/**
 * Adaptive drill plans: like planDrill, but classes get items in proportion to a weight (how weak
 * the learner is in them, see progress/adaptive.ts) instead of evenly. Every chosen class still
 * gets at least one item when the drill is long enough for that. Pure and seeded.
 */
export interface AdaptivePlanSpec {
	classes: readonly CellClassId[];
	length: number;
	seed: number;
	/** relative weight per class (missing: 1); only the ratios matter */
	weights: ReadonlyMap<CellClassId, number>;
}

/**
 * How many items each class gets: at least one each (if length allows), the rest by weight (largest
 * remainder), capped by what each class holds.
 */
export function allocate(
	length: number,
	classes: readonly CellClassId[],
	weights: ReadonlyMap<CellClassId, number>,
	available: ReadonlyMap<CellClassId, number>
): Map<CellClassId, number> {
	const quota = new Map<CellClassId, number>(classes.map((c) => [c, 0]));
	let open = classes.filter((c) => (available.get(c) ?? 0) > 0);
	let left = Math.min(
		length,
		open.reduce((n, c) => n + available.get(c)!, 0)
	);
	if (left >= open.length) {
		for (const c of open) quota.set(c, 1);
		left -= open.length;
	}
	while (left > 0) {
		open = open.filter((c) => quota.get(c)! < available.get(c)!);
		if (open.length === 0) break;
		const total = open.reduce((n, c) => n + Math.max(weights.get(c) ?? 1, 0.0001), 0);
		const shares = open.map((c) => {
			const exact = (left * Math.max(weights.get(c) ?? 1, 0.0001)) / total;
			return { c, floor: Math.floor(exact), rest: exact - Math.floor(exact) };
		});
		let given = 0;
		for (const s of shares) {
			const take = Math.min(s.floor, available.get(s.c)! - quota.get(s.c)!);
			quota.set(s.c, quota.get(s.c)! + take);
			given += take;
		}
		// remainders: one each, largest first (taxonomy order breaks ties, so the plan is stable)
		for (const s of shares.sort((a, b) => b.rest - a.rest)) {
			if (given >= left) break;
			if (s.rest > 0 && quota.get(s.c)! < available.get(s.c)!) {
				quota.set(s.c, quota.get(s.c)! + 1);
				given++;
			}
		}
		if (given === 0) {
			// every share rounded to nothing: hand out one item to the heaviest class still open
			const heaviest = open.reduce((best, c) => ((weights.get(c) ?? 1) > (weights.get(best) ?? 1) ? c : best));
			quota.set(heaviest, quota.get(heaviest)! + 1);
			given = 1;
		}
		left -= given;
	}
	return quota;
}

export function planAdaptiveDrill(items: readonly SampleableItem[], spec: AdaptivePlanSpec): string[] {
	if (!Number.isInteger(spec.length) || spec.length < 0) throw new RangeError(`Invalid drill length: ${spec.length}`);
	const random = mulberry32(spec.seed);
	const classes = inTaxonomyOrder(spec.classes);
	const pools = new Map<CellClassId, string[]>(classes.map((c) => [c, []]));
	const seen = new Set<string>();
	for (const item of items) {
		const pool = pools.get(item.label);
		if (!pool || seen.has(item.id)) continue;
		seen.add(item.id);
		pool.push(item.id);
	}
	const quota = allocate(spec.length, classes, spec.weights, new Map(classes.map((c) => [c, pools.get(c)!.length])));
	const picked: string[] = [];
	for (const c of classes) picked.push(...shuffled(pools.get(c)!.sort(), random).slice(0, quota.get(c)));
	return shuffled(picked, random);
}
