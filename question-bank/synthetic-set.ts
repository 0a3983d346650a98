import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as v from 'valibot';
import { CellClassIdSchema } from '../src/lib/cells/schema.ts';
import { issuesText } from '../src/lib/boundary/issues.ts';
import { errorText } from '../src/lib/errors.ts';

/**
 * The synthetic image set: what `models/generator/make_bank.py` writes (question-bank/synthetic/
 * manifest.json beside the images) and the importer reads. Each image shows one bank field of view
 * (source-scales.json's imageSize pixels at its pxPerUm) at the generator's lower resolution, so the
 * importer only scales it up to the bank's pixel size.
 *
 * Each image has a use: `drill` images are of a class whose generated images as a whole pass the
 * class gate (close enough to real ones): drills and assignments may show them. `realism` images are
 * of a class that does not pass it: only the "Real or synthetic?" game shows them, so that learners'
 * answers measure every class's realism, and no learner is taught a cell type from them.
 * Version 2 added `use`: a reader of version 1 would have put every image in drills.
 */
export const SYNTHETIC_SCHEMA_VERSION = 2;

export const SYNTHETIC_USES = ['drill', 'realism'] as const;
export type SyntheticUse = (typeof SYNTHETIC_USES)[number];

export const SyntheticSetSchema = v.object({
	schemaVersion: v.literal(SYNTHETIC_SCHEMA_VERSION),
	createdAt: v.string(),
	generator: v.object({
		name: v.string(),
		/** first 12 hex digits of the SHA-256 of generator.pt */
		version: v.pipe(v.string(), v.regex(/^[0-9a-f]{12}$/)),
		seed: v.pipe(v.number(), v.integer()),
		/** the truncation trick's bound the latents were drawn with (models/generator/diffusion_gan/sampling.py); null or absent: none */
		truncation: v.optional(v.nullable(v.pipe(v.number(), v.minValue(0))))
	}),
	/** side of every image in pixels */
	imageSize: v.pipe(v.number(), v.integer(), v.minValue(16)),
	/** the filter every kept image passed (see models/generator/README.md) */
	filter: v.object({
		minConfidence: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
		minNearestDistance: v.pipe(v.number(), v.minValue(0))
	}),
	/**
	 * per class, the sources (labs) of the real training images the generator learnt it from (segmented neutrophils:
	 * PBC's, although the bank also holds Munich's): the "Real or synthetic?" game pairs a synthetic image only with real
	 * images of those sources, so that a lab's look does not give the answer. Absent in sets written before it existed.
	 */
	imitates: v.optional(v.record(CellClassIdSchema, v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)))),
	images: v.array(
		v.object({
			file: v.pipe(v.string(), v.regex(/^[0-9a-f]{12}\.jpg$/, 'an opaque name: 12 hex digits and .jpg')),
			cellClass: CellClassIdSchema,
			/** drill: drills and the game may show it; realism: only the "Real or synthetic?" game (see above) */
			use: v.picklist(SYNTHETIC_USES),
			/** the latent's index under the set's seed: the image can be generated again */
			index: v.pipe(v.number(), v.integer(), v.minValue(0)),
			classifierConfidence: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
			nearestTrainingDistance: v.pipe(v.number(), v.minValue(0))
		})
	)
});
export type SyntheticSet = v.InferOutput<typeof SyntheticSetSchema>;

export interface SyntheticImages {
	manifestPath: string;
	set: SyntheticSet;
	/** absolute path of each image, in the manifest's order */
	paths: string[];
}

/** Reads and checks a synthetic set; every problem is reported at once, in plain words. */
export async function readSyntheticSet(manifestPath: string): Promise<SyntheticImages> {
	let text: string;
	try {
		text = await readFile(manifestPath, 'utf8');
	} catch (error) {
		throw new Error(`the synthetic image set ${manifestPath} cannot be read (${errorText(error)})`, { cause: error });
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new Error(`the synthetic image set ${manifestPath} is not valid JSON (${errorText(error)})`, { cause: error });
	}
	const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
	if (version !== SYNTHETIC_SCHEMA_VERSION)
		throw new Error(
			`the synthetic image set ${manifestPath} has schema version ${JSON.stringify(version)}; this importer reads version ${SYNTHETIC_SCHEMA_VERSION}: write it again with \`npm run bank:synthetic\``
		);
	const parsed = v.safeParse(SyntheticSetSchema, json);
	if (!parsed.success) throw new Error(`the synthetic image set ${manifestPath} does not match its contract: ${issuesText(parsed.issues)}`);
	const dir = dirname(manifestPath);
	const paths = parsed.output.images.map((image) => join(dir, image.file));
	const missing = paths.filter((p) => !existsSync(p));
	if (missing.length > 0)
		throw new Error(`the synthetic image set ${manifestPath} lists ${missing.length} image(s) that are not there, e.g. ${missing[0]}`);
	const files = new Set<string>();
	for (const image of parsed.output.images) {
		if (files.has(image.file)) throw new Error(`the synthetic image set ${manifestPath} lists ${image.file} twice`);
		files.add(image.file);
	}
	return { manifestPath, set: parsed.output, paths };
}
