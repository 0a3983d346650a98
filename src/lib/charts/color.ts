import { color as d3color, interpolateBlues, interpolateOranges } from 'd3';
import type { CellClassId } from '../cells/taxonomy.ts';

/**
 * Colours for the charts, with the contrast they need checked in color.test.ts: text on a
 * heatmap cell ≥ 4.5:1 (WCAG AA), lines and swatches against white ≥ 3:1 (non-text contrast).
 */

/** WCAG relative luminance of a CSS colour. */
export function luminance(css: string): number {
	const c = d3color(css)?.rgb();
	if (!c) throw new Error(`Not a colour: ${css}`);
	const lin = (v: number) => {
		const s = v / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

export function contrastRatio(a: string, b: string): number {
	const hi = Math.max(luminance(a), luminance(b));
	const lo = Math.min(luminance(a), luminance(b));
	return (hi + 0.05) / (lo + 0.05);
}

export const INK = '#1b1f24';
export const PAPER = '#ffffff';

/** Whichever of dark ink or white reads better on the background. */
export function textOn(background: string): string {
	return contrastRatio(INK, background) >= contrastRatio(PAPER, background) ? INK : PAPER;
}

/**
 * Heatmap fill for a cell holding `share` of its row. Correct answers (the diagonal) are blue,
 * mistakes orange (a pair that colour-blind readers also tell apart); darker means a larger share of
 * the row. Empty cells stay white so the eye goes to where the answers are.
 */
export function heatFill(share: number | null, diagonal: boolean): string {
	if (share === null || share === 0) return PAPER;
	const x = Math.min(1, Math.max(0, share));
	// d3's blue and orange ramps pass through a band (t ≈ 0.65–0.77) where neither dark nor white
	// text reaches 4.5:1, so the scale steps over it at 50 %: light below half, dark above.
	const t = x <= 0.5 ? 0.08 + 1.1 * x : 0.8 + 0.36 * (x - 0.5);
	return d3color((diagonal ? interpolateBlues : interpolateOranges)(t))!.formatHex();
}

/** One colour per class for lines and legends, stable across pages; dark enough on white. */
export const CLASS_COLORS: Record<CellClassId, string> = {
	myeloblast: '#b2182b',
	promyelocyte: '#a6530f',
	myelocyte: '#7d4e24',
	metamyelocyte: '#5b6b00',
	band_neutrophil: '#2d7d32',
	segmented_neutrophil: '#00786f',
	eosinophil: '#c2185b',
	basophil: '#6a3d9a',
	monocyte: '#1f5fa8',
	lymphocyte: '#3949ab',
	reactive_lymphocyte: '#0277bd',
	erythroblast: '#ad1457',
	platelet: '#545454',
	giant_platelet: '#8e24aa',
	smudge_cell: '#795548'
};

export const OVERALL_COLOR = '#1b1f24';
