import { createHash } from 'node:crypto';

/**
 * The deterministic train/val/test split shared by the question-bank importer and the
 * Python training code (models/training/split.py), proven equal by question-bank/split-vectors.json.
 *
 *   u = first 8 hex digits of SHA-256("<source>:<id>") read as an unsigned 32-bit integer / 2^32
 *   split = train if u < 0.70, val if u < 0.85, else test
 *
 * Why a per-image hash rather than shuffling each label: an image's split never changes when
 * images are added or removed, so an image the classifier trained on can never drift into the
 * drill bank. Because u is uniform and independent of the label, every label is split about
 * 70/15/15 (stratified in expectation; checked per label in split.test.ts).
 */
export type Split = 'train' | 'val' | 'test';

export const SPLIT_THRESHOLDS = { train: 0.7, val: 0.85 } as const;

export function splitUnit(source: string, id: string): number {
	const hex = createHash('sha256').update(`${source}:${id}`, 'utf8').digest('hex').slice(0, 8);
	return parseInt(hex, 16) / 2 ** 32;
}

export function splitOf(source: string, id: string): Split {
	const u = splitUnit(source, id);
	if (u < SPLIT_THRESHOLDS.train) return 'train';
	if (u < SPLIT_THRESHOLDS.val) return 'val';
	return 'test';
}
