import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import type { ItemPrediction } from '../src/lib/bank/schema.ts';
import { errorText } from '../src/lib/errors.ts';

/**
 * The classifier's answers for bank images, kept between imports so that `npm start` (which
 * rebuilds the bank every time) pays for inference once per model, not on every start.
 *
 * One file per model: predictions-<model key>.json, where the key hashes the model file and its
 * card, so a retrained model never reuses an old answer. Entries are keyed by the SHA-256 of the
 * image file's bytes: an edited or replaced image is classified again, a renamed one is not.
 * A damaged or foreign cache file is ignored (and rewritten), never trusted. The default bank's file is
 * committed (question-bank/prediction-cache/), so a fresh clone's first import does not spend minutes
 * classifying 2,000 images; it is rewritten only when the model or the images change.
 */

const CACHE_VERSION = 1;

const EntrySchema = v.object({
	width: v.pipe(v.number(), v.integer(), v.minValue(1)),
	height: v.pipe(v.number(), v.integer(), v.minValue(1)),
	prediction: v.object({
		top: v.array(v.object({ cellClass: v.string(), p: v.number() })),
		attributes: v.record(v.string(), v.object({ value: v.string(), p: v.number() }))
	})
});
const FileSchema = v.object({ version: v.literal(CACHE_VERSION), model: v.string(), entries: v.record(v.string(), EntrySchema) });

export interface CachedPrediction {
	width: number;
	height: number;
	prediction: ItemPrediction;
}

export function modelKey(modelBytes: Uint8Array, cardText: string): string {
	return createHash('sha256').update(modelBytes).update('\0').update(cardText).digest('hex').slice(0, 16);
}

export function imageKey(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

export class PredictionCache {
	hits = 0;
	misses = 0;
	private fresh = new Map<string, CachedPrediction>();

	private constructor(
		readonly dir: string,
		readonly model: string,
		private stored: Map<string, CachedPrediction>,
		/** why an existing cache file was not used, if it was not */
		readonly discarded: string | null
	) {}

	static async open(dir: string, model: string): Promise<PredictionCache> {
		let text: string;
		try {
			text = await readFile(join(dir, fileName(model)), 'utf8');
		} catch {
			return new PredictionCache(dir, model, new Map(), null);
		}
		try {
			const parsed = v.parse(FileSchema, JSON.parse(text));
			if (parsed.model !== model) throw new Error(`it belongs to model ${parsed.model}`);
			return new PredictionCache(dir, model, new Map(Object.entries(parsed.entries) as [string, CachedPrediction][]), null);
		} catch (error) {
			const why = error instanceof v.ValiError ? 'its contents are not valid' : errorText(error);
			return new PredictionCache(dir, model, new Map(), `the prediction cache ${join(dir, fileName(model))} was ignored (${why})`);
		}
	}

	get(image: string): CachedPrediction | undefined {
		const entry = this.stored.get(image) ?? this.fresh.get(image);
		if (entry) this.hits++;
		else this.misses++;
		return entry;
	}

	set(image: string, entry: CachedPrediction): void {
		this.fresh.set(image, entry);
	}

	/**
	 * Writes the entries used or made by this import (so it does not grow without end) and removes
	 * other models' files. Best effort: a cache that cannot be written only costs time next run.
	 */
	async save(used: Iterable<string>): Promise<string | null> {
		const entries: Record<string, CachedPrediction> = {};
		// sorted: the same images give the same file, whatever order the import finished them in (it is committed)
		for (const key of [...used].sort()) {
			const entry = this.fresh.get(key) ?? this.stored.get(key);
			if (entry) entries[key] = entry;
		}
		try {
			await mkdir(this.dir, { recursive: true });
			const path = join(this.dir, fileName(this.model));
			const tmp = `${path}.${process.pid}.tmp`;
			await writeFile(tmp, JSON.stringify({ version: CACHE_VERSION, model: this.model, entries }));
			await rename(tmp, path);
			for (const name of await readdir(this.dir)) {
				if (/^predictions-.*\.json$/.test(name) && name !== fileName(this.model)) await rm(join(this.dir, name), { force: true });
			}
			return null;
		} catch (error) {
			return `the prediction cache could not be written (${error instanceof Error ? error.message : error}); the next import will classify the images again`;
		}
	}
}

function fileName(model: string): string {
	return `predictions-${model}.json`;
}
