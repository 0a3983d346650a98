/**
 * The robustness benchmark's image shifts: what differs between laboratories (stain, magnification,
 * camera resolution, focus, JPEG, framing, illumination), each fixed and seeded so that every run of
 * `npm run eval:robustness` sees the same pictures. They act on decoded 8-bit RGB at the image's own
 * resolution, before the model's preprocessing (centre crop, resize), as a photo from another lab would.
 * Pure except `jpeg`, which round-trips through sharp.
 */
import sharp from 'sharp';
import type { Pixels } from '../../src/lib/classifier/preprocess.ts';

export type Rgb = Pixels & { channels: 3 };

/** Reinhard et al. 2001: RGB → log10 LMS → lαβ. */
const RGB2LMS = [
	[0.3811, 0.5783, 0.0402],
	[0.1967, 0.7244, 0.0782],
	[0.0241, 0.1288, 0.8444]
];
const LMS2RGB = invert3(RGB2LMS);
const S3 = 1 / Math.sqrt(3);
const S6 = 1 / Math.sqrt(6);
const S2 = 1 / Math.sqrt(2);
const LMS2LAB = [
	[S3, S3, S3],
	[S6, S6, -2 * S6],
	[S2, -S2, 0]
];
const LAB2LMS = invert3(LMS2LAB);

function invert3(m: number[][]): number[][] {
	const [[a, b, c], [d, e, f], [g, h, i]] = m;
	const A = e * i - f * h;
	const B = -(d * i - f * g);
	const C = d * h - e * g;
	const det = a * A + b * B + c * C;
	return [
		[A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
		[B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
		[C / det, -(a * h - b * g) / det, (a * e - b * d) / det]
	];
}

/** Per-pixel lαβ of an image, [3][n]. */
export function toLab(img: Rgb): Float64Array[] {
	const n = img.width * img.height;
	const l = new Float64Array(n);
	const a = new Float64Array(n);
	const b = new Float64Array(n);
	const [m0, m1, m2] = RGB2LMS;
	const [q0, q1, q2] = LMS2LAB;
	const floor = 1 / 255;
	const d = img.data;
	for (let p = 0; p < n; p++) {
		const r = d[3 * p] / 255;
		const g = d[3 * p + 1] / 255;
		const bl = d[3 * p + 2] / 255;
		const L = Math.log10(Math.max(m0[0] * r + m0[1] * g + m0[2] * bl, floor));
		const M = Math.log10(Math.max(m1[0] * r + m1[1] * g + m1[2] * bl, floor));
		const S = Math.log10(Math.max(m2[0] * r + m2[1] * g + m2[2] * bl, floor));
		l[p] = q0[0] * L + q0[1] * M + q0[2] * S;
		a[p] = q1[0] * L + q1[1] * M + q1[2] * S;
		b[p] = q2[0] * L + q2[1] * M + q2[2] * S;
	}
	return [l, a, b];
}

export interface LabStats {
	mean: [number, number, number];
	std: [number, number, number];
}

function statsOf(lab: Float64Array[]): LabStats {
	const mean: [number, number, number] = [0, 0, 0];
	const std: [number, number, number] = [0, 0, 0];
	for (let c = 0; c < 3; c++) {
		const ch = lab[c];
		let sum = 0;
		for (let i = 0; i < ch.length; i++) sum += ch[i];
		const m = sum / ch.length;
		let sq = 0;
		for (let i = 0; i < ch.length; i++) sq += (ch[i] - m) ** 2;
		mean[c] = m;
		std[c] = Math.sqrt(sq / ch.length) + 1e-9;
	}
	return { mean, std };
}

export function labStats(img: Rgb): LabStats {
	return statsOf(toLab(img));
}

/** Mean of per-image statistics: a lab's (a dataset's) stain palette. */
export function meanStats(all: readonly LabStats[]): LabStats {
	const avg = (pick: (s: LabStats) => number) => all.reduce((s, v) => s + pick(v), 0) / all.length;
	return {
		mean: [avg((s) => s.mean[0]), avg((s) => s.mean[1]), avg((s) => s.mean[2])],
		std: [avg((s) => s.std[0]), avg((s) => s.std[1]), avg((s) => s.std[2])]
	};
}

/** Reinhard colour transfer: give the image the target palette's lαβ means and spreads. */
export function recolour(img: Rgb, target: LabStats): Rgb {
	const lab = toLab(img);
	const own = statsOf(lab);
	const n = img.width * img.height;
	const data = new Uint8Array(3 * n);
	const k = [0, 1, 2].map((c) => target.std[c] / own.std[c]);
	const [i0, i1, i2] = LAB2LMS;
	const [r0, r1, r2] = LMS2RGB;
	for (let p = 0; p < n; p++) {
		const v0 = (lab[0][p] - own.mean[0]) * k[0] + target.mean[0];
		const v1 = (lab[1][p] - own.mean[1]) * k[1] + target.mean[1];
		const v2 = (lab[2][p] - own.mean[2]) * k[2] + target.mean[2];
		const L = 10 ** (i0[0] * v0 + i0[1] * v1 + i0[2] * v2);
		const M = 10 ** (i1[0] * v0 + i1[1] * v1 + i1[2] * v2);
		const S = 10 ** (i2[0] * v0 + i2[1] * v1 + i2[2] * v2);
		data[3 * p] = clamp255(255 * (r0[0] * L + r0[1] * M + r0[2] * S));
		data[3 * p + 1] = clamp255(255 * (r1[0] * L + r1[1] * M + r1[2] * S));
		data[3 * p + 2] = clamp255(255 * (r2[0] * L + r2[1] * M + r2[2] * S));
	}
	return { ...img, data };
}

function clamp255(v: number): number {
	return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

function mirror(v: number, n: number): number {
	const period = 2 * (n - 1) || 1;
	let m = v % period;
	if (m < 0) m += period;
	return m > n - 1 ? period - m : m;
}

/** Bilinear resampling with mirrored edges: output pixel (x, y) samples the source at coord(x, y). */
function resample(img: Rgb, outW: number, outH: number, coord: (x: number, y: number, out: Float64Array) => void): Uint8Array {
	const { width: w, height: h, data: src } = img;
	const data = new Uint8Array(3 * outW * outH);
	const xy = new Float64Array(2);
	for (let y = 0; y < outH; y++) {
		for (let x = 0; x < outW; x++) {
			coord(x, y, xy);
			const fx = mirror(xy[0], w);
			const fy = mirror(xy[1], h);
			const x0 = Math.floor(fx);
			const y0 = Math.floor(fy);
			const x1 = x0 + 1 < w ? x0 + 1 : w - 1;
			const y1 = y0 + 1 < h ? y0 + 1 : h - 1;
			const ax = fx - x0;
			const ay = fy - y0;
			const o = 3 * (y * outW + x);
			const p00 = 3 * (y0 * w + x0);
			const p10 = 3 * (y0 * w + x1);
			const p01 = 3 * (y1 * w + x0);
			const p11 = 3 * (y1 * w + x1);
			for (let c = 0; c < 3; c++) {
				const top = src[p00 + c] + ax * (src[p10 + c] - src[p00 + c]);
				const bottom = src[p01 + c] + ax * (src[p11 + c] - src[p01 + c]);
				data[o + c] = clamp255(top + ay * (bottom - top));
			}
		}
	}
	return data;
}

/**
 * Magnification and framing: the picture a camera would take at `zoom` times the magnification
 * (above 1: the cell fills more of the frame; below 1: smaller, with more of the smear around it,
 * the missing border mirrored), its centre moved by (dx, dy) of the side.
 */
export function reframe(img: Rgb, zoom: number, dx = 0, dy = 0): Rgb {
	const { width: w, height: h } = img;
	const cx = (w - 1) / 2 + dx * w;
	const cy = (h - 1) / 2 + dy * h;
	const data = resample(img, w, h, (x, y, out) => {
		out[0] = cx + (x - (w - 1) / 2) / zoom;
		out[1] = cy + (y - (h - 1) / 2) / zoom;
	});
	return { ...img, data };
}

/** A lower-resolution camera: area down-sampling by `factor`, then bilinear back up. */
export function lowResolution(img: Rgb, factor: number): Rgb {
	const { width: w, height: h } = img;
	const sw = Math.max(1, Math.round(w / factor));
	const sh = Math.max(1, Math.round(h / factor));
	const sums = new Float64Array(3 * sw * sh);
	const counts = new Float64Array(sw * sh);
	for (let y = 0; y < h; y++) {
		const ty = Math.min(sh - 1, Math.floor((y * sh) / h));
		for (let x = 0; x < w; x++) {
			const t = ty * sw + Math.min(sw - 1, Math.floor((x * sw) / w));
			counts[t]++;
			for (let c = 0; c < 3; c++) sums[3 * t + c] += img.data[3 * (y * w + x) + c];
		}
	}
	const small: Rgb = { width: sw, height: sh, channels: 3, data: new Uint8Array(3 * sw * sh) };
	for (let p = 0; p < sw * sh; p++) for (let c = 0; c < 3; c++) small.data[3 * p + c] = clamp255(sums[3 * p + c] / counts[p]);
	const data = resample(small, w, h, (x, y, out) => {
		out[0] = Math.max(0, ((x + 0.5) * sw) / w - 0.5);
		out[1] = Math.max(0, ((y + 0.5) * sh) / h - 0.5);
	});
	return { ...img, data };
}

/** Defocus: a separable gaussian blur of `sigma` pixels (mirrored edges). */
export function blur(img: Rgb, sigma: number): Rgb {
	const r = Math.ceil(3 * sigma);
	const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-0.5 * ((i - r) / sigma) ** 2));
	const sum = k.reduce((a, b) => a + b, 0);
	const kern = k.map((v) => v / sum);
	const { width: w, height: h } = img;
	const idx = (v: number, n: number) => (v < 0 ? -v : v >= n ? 2 * n - 2 - v : v);
	const tmp = new Float64Array(3 * w * h);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++)
			for (let c = 0; c < 3; c++) {
				let acc = 0;
				for (let i = -r; i <= r; i++) acc += kern[i + r] * img.data[3 * (y * w + idx(x + i, w)) + c];
				tmp[3 * (y * w + x) + c] = acc;
			}
	const data = new Uint8Array(3 * w * h);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++)
			for (let c = 0; c < 3; c++) {
				let acc = 0;
				for (let i = -r; i <= r; i++) acc += kern[i + r] * tmp[3 * (idx(y + i, h) * w + x) + c];
				data[3 * (y * w + x) + c] = clamp255(acc);
			}
	return { ...img, data };
}

/** White balance (per-channel gains) and an uneven field (brighter on one side). */
export function illumination(img: Rgb, gains: [number, number, number], gradient: number): Rgb {
	const { width: w, height: h } = img;
	const data = new Uint8Array(3 * w * h);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const field = 1 + (gradient * (x / (w - 1) - 0.5) + gradient * 0.5 * (y / (h - 1) - 0.5));
			for (let c = 0; c < 3; c++) data[3 * (y * w + x) + c] = clamp255(img.data[3 * (y * w + x) + c] * gains[c] * field);
		}
	return { ...img, data };
}

export async function jpeg(img: Rgb, quality: number): Promise<Rgb> {
	const encoded = await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } })
		.jpeg({ quality, chromaSubsampling: '4:2:0' })
		.toBuffer();
	const { data, info } = await sharp(encoded).removeAlpha().raw().toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Stain palettes, relative to the reference (PBC) palette: lαβ mean offsets and spread factors. */
export interface Palette {
	dMean: [number, number, number];
	kStd: [number, number, number];
}

export function shiftedPalette(base: LabStats, p: Palette): LabStats {
	return {
		mean: [base.mean[0] + p.dMean[0], base.mean[1] + p.dMean[1], base.mean[2] + p.dMean[2]],
		std: [base.std[0] * p.kStd[0], base.std[1] * p.kStd[1], base.std[2] * p.kStd[2]]
	};
}

export interface Shift {
	id: string;
	/** what it imitates, for the table */
	what: string;
	kind: 'none' | 'stain' | 'scale' | 'camera' | 'focus' | 'jpeg' | 'framing' | 'illumination';
	apply(img: Rgb, palettes: { pbc: LabStats; matek: LabStats }): Rgb | Promise<Rgb>;
}

export const SHIFTS: readonly Shift[] = [
	{ id: 'none', what: 'as scanned (PBC test split)', kind: 'none', apply: (img) => img },
	{ id: 'stain-matek', what: "recoloured to Matek's (Munich) stain statistics", kind: 'stain', apply: (img, p) => recolour(img, p.matek) },
	{
		id: 'stain-pale',
		what: 'pale, under-stained smear',
		kind: 'stain',
		apply: (img, p) => recolour(img, shiftedPalette(p.pbc, { dMean: [0.06, -0.004, -0.004], kStd: [0.7, 0.6, 0.6] }))
	},
	{
		id: 'stain-blue',
		what: 'blue, over-stained (alkaline buffer)',
		kind: 'stain',
		apply: (img, p) => recolour(img, shiftedPalette(p.pbc, { dMean: [-0.04, -0.03, 0.012], kStd: [1.2, 1.1, 1.2] }))
	},
	{
		id: 'stain-pink',
		what: 'pink/red, acidic stain',
		kind: 'stain',
		apply: (img, p) => recolour(img, shiftedPalette(p.pbc, { dMean: [0.0, 0.02, -0.01], kStd: [1.0, 1.3, 0.9] }))
	},
	{
		id: 'scale-0.7',
		what: 'lower magnification (cell 0.7× as wide, more smear around it)',
		kind: 'scale',
		apply: (img) => reframe(img, 0.7)
	},
	{ id: 'scale-1.4', what: 'higher magnification (cell 1.4× as wide, fills the frame)', kind: 'scale', apply: (img) => reframe(img, 1.4) },
	{
		id: 'camera-lowres',
		what: '3× lower resolution (phone on an eyepiece, 640×480 camera)',
		kind: 'camera',
		apply: (img) => lowResolution(img, 3)
	},
	{ id: 'focus-blur', what: 'out of focus (gaussian blur σ = 2.5 px)', kind: 'focus', apply: (img) => blur(img, 2.5) },
	{ id: 'jpeg-q30', what: 'strong JPEG compression (quality 30)', kind: 'jpeg', apply: (img) => jpeg(img, 30) },
	{ id: 'framing-offcentre', what: 'cell off centre by 15% of the frame', kind: 'framing', apply: (img) => reframe(img, 1, 0.15, -0.1) },
	{
		id: 'illumination',
		what: 'warm white balance and an uneven field (±15%)',
		kind: 'illumination',
		apply: (img) => illumination(img, [1.12, 1.0, 0.85], 0.3)
	}
];
