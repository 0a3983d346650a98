import { describe, expect, it } from 'vitest';
import { CELL_CLASS_IDS } from '../cells/taxonomy.ts';
import { CLASS_COLORS, contrastRatio, heatFill, OVERALL_COLOR, PAPER, textOn } from './color.ts';

describe('chart colours', () => {
	it('computes WCAG contrast ratios', () => {
		expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5);
		expect(contrastRatio('#777', '#fff')).toBeCloseTo(4.48, 1);
	});

	it('keeps heatmap text readable (≥ 4.5:1) at every share, on and off the diagonal', () => {
		for (const diagonal of [true, false]) {
			for (let i = 0; i <= 100; i++) {
				const fill = heatFill(i / 100, diagonal);
				expect(contrastRatio(textOn(fill), fill), `${diagonal} ${i}%`).toBeGreaterThanOrEqual(4.5);
			}
		}
	});

	it('leaves empty cells white and darkens with the share', () => {
		expect(heatFill(0, true)).toBe(PAPER);
		expect(heatFill(null, false)).toBe(PAPER);
		expect(contrastRatio(heatFill(1, true), PAPER)).toBeGreaterThan(contrastRatio(heatFill(0.3, true), PAPER));
		expect(heatFill(0.5, true)).not.toBe(heatFill(0.5, false));
	});

	it('gives every class a distinct line colour visible on white (≥ 3:1)', () => {
		const colours = CELL_CLASS_IDS.map((id) => CLASS_COLORS[id]);
		expect(new Set(colours).size).toBe(CELL_CLASS_IDS.length);
		for (const c of [...colours, OVERALL_COLOR]) expect(contrastRatio(c, PAPER), c).toBeGreaterThanOrEqual(3);
	});
});
