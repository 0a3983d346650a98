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

/** Shannon entropy divided by its maximum ln(K): 0 = all mass on one class, 1 = uniform. */
export function normalizedEntropy(probs: ArrayLike<number>): number {
	if (probs.length < 2) return 0;
	let h = 0;
	for (let i = 0; i < probs.length; i++) {
		const p = probs[i];
		if (p > 0) h -= p * Math.log(p);
	}
	return Math.min(1, Math.max(0, h / Math.log(probs.length)));
}

export interface Assessment {
	top1: number;
	entropy: number;
	warnings: Warning[];
}

export function assess(
	classProbs: ArrayLike<number>,
	image: { width: number; height: number },
	inputSize: number
): Assessment {
	let top1 = 0;
	for (let i = 0; i < classProbs.length; i++) top1 = Math.max(top1, classProbs[i]);
	const entropy = normalizedEntropy(classProbs);
	const warnings: Warning[] = [];
	if (top1 < LOW_CONFIDENCE) warnings.push('low-confidence');
	if (entropy > HIGH_ENTROPY) warnings.push('spread');
	warnings.push(...shapeWarnings(image.width, image.height, inputSize));
	return { top1, entropy, warnings };
}
