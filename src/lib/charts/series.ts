import type { CellClassId } from '../cells/taxonomy.ts';
import type { DayPoint } from '../progress/stats.ts';
import { CLASS_COLORS, OVERALL_COLOR } from './color.ts';
import type { LineSeries } from './line.ts';

/** Overall accuracy per day as one line. */
export function accuracySeries(points: readonly DayPoint[], label: string): LineSeries {
	return { id: 'overall', label, color: OVERALL_COLOR, points: points.map((p) => ({ day: p.day, value: p.accuracy, n: p.total })) };
}

/** One recall line per class, over the days on which that class was shown. */
export function recallSeries(
	points: readonly DayPoint[],
	classes: readonly CellClassId[],
	label: (c: CellClassId) => string
): LineSeries[] {
	return classes
		.map((cellClass) => ({
			id: cellClass,
			label: label(cellClass),
			color: CLASS_COLORS[cellClass],
			points: points.flatMap((p) => {
				const c = p.perClass[cellClass];
				return c ? [{ day: p.day, value: c.recall, n: c.total }] : [];
			})
		}))
		.filter((s) => s.points.length > 0);
}
