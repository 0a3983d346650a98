import { at, cell } from '../arrays.ts';
import { inTaxonomyOrder, type CellClassId } from '../cells/taxonomy.ts';
import { summarize, type Answer, type ClassMetrics, type Summary } from '../cells/confusion.ts';
import type { Attempt } from './records.ts';
import { MIN_ATTEMPTS } from './weak.ts';

/**
 * Learning metrics from attempts: accuracy over time, weak classes, and the learner's numbers beside
 * the classifier's on the same items (the confusion matrix and per-class figures: cells/confusion.ts).
 * Pure functions: no DOM, no database, no clock (callers pass `now` and a day-key function).
 */

// ---- time ----------------------------------------------------------------------------------

export type TimeWindow = '7d' | '30d' | 'all';
export const TIME_WINDOWS: readonly TimeWindow[] = ['7d', '30d', 'all'];
const DAY_MS = 86_400_000;

/** Start (epoch ms, inclusive) of a window ending at `now`; undefined for all time. */
export function windowStart(window: TimeWindow, now: number): number | undefined {
	if (window === 'all') return undefined;
	return now - (window === '7d' ? 7 : 30) * DAY_MS;
}

export function inWindow<T extends { at: number }>(attempts: readonly T[], window: TimeWindow, now: number): T[] {
	const start = windowStart(window, now);
	return start === undefined ? [...attempts] : attempts.filter((a) => a.at >= start && a.at <= now);
}

/** Maps a time to its calendar day, "YYYY-MM-DD"; keys must sort in time order. */
export type DayKey = (at: number) => string;

/** The day in the device's own time zone (a technician's "today" is their local day). */
export const localDayKey: DayKey = (at) => {
	const d = new Date(at);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** The day in UTC; for tests and anything that must not depend on the machine's zone. */
export const utcDayKey: DayKey = (at) => new Date(at).toISOString().slice(0, 10);

export interface DayPoint {
	day: string;
	total: number;
	correct: number;
	accuracy: number;
	/** per true class that day: attempts, correct, recall */
	perClass: Partial<Record<CellClassId, { total: number; correct: number; recall: number }>>;
}

/** Accuracy and per-class recall for each day that has attempts, oldest first. */
export function byDay(answers: readonly (Answer & { at: number })[], dayKey: DayKey = localDayKey): DayPoint[] {
	const days = new Map<string, DayPoint>();
	for (const a of answers) {
		const key = dayKey(a.at);
		let point = days.get(key);
		if (!point) days.set(key, (point = { day: key, total: 0, correct: 0, accuracy: 0, perClass: {} }));
		const ok = a.trueClass === a.answeredClass;
		point.total++;
		if (ok) point.correct++;
		const c = (point.perClass[a.trueClass] ??= { total: 0, correct: 0, recall: 0 });
		c.total++;
		if (ok) c.correct++;
	}
	const points = [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
	for (const p of points) {
		p.accuracy = p.correct / p.total;
		for (const c of Object.values(p.perClass)) c.recall = c.correct / c.total;
	}
	return points;
}

// ---- weak spots ----------------------------------------------------------------------------

export interface Confusion {
	trueClass: CellClassId;
	answeredClass: CellClassId;
	count: number;
	/** share of that true class's attempts given this wrong answer */
	share: number;
}

export interface WeakSpots {
	/** classes with at least minAttempts and recall below 1, lowest recall first */
	classes: ClassMetrics[];
	/** most frequent "X called Y" mistakes, most frequent first */
	confusions: Confusion[];
	/** how many classes had enough answers to be judged at all */
	judgedCount?: number;
}

/** A class with answers but too few to judge: how many it has, how many were missed, how many more it needs. */
export interface NotYetJudged {
	cellClass: CellClassId;
	support: number;
	misses: number;
	needed: number;
}

/** The classes shown fewer than minAttempts times, most answers first: what is known before a class can be judged. */
export function notYetJudged(summary: Summary, minAttempts = MIN_ATTEMPTS): NotYetJudged[] {
	return summary.perClass
		.filter((c) => c.support > 0 && c.support < minAttempts)
		.map((c) => ({
			cellClass: c.cellClass,
			support: c.support,
			misses: c.support - Math.round((c.recall ?? 0) * c.support),
			needed: minAttempts - c.support
		}))
		.sort((a, b) => b.support - a.support || b.misses - a.misses);
}

export function weakSpots(summary: Summary, options: { minAttempts?: number; limit?: number } = {}): WeakSpots {
	// the review page's threshold: the two pages must not disagree on when a class can be judged
	const minAttempts = options.minAttempts ?? MIN_ATTEMPTS;
	const limit = options.limit ?? 3;
	const judgedCount = summary.perClass.filter((c) => c.support >= minAttempts).length;
	const classes = summary.perClass
		.filter((c) => c.support >= minAttempts && c.recall !== null && c.recall < 1)
		.sort((a, b) => a.recall! - b.recall! || b.support - a.support)
		.slice(0, limit);
	const m = summary.matrix;
	const confusions: Confusion[] = [];
	m.classes.forEach((trueClass, i) =>
		m.classes.forEach((answeredClass, j) => {
			const count = cell(m.counts, i, j);
			if (i !== j && count > 0) confusions.push({ trueClass, answeredClass, count, share: count / at(m.rowTotals, i) });
		})
	);
	confusions.sort((a, b) => b.count - a.count || b.share - a.share);
	return { classes, confusions: confusions.slice(0, limit), judgedCount };
}

// ---- learner vs model ----------------------------------------------------------------------

export interface Comparison {
	/** attempts on items the model also answered; both sides are measured on exactly these */
	items: number;
	/** attempts left out because the bank had no model answer for the item */
	excluded: number;
	learner: Summary;
	model: Summary;
}

/** The learner and the classifier on the same items, over one class list so matrices align. */
export function compareWithModel(attempts: readonly Attempt[], classes: readonly CellClassId[] = []): Comparison {
	const shared = attempts.filter((a): a is Attempt & { modelClass: CellClassId } => a.modelClass !== undefined);
	const learnerAnswers = shared.map((a) => ({ trueClass: a.trueClass, answeredClass: a.answeredClass }));
	const modelAnswers = shared.map((a) => ({ trueClass: a.trueClass, answeredClass: a.modelClass }));
	const all = inTaxonomyOrder([...classes, ...[...learnerAnswers, ...modelAnswers].flatMap((a) => [a.trueClass, a.answeredClass])]);
	return {
		items: shared.length,
		excluded: attempts.length - shared.length,
		learner: summarize(learnerAnswers, all),
		model: summarize(modelAnswers, all)
	};
}

function pad(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

export interface Tally {
	answers: number;
	correct: number;
	/** null with no answers */
	accuracy: number | null;
}

export interface ProvenanceSplit {
	real: Tally;
	synthetic: Tally;
	/** classes with an answer on a synthetic image, taxonomy order */
	perClass: { cellClass: CellClassId; real: Tally; synthetic: Tally }[];
	/** classes answered only on synthetic images: learnt from generated pictures alone */
	onlySynthetic: CellClassId[];
}

function tally(attempts: readonly Pick<Attempt, 'correct'>[]): Tally {
	const correct = attempts.filter((a) => a.correct).length;
	return { answers: attempts.length, correct, accuracy: attempts.length ? correct / attempts.length : null };
}

/** Accuracy on real and on synthetic images apart, overall and for each class that had synthetic ones. */
export function splitByProvenance(attempts: readonly Pick<Attempt, 'trueClass' | 'correct' | 'provenance'>[]): ProvenanceSplit {
	const real = attempts.filter((a) => a.provenance === 'real');
	const synthetic = attempts.filter((a) => a.provenance === 'synthetic');
	const classes = inTaxonomyOrder([...new Set(synthetic.map((a) => a.trueClass))]);
	const perClass = classes.map((cellClass) => ({
		cellClass,
		real: tally(real.filter((a) => a.trueClass === cellClass)),
		synthetic: tally(synthetic.filter((a) => a.trueClass === cellClass))
	}));
	return {
		real: tally(real),
		synthetic: tally(synthetic),
		perClass,
		onlySynthetic: perClass.filter((c) => c.real.answers === 0).map((c) => c.cellClass)
	};
}
