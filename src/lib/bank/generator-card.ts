import * as v from 'valibot';
import { issuesText } from '../boundary/issues.ts';
import { fetchJson, LoadCache } from '../boundary/fetch-json.ts';
import { CellClassIdSchema } from '../cells/schema.ts';

/**
 * The generator card (models/generator/card.json): what `npm run eval:generator` writes (Python) and the
 * model page reads. How close the synthetic images are to real test images, in the shipped classifier's
 * features, per class and overall; the fields below are the ones the app uses (others are kept for people).
 */
const Share = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const Distance = v.pipe(v.number(), v.minValue(0));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const GeneratorMeasuresSchema = v.object({
	/** Fréchet distance, synthetic vs one half of the real test images (classifier features, not FID) */
	frechet: Distance,
	/** the same between the two halves of the real test images: the floor */
	frechet_real_floor: Distance,
	/** share of synthetic images the classifier names as their intended class */
	classifier_agreement: Share,
	/** the same share for real test images, for scale */
	classifier_agreement_real: Share,
	/** median distance from a synthetic image to its nearest training image */
	nn_distance_median: Distance,
	/** the same for real test images (not copies), for scale */
	nn_distance_median_real_test: Distance,
	near_copies: Count,
	/** per class, when the card was measured with a second yardstick (evaluate.py): the distance and its floor in a second
	 * classifier's features, which share no weights with the shipped classifier's or the discriminator's */
	frechet_second: v.optional(Distance),
	frechet_second_floor: v.optional(Distance),
	/** per class, when measured (evaluate.py, 2026-12-05 on): the share of images whose nucleus falls into two or more
	 * pieces once its thinnest parts are eroded (lobes joined by strands; no network involved), synthetic and real */
	nucleus_split_share: v.optional(Share),
	nucleus_split_share_real: v.optional(Share),
	/** per class, when measured (evaluate.py, 2026-12-06 on): the share of images whose nucleus encloses a pale hole of
	 * at least 2 µm² (a ring), synthetic and real; the bank's gate asks the first to be at most 0.15 above the second */
	nucleus_hole_share: v.optional(Share),
	nucleus_hole_share_real: v.optional(Share),
	/** per class, when recorded (2026-12-06 on): the sources (labs) of the real test images it was compared with, those
	 * the generator learnt the class from */
	real_test_sources: v.optional(v.array(v.string()))
});

export const GeneratorCardSchema = v.object({
	schema_version: v.literal(1),
	name: v.string(),
	created_at: v.string(),
	generator_version: v.string(),
	image_size: v.pipe(v.number(), v.integer(), v.minValue(1)),
	/** how the measured (and the bank's) latents were drawn: the truncation trick's bound, or null for plain N(0, 1) */
	sampling: v.optional(v.object({ truncation: v.nullable(v.pipe(v.number(), v.minValue(0))) })),
	training: v.object({ minutes: v.number(), steps: Count, images_seen: Count }),
	/** what the measures were taken against; frechet_halvings (2026-12-06 on): a class's distance and floor are medians
	 * over this many random halvings of its real images */
	yardstick: v.optional(v.object({ frechet_halvings: v.optional(Count) })),
	overall: GeneratorMeasuresSchema,
	per_class: v.record(CellClassIdSchema, GeneratorMeasuresSchema)
});

export type GeneratorCard = v.InferOutput<typeof GeneratorCardSchema>;
export type GeneratorMeasures = v.InferOutput<typeof GeneratorMeasuresSchema>;

export const GENERATOR_CARD_PATH = '/models/generator/card.json';

export function parseGeneratorCard(json: unknown): GeneratorCard {
	const parsed = v.safeParse(GeneratorCardSchema, json);
	if (!parsed.success) throw new Error(`The generator card does not match its contract: ${issuesText(parsed.issues)}`);
	return parsed.output;
}

const cards = new LoadCache<GeneratorCard | null>();

/**
 * The generator card, or null when there is none (no synthetic images yet) or it cannot be read: the
 * model page then leaves its synthetic-images section out rather than failing.
 */
export function loadGeneratorCard(url: string, fetcher: typeof fetch = fetch): Promise<GeneratorCard | null> {
	return cards.get(url, async () => {
		const fetched = await fetchJson(url, parseGeneratorCard, fetcher);
		return fetched.ok ? fetched.value : null;
	});
}
