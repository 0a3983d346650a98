import { describe, expect, it } from 'vitest';
import type { CellClassId } from '../cells/taxonomy.ts';
import type { Attempt } from './records.ts';
import {
	byDay,
	compareWithModel,
	inWindow,
	localDayKey,
	notYetJudged,
	splitByProvenance,
	utcDayKey,
	weakSpots,
	windowStart
} from './stats.ts';
import { attempt as build } from '$test-data/builders.ts';
import { handWorkedAnswers as sample } from '$test-data/answers.ts';
import { summarize } from '../cells/confusion.ts';
import { MIN_ATTEMPTS, rankWeakClasses } from './weak.ts';

describe('time', () => {
	const now = Date.UTC(2026, 10, 23, 12);
	const day = 86_400_000;
	const at = (a: number) => ({ at: a, trueClass: 'monocyte' as const, answeredClass: 'monocyte' as const });

	it('filters the last 7 days, 30 days or all, relative to now', () => {
		const list = [at(now - 31 * day), at(now - 8 * day), at(now - day), at(now - 7 * day), at(now + day)];
		expect(inWindow(list, '7d', now).map((a) => a.at)).toEqual([now - day, now - 7 * day]);
		expect(inWindow(list, '30d', now)).toHaveLength(3);
		expect(inWindow(list, 'all', now)).toHaveLength(5);
		expect(windowStart('all', now)).toBeUndefined();
		expect(windowStart('30d', now)).toBe(now - 30 * day);
	});

	it('groups accuracy and per-class recall by day, oldest first', () => {
		const t0 = Date.UTC(2026, 10, 20, 23, 30);
		const answers = [
			{ at: t0 + 3 * day, trueClass: 'monocyte' as const, answeredClass: 'lymphocyte' as const },
			{ at: t0, trueClass: 'monocyte' as const, answeredClass: 'monocyte' as const },
			{ at: t0 + 10 * 60_000, trueClass: 'lymphocyte' as const, answeredClass: 'monocyte' as const },
			{ at: t0 + 20 * 60_000, trueClass: 'lymphocyte' as const, answeredClass: 'lymphocyte' as const }
		];
		const points = byDay(answers, utcDayKey);
		// 23:30, 23:40 and 23:50 UTC all fall on the 20th
		expect(points.map((p) => p.day)).toEqual(['2026-11-20', '2026-11-23']);
		expect(points[0]).toMatchObject({ total: 3, correct: 2 });
		expect(points[0]!.accuracy).toBeCloseTo(2 / 3, 10);
		expect(points[0]!.perClass.lymphocyte).toEqual({ total: 2, correct: 1, recall: 0.5 });
		expect(points[0]!.perClass.monocyte).toEqual({ total: 1, correct: 1, recall: 1 });
		expect(points[1]).toMatchObject({ total: 1, correct: 0, accuracy: 0 });

		// a zone 25 minutes ahead of UTC puts 23:40 and 23:50 UTC on the 21st
		const shifted = byDay(answers, (ms) => utcDayKey(ms + 25 * 60_000));
		expect(shifted.map((p) => [p.day, p.total])).toEqual([
			['2026-11-20', 1],
			['2026-11-21', 2],
			['2026-11-23', 1]
		]);
	});

	it('builds local day keys as YYYY-MM-DD', () => {
		expect(localDayKey(new Date(2026, 0, 5, 13).getTime())).toBe('2026-01-05');
	});
});

describe('weak spots', () => {
	it('lists the lowest-recall classes with enough attempts and the most frequent confusions', () => {
		const weak = weakSpots(summarize(sample), { minAttempts: 2, limit: 3 });
		expect(weak.classes.map((c) => [c.cellClass, c.recall])).toEqual([
			['lymphocyte', 0.5],
			['monocyte', 0.75]
		]);
		expect(weak.confusions).toEqual([
			{ trueClass: 'lymphocyte', answeredClass: 'monocyte', count: 2, share: 0.5 },
			{ trueClass: 'basophil', answeredClass: 'eosinophil', count: 1, share: 1 },
			{ trueClass: 'monocyte', answeredClass: 'lymphocyte', count: 1, share: 0.25 }
		]);
		expect(weakSpots(summarize(sample), { minAttempts: 5 }).classes).toEqual([]);
	});

	it('says what is known of the classes with too few answers to judge: answers, misses, how many more', () => {
		expect(notYetJudged(summarize(sample), 5)).toEqual([
			{ cellClass: 'lymphocyte', support: 4, misses: 2, needed: 1 },
			{ cellClass: 'monocyte', support: 4, misses: 1, needed: 1 },
			{ cellClass: 'basophil', support: 1, misses: 1, needed: 4 }
		]);
		expect(notYetJudged(summarize(sample), 1)).toEqual([]);
	});

	it('judges a class from as many answers as the review page ranks it from (the two pages said 5 and 6)', () => {
		const answers = (n: number) =>
			Array.from({ length: n }, (_, i) => ({
				itemId: `i${i}`,
				trueClass: 'lymphocyte' as const,
				answeredClass: i === 0 ? ('monocyte' as const) : ('lymphocyte' as const),
				at: i
			}));
		for (const n of [MIN_ATTEMPTS - 1, MIN_ATTEMPTS]) {
			const progressJudges = weakSpots(summarize(answers(n))).judgedCount === 1;
			const reviewRanks = rankWeakClasses(answers(n)).ranked.length === 1;
			expect(progressJudges, `${n} answers`).toBe(reviewRanks);
			expect(notYetJudged(summarize(answers(n))).length, `${n} answers`).toBe(reviewRanks ? 0 : 1);
		}
	});
});

describe('learner vs model', () => {
	let n = 0;
	const attempt = (trueClass: CellClassId, answeredClass: CellClassId, modelClass?: CellClassId): Attempt =>
		build({ itemId: `pbc:${n++}`, trueClass, answeredClass, ...(modelClass ? { modelClass } : {}) });

	it('measures both on exactly the items the model answered, with aligned matrices', () => {
		const attempts = [
			attempt('monocyte', 'monocyte', 'monocyte'),
			attempt('monocyte', 'lymphocyte', 'monocyte'),
			attempt('lymphocyte', 'lymphocyte', 'basophil'),
			attempt('basophil', 'basophil'),
			attempt('eosinophil', 'segmented_neutrophil')
		];
		const c = compareWithModel(attempts);
		expect(c.items).toBe(3);
		expect(c.excluded).toBe(2);
		expect(c.learner.accuracy).toBeCloseTo(2 / 3, 10);
		expect(c.model.accuracy).toBeCloseTo(2 / 3, 10);
		expect(c.learner.matrix.classes).toEqual(c.model.matrix.classes);
		expect(c.learner.matrix.classes).toEqual(['basophil', 'monocyte', 'lymphocyte']);
		const recall = (s: typeof c.learner, id: CellClassId) => s.perClass.find((p) => p.cellClass === id)?.recall;
		expect(recall(c.learner, 'monocyte')).toBe(0.5);
		expect(recall(c.model, 'monocyte')).toBe(1);
		expect(recall(c.model, 'lymphocyte')).toBe(0);
		expect(c.model.matrix.counts[2]![0]).toBe(1);
	});
});

describe('real and synthetic images apart', () => {
	const a = (trueClass: CellClassId, correct: boolean, provenance: 'real' | 'synthetic') => ({ trueClass, correct, provenance });

	it('gives accuracy on each kind of image, and per class where synthetic ones were answered', () => {
		const split = splitByProvenance([
			a('lymphocyte', true, 'real'),
			a('lymphocyte', false, 'real'),
			a('lymphocyte', true, 'synthetic'),
			a('promyelocyte', false, 'synthetic'),
			a('promyelocyte', true, 'synthetic'),
			a('monocyte', true, 'real')
		]);
		expect(split.real).toEqual({ answers: 3, correct: 2, accuracy: 2 / 3 });
		expect(split.synthetic).toEqual({ answers: 3, correct: 2, accuracy: 2 / 3 });
		expect(split.perClass.map((c) => [c.cellClass, c.real.answers, c.synthetic.answers])).toEqual([
			['promyelocyte', 0, 2],
			['lymphocyte', 2, 1]
		]);
		expect(split.onlySynthetic).toEqual(['promyelocyte']);
	});

	it('says nothing is known rather than 0% when a kind has no answers', () => {
		expect(splitByProvenance([a('monocyte', true, 'real')]).synthetic).toEqual({ answers: 0, correct: 0, accuracy: null });
	});
});
