import { at, sum } from '../arrays.ts';
import { describe, expect, it } from 'vitest';
import { areaWeights, centerSquare, preprocess, type Pixels } from './preprocess.ts';

// The preprocessing contract (model card `input`), checked on cases small enough to do by hand,
// plus one case computed with the training code's models/training/preprocess.py.

const raw = { mean: [0, 0, 0] as const, std: [1, 1, 1] as const };

/** An RGB image from per-pixel [r, g, b]; with `alpha` it becomes RGBA like a canvas gives. */
function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number], alpha?: number): Pixels {
	const channels = alpha === undefined ? 3 : 4;
	const data = new Uint8Array(width * height * channels);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * channels;
			data.set(pixel(x, y), i);
			if (alpha !== undefined) data[i + 3] = alpha;
		}
	return { width, height, data, channels };
}

/** Channel c of a [3, size, size] output, scaled back to 0..255, as rows. */
function plane(out: Float32Array, size: number, c: number): number[][] {
	return Array.from({ length: size }, (_, y) =>
		Array.from(out.slice(c * size * size + y * size, c * size * size + (y + 1) * size), (v) => v * 255)
	);
}

describe('areaWeights', () => {
	it('splits a source pixel that straddles two outputs by its overlap', () => {
		const w = areaWeights(3, 2);
		expect(w.map((r) => r.start)).toEqual([0, 1]);
		expect(Array.from(w[0]!.weights)).toEqual([2 / 3, 1 / 3]);
		expect(Array.from(w[1]!.weights)).toEqual([1 / 3, 2 / 3]);
	});

	it('averages whole blocks when the ratio is an integer, and copies when enlarging', () => {
		expect(areaWeights(4, 2).map((r) => Array.from(r.weights))).toEqual([
			[0.5, 0.5],
			[0.5, 0.5]
		]);
		const up = areaWeights(2, 4);
		expect(up.map((r) => r.start)).toEqual([0, 0, 1, 1]);
		expect(up.map((r) => Array.from(r.weights))).toEqual([[1], [1], [1], [1]]);
	});

	it('has weights summing to one for every output', () => {
		for (const [side, size] of <[number, number][]>[
			[320, 192],
			[400, 192],
			[363, 224],
			[7, 3]
		]) {
			for (const row of areaWeights(side, size)) expect(sum(row.weights)).toBeCloseTo(1, 12);
		}
	});
});

describe('centerSquare', () => {
	it('takes the middle square, rounding the offset down', () => {
		expect(centerSquare(5, 3)).toEqual({ side: 3, x: 1, y: 0 });
		expect(centerSquare(3, 6)).toEqual({ side: 3, x: 0, y: 1 });
		expect(centerSquare(360, 363)).toEqual({ side: 360, x: 0, y: 1 });
		expect(centerSquare(4, 4)).toEqual({ side: 4, x: 0, y: 0 });
	});
});

describe('preprocess', () => {
	it('area-resizes 3×3 to 2×2 (hand computed)', () => {
		// R = 90·y + 30·x; each output is the mean of R over its 1.5 × 1.5 source window
		const out = preprocess(
			image(3, 3, (x, y) => [90 * y + 30 * x, 255 - (90 * y + 30 * x), 51]),
			{ size: 2, ...raw }
		);
		const r = plane(out, 2, 0);
		[
			[40, 80],
			[160, 200]
		].forEach((row, y) => row.forEach((v, x) => expect(r[y]![x]).toBeCloseTo(v, 3)));
		const g = plane(out, 2, 1);
		[
			[215, 175],
			[95, 55]
		].forEach((row, y) => row.forEach((v, x) => expect(g[y]![x]).toBeCloseTo(v, 3)));
		for (const v of plane(out, 2, 2).flat()) expect(v).toBeCloseTo(51, 3);
	});

	it('crops the centre square before resizing', () => {
		// 5 × 3: the square is columns 1..3; at size 3 the resize is the identity
		const out = preprocess(
			image(5, 3, (x, y) => [x * 10, y * 10, x === 0 || x === 4 ? 255 : 0]),
			{ size: 3, ...raw }
		);
		expect(plane(out, 3, 0).map((row) => row.map(Math.round))).toEqual([
			[10, 20, 30],
			[10, 20, 30],
			[10, 20, 30]
		]);
		expect(plane(out, 3, 1).map((row) => row.map(Math.round))).toEqual([
			[0, 0, 0],
			[10, 10, 10],
			[20, 20, 20]
		]);
		expect(
			plane(out, 3, 2)
				.flat()
				.every((v) => Math.abs(v) < 1e-4)
		).toBe(true);
		// 2 × 5 (portrait): rows 1..2, offset floor(3/2) = 1
		const tall = preprocess(
			image(2, 5, (x, y) => [y * 50, 0, 0]),
			{ size: 1, ...raw }
		);
		expect(at(tall, 0) * 255).toBeCloseTo(75, 3);
	});

	it('gives the same input for RGBA (canvas) as for RGB (sharp), whatever the alpha', () => {
		const pixel = (x: number, y: number): [number, number, number] => [(x * 31 + y) % 256, (y * 17) % 256, (x * y) % 256];
		const spec = { size: 4, mean: [0.5, 0.4, 0.3] as const, std: [0.25, 0.2, 0.1] as const };
		const rgb = preprocess(image(9, 7, pixel), spec);
		expect(preprocess(image(9, 7, pixel, 255), spec)).toEqual(rgb);
		expect(preprocess(image(9, 7, pixel, 0), spec)).toEqual(rgb);
	});

	it('normalizes each channel with its own mean and std, NCHW', () => {
		const out = preprocess(
			image(2, 2, () => [255, 0, 102]),
			{ size: 1, mean: [0.5, 0.5, 0.2], std: [0.25, 0.5, 0.1] }
		);
		expect(Array.from(out)).toEqual([2, -1, expect.closeTo(2, 5)]);
	});

	it('matches models/training/preprocess.py on a 7×5 pattern resized to 3', () => {
		// computed with the training code: normalize(area_resize(centre square), mean 0.5, std 0.25)
		const python = [
			-1.1184313297271729, -0.18980392813682556, 0.7388235330581665, -0.8423529267311096, 0.08627451211214066, 1.0149019956588745,
			-0.5662745237350464, 0.3623529374599457, 1.290980339050293, -1.68313729763031, -1.1184313297271729, -0.17725490033626556,
			-1.1058824062347412, -0.5411764979362488, 0.4000000059604645, -0.5286274552345276, 0.03607843071222305, 0.9772549271583557,
			-1.7760000228881836, -1.6454901695251465, -1.514980435371399, -1.3192156553268433, -0.6666666865348816, -0.014117646962404251,
			-0.8624313473701477, 0.3121568560600281, 0.04109803959727287
		];
		const pattern = image(7, 5, (x, y) => [(x * 37 + y * 11) % 256, (x * x * 5 + y * 23) % 256, (x * y * 13 + 7) % 256]);
		const out = preprocess(pattern, { size: 3, mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] });
		python.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
	});

	it('rejects an empty image or short data', () => {
		expect(() => preprocess({ width: 0, height: 3, data: new Uint8Array(0), channels: 3 }, { size: 2, ...raw })).toThrow(/empty/);
		expect(() => preprocess({ width: 2, height: 2, data: new Uint8Array(11), channels: 3 }, { size: 2, ...raw })).toThrow(/shorter/);
	});
});
