/**
 * How much to trust one prediction on a user's own image. Pure: no DOM.
 *
 * The model only knows the classes it was trained on, photographed on two scanners with
 * May–Grünwald–Giemsa stain. Anything else (another stain, a smudge, two cells, a phone photo
 * through the eyepiece) still gets a probability for each known class, so we flag answers that
 * are weak (top class below LOW_CONFIDENCE) or spread over many classes (normalised entropy above
 * HIGH_ENTROPY), and pictures whose geometry differs from the training images.
 */
import { shapeWarnings, type ShapeWarning } from './image.ts';

export const LOW_CONFIDENCE = 0.6;
export const HIGH_ENTROPY = 0.5;

export type Warning = ShapeWarning | 'low-confidence' | 'spread';

/** The model card's unfamiliar-image rule and this image's score (see card.unfamiliar). */
export interface UnfamiliarInput {
	score: number;
	threshold: number;
}

/** Shannon entropy divided by its maximum ln(K): 0 = all mass on one class, 1 = uniform. */
export function normalizedEntropy(probs: ArrayLike<number>): number {
	if (probs.length < 2) return 0;
	let h = 0;
	for (const p of Array.from(probs)) if (p > 0) h -= p * Math.log(p);
	return Math.min(1, Math.max(0, h / Math.log(probs.length)));
}

export interface Assessment {
	top1: number;
	entropy: number;
	warnings: Warning[];
	/**
	 * The picture is unlike the images the model learned from (its features are far from every class
	 * it knows): its answer means nothing and must not be shown as one. False when the model has no
	 * unfamiliar output (older models), where only the warnings above are available.
	 */
	unfamiliar: boolean;
}

export function assess(
	classProbs: ArrayLike<number>,
	image: { width: number; height: number },
	inputSize: number,
	unfamiliar: UnfamiliarInput | null = null
): Assessment {
	let top1 = 0;
	for (const p of Array.from(classProbs)) top1 = Math.max(top1, p);
	const entropy = normalizedEntropy(classProbs);
	const warnings: Warning[] = [];
	if (top1 < LOW_CONFIDENCE) warnings.push('low-confidence');
	if (entropy > HIGH_ENTROPY) warnings.push('spread');
	warnings.push(...shapeWarnings(image.width, image.height, inputSize));
	return { top1, entropy, warnings, unfamiliar: unfamiliar !== null && unfamiliar.score > unfamiliar.threshold };
}

/**
 * Whether the card's unfamiliar rule flags an image with this score: null when the model has no such
 * output or its card no rule (older models), so callers can tell "not flagged" from "cannot tell".
 */
export function flaggedUnfamiliar(score: number | null, rule: { threshold: number } | undefined): boolean | null {
	return score === null || rule === undefined ? null : score > rule.threshold;
}
