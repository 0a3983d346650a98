import * as v from 'valibot';
import { issuesText } from '../boundary/issues.ts';

/**
 * The robustness report (models/classifier/robustness.json): what `npm run eval:robustness` writes and
 * the model page reads. How the shipped model holds up when the PBC test images are changed the way
 * another laboratory's pictures differ (stain, magnification, camera, focus, JPEG, framing, light), on
 * the held-out Matek neutrophils, and on pictures that are not white cells at all.
 */
const Share = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const ShiftResultSchema = v.object({
	id: v.string(),
	what: v.string(),
	kind: v.picklist(['none', 'stain', 'scale', 'camera', 'focus', 'jpeg', 'framing', 'illumination']),
	n: Count,
	accuracy: Share,
	macro_f1: Share,
	/** share of cells that are not myeloblasts but were called myeloblast */
	false_myeloblast: Share,
	/** share of cells that are not platelets but were called platelet */
	false_platelet: Share,
	/** share flagged unfamiliar (null: the model has no unfamiliar output) */
	flagged: v.nullable(Share),
	accuracy_unflagged: v.nullable(Share)
});

export const RobustnessSchema = v.object({
	schema_version: v.literal(1),
	model: v.object({ name: v.string(), created_at: v.string() }),
	created_at: v.string(),
	/** images per class at most (null: the whole test split) */
	per_class_limit: v.nullable(Count),
	shifts: v.pipe(v.array(ShiftResultSchema), v.minLength(1)),
	/** the Matek segmented neutrophils (all of them when held out of training): a cell from another lab */
	held_out: v.nullable(v.object({ what: v.string(), n: Count, as_neutrophil: Share, as_myeloblast: Share, flagged: v.nullable(Share) })),
	/** pictures that are not white cells: how many the unfamiliar rule flags */
	non_cells: v.nullable(v.object({ n: Count, flagged: Share, by_kind: v.record(v.string(), v.object({ n: Count, flagged: Count })) })),
	seconds: v.number()
});

export type Robustness = v.InferOutput<typeof RobustnessSchema>;
export type ShiftResult = v.InferOutput<typeof ShiftResultSchema>;

export function parseRobustness(json: unknown): Robustness {
	const result = v.safeParse(RobustnessSchema, json);
	if (!result.success) {
		throw new Error(`The robustness report is not valid: ${issuesText(result.issues)}`);
	}
	return result.output;
}
