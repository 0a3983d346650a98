import { at } from '../arrays.ts';
import { inTaxonomyOrder, type CellClassId } from '../cells/taxonomy.ts';

/**
 * Seeded, stratified sampling of drill items. Pure: the same bank, classes, length and seed give
 * the same plan on every device, so a drill (and an assignment) can be rebuilt from its seed.
 */

/** A uniform [0, 1) generator. mulberry32: tiny, fast, good enough for shuffling quiz items. */
export type Random = () => number;

export function mulberry32(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Fisher–Yates into a new array; the input is left untouched. */
export function shuffled<T>(values: readonly T[], random: Random): T[] {
	const out = values.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [at(out, j), at(out, i)];
	}
	return out;
}

/** A fresh unsigned 32-bit seed for a new drill. */
export function newSeed(): number {
	const buffer = new Uint32Array(1);
	globalThis.crypto.getRandomValues(buffer);
	return at(buffer, 0);
}

export interface SampleableItem {
	id: string;
	label: CellClassId;
}

export interface DrillPlanSpec {
	classes: readonly CellClassId[];
	length: number;
	seed: number;
}

/**
 * Plans a drill: `length` distinct item ids spread over `classes` as evenly as possible.
 *
 * Classes take turns (in a seeded order) giving one item each, so their counts differ by at most
 * one; a class that runs out of items drops out of the rotation and the others fill its place.
 * The final order is shuffled so that the rotation cannot be guessed. Returns fewer than `length`
 * ids only when the chosen classes hold fewer items than that in total. Duplicated item ids in
 * the input are used once.
 */
export function planDrill(items: readonly SampleableItem[], spec: DrillPlanSpec): string[] {
	if (!Number.isInteger(spec.length) || spec.length < 0) throw new RangeError(`Invalid drill length: ${spec.length}`);
	const random = mulberry32(spec.seed);
	const classes = inTaxonomyOrder(spec.classes);

	const byClass = new Map<CellClassId, string[]>(classes.map((c) => [c, []]));
	const seen = new Set<string>();
	for (const item of items) {
		const pool = byClass.get(item.label);
		if (!pool || seen.has(item.id)) continue;
		seen.add(item.id);
		pool.push(item.id);
	}
	// Sort before shuffling so the plan does not depend on the order items arrive in.
	const pools = shuffled(classes, random)
		.map((c) => shuffled([...byClass.get(c)!].sort(), random))
		.filter((pool) => pool.length > 0);

	const picked: string[] = [];
	let round = 0;
	while (picked.length < spec.length && pools.some((pool) => round < pool.length)) {
		for (const pool of pools) {
			if (picked.length === spec.length) break;
			if (round < pool.length) picked.push(at(pool, round));
		}
		round++;
	}
	return shuffled(picked, random);
}

/** How many items each class holds, for the setup screen. */
export function countByClass(items: readonly SampleableItem[]): Map<CellClassId, number> {
	const counts = new Map<CellClassId, number>();
	for (const item of items) counts.set(item.label, (counts.get(item.label) ?? 0) + 1);
	return counts;
}

/** How many synthetic items each class holds (classes with none are absent), for what says how many are synthetic. */
export function countSyntheticByClass(items: readonly (SampleableItem & { provenance: string })[]): Map<CellClassId, number> {
	return countByClass(items.filter((item) => item.provenance === 'synthetic'));
}
