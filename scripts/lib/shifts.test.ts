import { describe, expect, it } from 'vitest';
import { nonCells, rng } from './non-cells.ts';
import { blur, illumination, jpeg, labStats, lowResolution, recolour, reframe, SHIFTS, type Rgb } from './shifts.ts';

/** A pale field with a dark purple disc, like a stained white cell among red cells. */
function cell(size = 48): Rgb {
	const data = new Uint8Array(3 * size * size);
	for (let y = 0; y < size; y++)
		for (let x = 0; x < size; x++) {
			const inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 4) ** 2;
			data.set(inside ? [95, 45, 140] : [225, 195, 205], 3 * (y * size + x));
		}
	return { width: size, height: size, channels: 3, data };
}

const meanAbs = (a: Rgb, b: Rgb) => a.data.reduce((s, v, i) => s + Math.abs(v - b.data[i]), 0) / a.data.length;

describe('the robustness shifts', () => {
	it('recolouring an image to its own palette leaves it (almost) unchanged', () => {
		const img = cell();
		expect(meanAbs(recolour(img, labStats(img)), img)).toBeLessThan(1.5);
	});

	it('recolouring gives the image the target palette', () => {
		const img = cell();
		const target = { mean: [-0.35, 0.02, 0.01] as [number, number, number], std: [0.15, 0.03, 0.02] as [number, number, number] };
		const out = labStats(recolour(img, target));
		for (let c = 0; c < 3; c++) expect(out.mean[c]).toBeCloseTo(target.mean[c], 1);
	});

	it('reframing at zoom 1 with no offset and low resolution by a factor 1 change nothing', () => {
		const img = cell();
		expect(meanAbs(reframe(img, 1), img)).toBe(0);
		expect(meanAbs(lowResolution(img, 1), img)).toBe(0);
	});

	it('zooming out makes the cell smaller, zooming in larger', () => {
		const dark = (img: Rgb) => {
			let n = 0;
			for (let p = 0; p < img.width * img.height; p++) if (img.data[3 * p] < 150) n++;
			return n;
		};
		const img = cell();
		expect(dark(reframe(img, 0.7))).toBeLessThan(0.7 * dark(img));
		expect(dark(reframe(img, 1.4))).toBeGreaterThan(1.4 * dark(img));
	});

	it('blur keeps a flat field and softens an edge; illumination and JPEG change the pixels', async () => {
		const flat: Rgb = { width: 16, height: 16, channels: 3, data: new Uint8Array(3 * 256).fill(120) };
		expect(meanAbs(blur(flat, 2), flat)).toBe(0);
		const img = cell();
		expect(meanAbs(blur(img, 2), img)).toBeGreaterThan(1);
		expect(meanAbs(illumination(img, [1.1, 1, 0.9], 0.3), img)).toBeGreaterThan(1);
		const j = await jpeg(img, 30);
		expect(j.width).toBe(img.width);
		expect(meanAbs(j, img)).toBeGreaterThan(0.2);
	});

	it('are twelve, with unique ids, and deterministic', async () => {
		expect(new Set(SHIFTS.map((s) => s.id)).size).toBe(SHIFTS.length);
		const palettes = {
			pbc: labStats(cell()),
			matek: { mean: [-0.3, 0.01, 0.0] as [number, number, number], std: [0.1, 0.02, 0.02] as [number, number, number] }
		};
		for (const shift of SHIFTS) {
			const a = await shift.apply(cell(), palettes);
			const b = await shift.apply(cell(), palettes);
			expect(a.data, shift.id).toEqual(b.data);
		}
	});
});

describe('the pictures that are not white cells', () => {
	it('are the same on every run, of every kind asked for', async () => {
		const a = await nonCells(2, [], 3, 64);
		const b = await nonCells(2, [], 3, 64);
		expect(a.map((p) => p.kind)).toEqual(['noise', 'noise', 'flat', 'flat', 'drawing', 'drawing', 'text', 'text']);
		a.forEach((p, i) => expect(p.image.data).toEqual(b[i].image.data));
		expect(rng(1)()).toBe(rng(1)());
	});
});
