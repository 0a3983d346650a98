import { at } from '../arrays.ts';
/**
 * The model card's synthetic reference input and a comparison with the card's reference outputs.
 * The worker runs it once after opening a model: a model.onnx and a card.json that do not belong
 * together (or a damaged file that still parses) give different numbers and are refused.
 * Pure: no DOM.
 */

/** Largest difference allowed between the card's reference probabilities and ours. */
export const REFERENCE_TOLERANCE = 1e-3;

/** input[c][y][x] = sin(0.1·(y+1)·(c+1)) · cos(0.07·(x+1)), NCHW, as models/training writes it. */
export function referenceInput(size: number): Float32Array {
	const out = new Float32Array(3 * size * size);
	for (let c = 0; c < 3; c++) {
		for (let y = 0; y < size; y++) {
			const s = Math.sin(0.1 * (y + 1) * (c + 1));
			for (let x = 0; x < size; x++) out[(c * size + y) * size + x] = s * Math.cos(0.07 * (x + 1));
		}
	}
	return out;
}

/** Largest absolute difference between two equally long arrays; Infinity if the lengths differ. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	if (a.length !== b.length) return Infinity;
	let worst = 0;
	for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(at(a, i) - at(b, i)));
	return worst;
}
