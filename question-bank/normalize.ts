import { createHash } from 'node:crypto';
import sharp from 'sharp';
import * as v from 'valibot';
import { isCellClassId } from '../src/lib/cells/taxonomy.ts';
import { decodeRgb } from '../scripts/lib/image.ts';
import type { Manifest, ManifestRow } from '../scripts/lib/manifest.ts';
import { mapConcurrent } from '../scripts/lib/pool.ts';
import { RED_CELL_DIAMETER_UM, redCellDiameters, sourceScale, type MeasuredScale } from './scale.ts';

/**
 * One magnification and one pixel size for every source. Each source's scale is measured from
 * its red cells (scale.ts); every bank image is resampled to the finest scale that no source has
 * to be enlarged for (the lowest pixels per µm), then centre-cropped to the largest square every
 * resampled image can fill. A source whose scale cannot be measured keeps its own.
 *
 * The result is also a contract file, question-bank/source-scales.json (schema below), so that
 * the training code (Python) can bring its images to the same scale.
 */

export const SOURCE_SCALES_SCHEMA_VERSION = 1;

/** Images sampled per source to measure its red cells: enough for a stable median, a few seconds. */
export const SCALE_SAMPLE = 120;

export const SourceScalesSchema = v.object({
	schemaVersion: v.literal(SOURCE_SCALES_SCHEMA_VERSION),
	/** the diameter of a normal red cell the scales are measured against */
	redCellDiameterUm: v.number(),
	/** the scale every bank image has; null when no source's scale could be measured */
	pxPerUm: v.nullable(v.number()),
	/** side of every (square) bank image, in pixels */
	imageSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
	sources: v.array(
		v.object({
			name: v.string(),
			/** median diameter of single red cells in the source's own pixels; null: too few found */
			redCellDiameterPx: v.nullable(v.number()),
			pxPerUm: v.nullable(v.number()),
			cellsMeasured: v.number(),
			imagesSampled: v.number(),
			/** the source's images are resized by this factor before cropping */
			factor: v.number()
		})
	)
});
export type SourceScales = v.InferOutput<typeof SourceScalesSchema>;

export interface ScalePlan {
	pxPerUm: number | null;
	size: number;
	sources: (MeasuredScale & { name: string; factor: number })[];
}

/** The sample of a source's rows whose red cells are measured: stable, and spread over its classes. */
export function scaleSample<T extends { row: ManifestRow }>(rows: readonly T[], count = SCALE_SAMPLE): T[] {
	const hash = (id: string) => createHash('sha256').update(id).digest('hex');
	return rows
		.filter((r) => isCellClassId(r.row.label))
		.map((r) => ({ r, h: hash(r.row.id) }))
		.sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
		.slice(0, count)
		.map(({ r }) => r);
}

/** Each source's scale, from the red cells of a sample of its (already checked) images. */
export async function measureScales(
	manifests: readonly Manifest[],
	rows: readonly { manifest: Manifest; row: ManifestRow }[],
	concurrency: number
): Promise<(MeasuredScale & { name: string })[]> {
	const result = [];
	for (const manifest of manifests) {
		const sample = scaleSample(rows.filter((r) => r.manifest === manifest));
		const perImage = await mapConcurrent(sample, concurrency, async ({ row }) => redCellDiameters(await decodeRgb(row.path)));
		result.push({ name: manifest.source, ...sourceScale(perImage) });
	}
	return result;
}

/** Plans the common scale and size from the measured scales and the bank images' sizes. */
export function planScales(
	scales: readonly (MeasuredScale & { name: string })[],
	images: readonly { source: string; width: number; height: number }[],
	imageSize?: number
): ScalePlan {
	const measured = scales.map((s) => s.pxPerUm).filter((p): p is number => p !== null);
	const pxPerUm = measured.length > 0 ? Math.min(...measured) : null;
	const sources = scales.map((s) => ({ ...s, factor: s.pxPerUm !== null && pxPerUm !== null ? pxPerUm / s.pxPerUm : 1 }));
	const factor = new Map(sources.map((s) => [s.name, s.factor]));
	let fill = Infinity;
	for (const image of images) fill = Math.min(fill, Math.floor(Math.min(image.width, image.height) * (factor.get(image.source) ?? 1)));
	// even, so that a centred crop has no half pixel
	let size = fill - (fill % 2);
	if (imageSize !== undefined) {
		if (imageSize > fill)
			throw new RangeError(`An image size of ${imageSize} px was asked for, but the smallest resampled image is ${fill} px across.`);
		size = imageSize;
	}
	if (!(size >= 2)) throw new RangeError('The bank images are too small to crop to one size.');
	return { pxPerUm, size, sources };
}

export interface NormalizedImage {
	/** JPEG bytes of the size×size image */
	bytes: Buffer;
}

/** Resizes an image by `factor` (Lanczos) and crops its centre to size×size, as a JPEG. */
export async function normalizeImage(path: string, factor: number, size: number): Promise<NormalizedImage> {
	const meta = await sharp(path).metadata();
	const width = meta.autoOrient?.width ?? meta.width;
	const height = meta.autoOrient?.height ?? meta.height;
	if (!width || !height) throw new Error('the image has no size');
	let pipeline = sharp(path, { failOn: 'warning' }).autoOrient().toColourspace('srgb').removeAlpha();
	let w = width;
	let h = height;
	if (factor !== 1) {
		w = Math.round(width * factor);
		h = Math.round(height * factor);
		pipeline = pipeline.resize(w, h, { fit: 'fill', kernel: 'lanczos3' });
	}
	if (w < size || h < size) throw new Error(`the resampled image (${w}×${h}) is smaller than ${size}×${size}`);
	const bytes = await pipeline
		.extract({ left: Math.floor((w - size) / 2), top: Math.floor((h - size) / 2), width: size, height: size })
		.jpeg({ quality: 90 })
		.toBuffer();
	return { bytes };
}

/** The contents of source-scales.json. */
export function scalesContract(plan: ScalePlan): SourceScales {
	const round = (x: number | null, digits: number) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
	return v.parse(SourceScalesSchema, {
		schemaVersion: SOURCE_SCALES_SCHEMA_VERSION,
		redCellDiameterUm: RED_CELL_DIAMETER_UM,
		pxPerUm: round(plan.pxPerUm, 3),
		imageSize: plan.size,
		sources: plan.sources.map((s) => ({
			name: s.name,
			redCellDiameterPx: round(s.redCellDiameterPx, 2),
			pxPerUm: round(s.pxPerUm, 3),
			cellsMeasured: s.cellsMeasured,
			imagesSampled: s.imagesSampled,
			factor: round(s.factor, 4) ?? 1
		}))
	} satisfies SourceScales);
}
