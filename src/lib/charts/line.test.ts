import { at } from '../arrays.ts';
import { describe, expect, it } from 'vitest';
import { byDay, utcDayKey } from '../progress/stats.ts';
import { CLASS_COLORS, OVERALL_COLOR } from './color.ts';
import { dayToDate, lineLayout, thinTicks } from './line.ts';
import { accuracySeries, recallSeries } from './series.ts';

const margin = { top: 10, right: 10, bottom: 30, left: 40 };
const DAY = 86_400_000;
const t0 = Date.UTC(2026, 10, 1, 10);
const answers = [
	{ at: t0, trueClass: 'monocyte' as const, answeredClass: 'monocyte' as const },
	{ at: t0, trueClass: 'lymphocyte' as const, answeredClass: 'monocyte' as const },
	{ at: t0 + 2 * DAY, trueClass: 'monocyte' as const, answeredClass: 'lymphocyte' as const },
	{ at: t0 + 2 * DAY, trueClass: 'monocyte' as const, answeredClass: 'monocyte' as const }
];
const days = byDay(answers, utcDayKey);

describe('series', () => {
	it('turns daily points into an accuracy line and per-class recall lines', () => {
		expect(accuracySeries(days, 'All')).toEqual({
			id: 'overall',
			label: 'All',
			color: OVERALL_COLOR,
			points: [
				{ day: '2026-11-01', value: 0.5, n: 2 },
				{ day: '2026-11-03', value: 0.5, n: 2 }
			]
		});
		const lines = recallSeries(days, ['segmented_neutrophil', 'monocyte', 'lymphocyte'], (c) => c.toUpperCase());
		// a class with no attempts gets no line; lymphocyte was only shown on the first day
		expect(lines.map((s) => [s.id, s.label, s.color, s.points.map((p) => [p.day, p.value, p.n])])).toEqual([
			[
				'monocyte',
				'MONOCYTE',
				CLASS_COLORS.monocyte,
				[
					['2026-11-01', 1, 1],
					['2026-11-03', 0.5, 2]
				]
			],
			['lymphocyte', 'LYMPHOCYTE', CLASS_COLORS.lymphocyte, [['2026-11-01', 0, 1]]]
		]);
	});
});

describe('line layout', () => {
	it('maps days to x and values to y inside the margins', () => {
		const layout = lineLayout([accuracySeries(days, 'All')], 240, 140, margin);
		expect(layout.days).toEqual(['2026-11-01', '2026-11-03']);
		const overall = at(layout.lines, 0);
		expect(overall.dots.map((d) => [d.cx, d.cy])).toEqual([
			[40, 60],
			[230, 60]
		]);
		expect(overall.d).toBe('M40,60L230,60');
		expect(layout.y(1)).toBe(10);
		expect(layout.y(0)).toBe(110);
	});

	it('centres a single day', () => {
		const one = lineLayout([{ id: 'a', label: 'a', color: '#000', points: [{ day: '2026-11-01', value: 1, n: 3 }] }], 240, 140, margin);
		expect(at(at(one.lines, 0).dots, 0).cx).toBe(135);
		expect(at(at(one.lines, 0).dots, 0).cy).toBe(10);
	});

	it('reads day keys as calendar days', () => {
		expect(dayToDate('2026-03-09').toISOString()).toBe('2026-03-09T00:00:00.000Z');
	});
});

describe('ticks', () => {
	it('keeps at most max days, evenly spaced, ending on the last day', () => {
		const ds = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'];
		expect(thinTicks(ds, 10)).toEqual(ds);
		expect(thinTicks(ds, 3)).toEqual(['d1', 'd4', 'd7']);
		expect(thinTicks(ds, 2)).toEqual(['d3', 'd7']);
		expect(thinTicks(ds, 0)).toEqual(['d7']);
	});
});
