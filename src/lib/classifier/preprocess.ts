import { at } from '../arrays.ts';
/**
 * Image preprocessing, identical to models/training/preprocess.py (the model card's `input`):
 * RGB(A) pixels → centre square crop → area resize to size×size → (x/255 − mean)/std, NCHW float32.
 * Pure: runs in the browser worker, in Node (importer, eval CLI) and in the parity test.
 */

export interface Pixels {
	width: number;
	height: number;
	/** interleaved 8-bit samples, `channels` per pixel (3 = RGB from sharp, 4 = RGBA from canvas) */
	data: Uint8Array | Uint8ClampedArray;
	channels: 3 | 4;
}

export interface InputSpec {
	size: number;
	mean: readonly [number, number, number];
	std: readonly [number, number, number];
}

/** The centre square: side min(w, h) at offset floor((w − side)/2), floor((h − side)/2). */
export function centerSquare(width: number, height: number) {
	const side = Math.min(width, height);
	return { side, x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2) };
}

/**
 * Separable area (box) resampling weights, size×side, row-major: output o covers the source
 * interval [o·r, (o+1)·r) with r = side/size; source pixel k weighs its overlap with it, over r.
 * Stored sparsely as [start, weights] per output since each row touches ~r+1 pixels.
 */
export function areaWeights(side: number, size: number): { start: number; weights: Float64Array }[] {
	const ratio = side / size;
	const rows: { start: number; weights: Float64Array }[] = [];
	for (let o = 0; o < size; o++) {
		const lo = o * ratio;
		const hi = (o + 1) * ratio;
		const start = Math.floor(lo);
		const end = Math.min(side, Math.ceil(hi));
		const weights = new Float64Array(end - start);
		for (let k = start; k < end; k++) {
			const overlap = Math.min(hi, k + 1) - Math.max(lo, k);
			weights[k - start] = overlap > 0 ? overlap / ratio : 0;
		}
		rows.push({ start, weights });
	}
	return rows;
}

/** Returns the model input [1, 3, size, size] as a Float32Array in NCHW order. */
export function preprocess(pixels: Pixels, spec: InputSpec): Float32Array {
	const { width, height, data, channels } = pixels;
	if (width < 1 || height < 1) throw new Error('The image is empty.');
	if (data.length < width * height * channels) throw new Error('The image data is shorter than its size.');
	const { side, x: x0, y: y0 } = centerSquare(width, height);
	const size = spec.size;
	const weights = areaWeights(side, size);
	const plane = size * size;
	const out = new Float32Array(3 * plane);
	// First pass: resize columns (horizontal) for every cropped row → side × size × 3 in float64.
	const tmp = new Float64Array(side * size * 3);
	for (let r = 0; r < side; r++) {
		const rowBase = ((y0 + r) * width + x0) * channels;
		for (let o = 0; o < size; o++) {
			const { start, weights: w } = at(weights, o);
			let s0 = 0,
				s1 = 0,
				s2 = 0;
			for (let k = 0; k < w.length; k++) {
				const p = rowBase + (start + k) * channels;
				s0 += w[k]! * data[p]!;
				s1 += w[k]! * data[p + 1]!;
				s2 += w[k]! * data[p + 2]!;
			}
			const t = (r * size + o) * 3;
			tmp[t] = s0;
			tmp[t + 1] = s1;
			tmp[t + 2] = s2;
		}
	}
	// Second pass: resize rows (vertical), then normalize into NCHW.
	for (let o = 0; o < size; o++) {
		const { start, weights: w } = at(weights, o);
		for (let col = 0; col < size; col++) {
			let s0 = 0,
				s1 = 0,
				s2 = 0;
			for (let k = 0; k < w.length; k++) {
				const t = ((start + k) * size + col) * 3;
				s0 += w[k]! * tmp[t]!;
				s1 += w[k]! * tmp[t + 1]!;
				s2 += w[k]! * tmp[t + 2]!;
			}
			const i = o * size + col;
			out[i] = (s0 / 255 - spec.mean[0]) / spec.std[0];
			out[plane + i] = (s1 / 255 - spec.mean[1]) / spec.std[1];
			out[2 * plane + i] = (s2 / 255 - spec.mean[2]) / spec.std[2];
		}
	}
	return out;
}
