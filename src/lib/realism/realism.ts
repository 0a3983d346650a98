import { at } from '../arrays.ts';
import * as v from 'valibot';
import { CellClassIdSchema } from '../cells/schema.ts';
import { inTaxonomyOrder, type CellClassId } from '../cells/taxonomy.ts';
import { mulberry32, shuffled } from '../bank/sampling.ts';

/**
 * "Real or synthetic?": the learner sees one image at a time and says whether it was photographed
 * or made by our generator. A teaching game, and our ongoing measure of the generator's realism
 * (the seed study asked three technologists the same question).
 */

export const JUDGEMENT_SCHEMA_VERSION = 1;
export const PROVENANCES = ['real', 'synthetic'] as const;
export type Provenance = (typeof PROVENANCES)[number];

export const JudgementSchema = v.object({
	schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
	/** auto-increment key, set by the database */
	id: v.optional(v.number()),
	learnerId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	itemId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	cellClass: CellClassIdSchema,
	/** what the image was */
	truth: v.picklist(PROVENANCES),
	/** what the learner said it was */
	said: v.picklist(PROVENANCES),
	msToAnswer: v.pipe(v.number(), v.minValue(0)),
	at: v.pipe(v.number(), v.integer(), v.minValue(0))
});
export type Judgement = v.InferOutput<typeof JudgementSchema>;
export type NewJudgement = Omit<Judgement, 'id' | 'schemaVersion'>;

export interface RealismItem {
	id: string;
	label: CellClassId;
	provenance: Provenance;
	/** the lab (or "synthetic") it comes from */
	source: string;
	/** a synthetic item's: the sources whose real images its class was learnt from (bank schema) */
	imitates?: readonly string[];
}

/**
 * A round: synthetic images of the classes that have them, each paired with a real image of the
 * same class, so the class never tells which is which, and of a source the generator learnt that class
 * from, so the lab's look does not tell either (Munich's segmented neutrophils are real whenever they
 * appear, the generator drew only Barcelona's); half and half, in a seeded random order.
 * Returns fewer than `length` items when the bank holds fewer pairs.
 */
export function planRealismRound(items: readonly RealismItem[], length: number, seed: number): string[] {
	const random = mulberry32(seed);
	const byId = (a: RealismItem, b: RealismItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	const synthetic = items.filter((i) => i.provenance === 'synthetic').sort(byId);
	const classes = inTaxonomyOrder([...new Set(synthetic.map((i) => i.label))]);
	const pools = new Map<CellClassId, { real: string[]; synthetic: string[] }>();
	for (const c of classes) {
		const imitated = imitatedSources(synthetic.filter((i) => i.label === c));
		pools.set(c, {
			real: shuffled(
				items
					.filter((i) => i.provenance === 'real' && i.label === c && (imitated === null || imitated.has(i.source)))
					.sort(byId)
					.map((i) => i.id),
				random
			),
			synthetic: shuffled(
				synthetic.filter((i) => i.label === c).map((i) => i.id),
				random
			)
		});
	}
	const pairs = Math.floor(length / 2);
	const picked: string[] = [];
	let round = 0;
	const order = shuffled(classes, random);
	while (picked.length / 2 < pairs) {
		let added = false;
		for (const c of order) {
			if (picked.length / 2 >= pairs) break;
			const pool = pools.get(c)!;
			if (round < pool.real.length && round < pool.synthetic.length) {
				picked.push(at(pool.real, round), at(pool.synthetic, round));
				added = true;
			}
		}
		if (!added) break;
		round++;
	}
	return shuffled(picked, random);
}

/** The sources a class's synthetic images imitate, or null when none of them says (any real image of the class pairs). */
function imitatedSources(synthetic: readonly RealismItem[]): Set<string> | null {
	const named = synthetic.filter((i) => i.imitates !== undefined);
	return named.length === 0 ? null : new Set(named.flatMap((i) => i.imitates!));
}

/** The 2×2 table: rows what the image was, columns what was said. */
export interface RealismMatrix {
	/** counts[truth][said] */
	counts: Record<Provenance, Record<Provenance, number>>;
	total: number;
	/** share of all judgements that were right; null with none */
	accuracy: number | null;
	/** share of synthetic images taken for real (the generator's realism); null with none shown */
	syntheticPassedAsReal: number | null;
	/** share of real images called synthetic; null with none shown */
	realDoubted: number | null;
}

export function realismMatrix(judgements: readonly Pick<Judgement, 'truth' | 'said'>[]): RealismMatrix {
	const counts: RealismMatrix['counts'] = { real: { real: 0, synthetic: 0 }, synthetic: { real: 0, synthetic: 0 } };
	for (const j of judgements) counts[j.truth][j.said]++;
	const total = judgements.length;
	const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
	const syntheticShown = counts.synthetic.real + counts.synthetic.synthetic;
	const realShown = counts.real.real + counts.real.synthetic;
	return {
		counts,
		total,
		accuracy: share(counts.real.real + counts.synthetic.synthetic, total),
		syntheticPassedAsReal: share(counts.synthetic.real, syntheticShown),
		realDoubted: share(counts.real.synthetic, realShown)
	};
}

/** How one cell type's synthetic images fared: how many were judged and how many were taken for real. */
export interface ClassRealism {
	cellClass: CellClassId;
	shown: number;
	takenForReal: number;
}

/**
 * Per cell type, the synthetic images judged and those taken for real, in taxonomy order (types never shown are
 * left out): which classes the generator draws convincingly, as people judge them, not only as its measures say.
 */
export function syntheticByClass(judgements: readonly Pick<Judgement, 'truth' | 'said' | 'cellClass'>[]): ClassRealism[] {
	const byClass = new Map<CellClassId, ClassRealism>();
	for (const j of judgements) {
		if (j.truth !== 'synthetic') continue;
		const row = byClass.get(j.cellClass) ?? { cellClass: j.cellClass, shown: 0, takenForReal: 0 };
		row.shown++;
		if (j.said === 'real') row.takenForReal++;
		byClass.set(j.cellClass, row);
	}
	return inTaxonomyOrder([...byClass.keys()]).map((c) => byClass.get(c)!);
}
