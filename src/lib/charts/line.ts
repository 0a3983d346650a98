import { line, scaleLinear, scaleUtc, type ScaleLinear, type ScaleTime } from 'd3';

/** A line of daily values in [0, 1] (accuracy or recall), one point per day with attempts. */
export interface LineSeries {
	id: string;
	label: string;
	color: string;
	/** days as "YYYY-MM-DD", oldest first */
	points: { day: string; value: number; n: number }[];
}

export interface Margins {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

export interface DrawnLine {
	id: string;
	color: string;
	/** SVG path data */
	d: string;
	dots: { cx: number; cy: number; day: string; value: number; n: number }[];
}

export interface LineLayout {
	x: ScaleTime<number, number>;
	y: ScaleLinear<number, number>;
	lines: DrawnLine[];
	/** distinct days across all series, oldest first */
	days: string[];
}

const DAY_MS = 86_400_000;

/** A day key as a UTC midnight Date: the axis shows calendar days, whatever the zone. */
export function dayToDate(day: string): Date {
	const [y = NaN, m = NaN, d = NaN] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d));
}

/**
 * Scales and paths for daily lines in a width × height box. A single day gets a day of room on
 * each side so its points sit in the middle instead of on an edge.
 */
export function lineLayout(series: readonly LineSeries[], width: number, height: number, margin: Margins): LineLayout {
	const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.day)))].sort();
	const times = days.map((d) => dayToDate(d).getTime());
	let lo = times[0] ?? Date.UTC(2000, 0, 1);
	let hi = times.at(-1) ?? lo;
	if (hi - lo < DAY_MS) {
		lo -= DAY_MS;
		hi += DAY_MS;
	}
	const x = scaleUtc()
		.domain([new Date(lo), new Date(hi)])
		.range([margin.left, Math.max(margin.left + 1, width - margin.right)]);
	const y = scaleLinear()
		.domain([0, 1])
		.range([Math.max(margin.top + 1, height - margin.bottom), margin.top]);
	const path = line<{ day: string; value: number }>()
		.x((p) => x(dayToDate(p.day)))
		.y((p) => y(p.value));
	const lines = series.map((s) => ({
		id: s.id,
		color: s.color,
		d: path(s.points) ?? '',
		dots: s.points.map((p) => ({ cx: x(dayToDate(p.day)), cy: y(p.value), day: p.day, value: p.value, n: p.n }))
	}));
	return { x, y, lines, days };
}

/** At most `max` of the days, evenly spaced and always including the last, for axis ticks. */
export function thinTicks(days: readonly string[], max: number): string[] {
	if (days.length <= max) return [...days];
	const step = Math.ceil(days.length / Math.max(1, max));
	const last = days.length - 1;
	return days.filter((_, i) => (last - i) % step === 0);
}
