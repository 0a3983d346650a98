import { at } from '../arrays.ts';
import { describe, expect, it } from 'vitest';
import type { CellClassId } from '../cells/taxonomy.ts';
import type { ScheduleCard } from './assignment-records.ts';
import { cardsAfterAttempt, dueToday, isLeech, LEECH_MISSES, review } from './schedule.ts';
import { MIN_ATTEMPTS, missedItems, rankWeakClasses, type GradedAttempt } from './weak.ts';
import { classWeights } from './adaptive.ts';
import { allocate, planAdaptiveDrill } from '../bank/adaptive.ts';
import { planReview } from './review-plan.ts';
import { weeklyRecall, WEEK_MS } from './weekly.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 9);

function attempts(trueClass: CellClassId, answers: CellClassId[], startAt = T0, prefix: string = trueClass): GradedAttempt[] {
	return answers.map((answeredClass, i) => ({ itemId: `${prefix}-${i}`, trueClass, answeredClass, at: startAt + i * 60_000 }));
}

const bank = (['band_neutrophil', 'segmented_neutrophil', 'metamyelocyte', 'lymphocyte', 'monocyte'] as const).flatMap((label) =>
	Array.from({ length: 20 }, (_, i) => ({ id: `${label}-${i}`, label }))
);

describe('weak-class ranking', () => {
	it('ranks classes with enough attempts by recall and lists recurring confusions', () => {
		const history = [
			...attempts('band_neutrophil', [
				'segmented_neutrophil',
				'segmented_neutrophil',
				'segmented_neutrophil',
				'band_neutrophil',
				'band_neutrophil',
				'band_neutrophil'
			]),
			...attempts('lymphocyte', Array(8).fill('lymphocyte')),
			...attempts('monocyte', ['lymphocyte', 'lymphocyte', 'monocyte'])
		];
		const r = rankWeakClasses(history);
		expect(r.ranked.map((c) => [c.cellClass, c.recall])).toEqual([
			['band_neutrophil', 0.5],
			['lymphocyte', 1]
		]);
		expect(r.weak.map((c) => c.cellClass)).toEqual(['band_neutrophil']);
		// monocyte: 3 attempts, too few to rank however bad they were
		expect(r.tooFew.map((c) => c.cellClass)).toEqual(['monocyte']);
		expect(r.confusions).toEqual([
			{ trueClass: 'band_neutrophil', answeredClass: 'segmented_neutrophil', count: 3 },
			{ trueClass: 'monocyte', answeredClass: 'lymphocyte', count: 2 }
		]);
		expect(MIN_ATTEMPTS).toBe(6);
	});

	it('lists the missed images most recent first, each once', () => {
		const history: GradedAttempt[] = [
			{ itemId: 'x', trueClass: 'band_neutrophil', answeredClass: 'segmented_neutrophil', at: 1 },
			{ itemId: 'y', trueClass: 'band_neutrophil', answeredClass: 'segmented_neutrophil', at: 2 },
			{ itemId: 'x', trueClass: 'band_neutrophil', answeredClass: 'metamyelocyte', at: 3 },
			{ itemId: 'z', trueClass: 'lymphocyte', answeredClass: 'monocyte', at: 4 }
		];
		expect(missedItems(history, ['band_neutrophil'])).toEqual(['x', 'y']);
	});
});

describe('review drill', () => {
	const history = [
		...attempts('band_neutrophil', [
			'segmented_neutrophil',
			'segmented_neutrophil',
			'segmented_neutrophil',
			'segmented_neutrophil',
			'band_neutrophil',
			'band_neutrophil'
		]),
		...attempts('segmented_neutrophil', [
			'band_neutrophil',
			'band_neutrophil',
			'segmented_neutrophil',
			'segmented_neutrophil',
			'segmented_neutrophil',
			'segmented_neutrophil'
		]),
		...attempts('lymphocyte', Array(10).fill('lymphocyte'))
	];

	it('holds the exact missed images, contrast pairs of the confused classes, and only those classes and their look-alikes', () => {
		const plan = planReview(bank, history, { length: 12, seed: 5 })!;
		expect(plan.classes).toEqual(['metamyelocyte', 'band_neutrophil', 'segmented_neutrophil']);
		const missed = [
			'band_neutrophil-0',
			'band_neutrophil-1',
			'band_neutrophil-2',
			'band_neutrophil-3',
			'segmented_neutrophil-0',
			'segmented_neutrophil-1'
		];
		expect(new Set(plan.missed)).toEqual(new Set(missed));
		for (const id of missed) expect(plan.itemIds).toContain(id);
		expect(plan.itemIds).toHaveLength(12);
		expect(new Set(plan.itemIds).size).toBe(12);
		expect(plan.contrasts.length).toBeGreaterThan(0);
		const label = new Map(bank.map((i) => [i.id, i.label]));
		for (const c of plan.contrasts) {
			expect(plan.itemIds).toContain(c.itemId);
			expect(plan.itemIds).not.toContain(c.foilId);
			expect(label.get(c.itemId)).not.toBe(label.get(c.foilId));
		}
		for (const id of plan.itemIds) expect(plan.classes).toContain(label.get(id));
	});

	it('fills up with images the learner has not answered: an older miss beyond the half is not a new image', () => {
		// 10 band neutrophils missed: the 6 most recent are the review's half, the 4 older ones are not new images
		const manyMisses = [
			...attempts('band_neutrophil', [...Array(10).fill('segmented_neutrophil'), 'band_neutrophil', 'band_neutrophil']),
			...attempts('segmented_neutrophil', Array(6).fill('segmented_neutrophil'))
		];
		const answered = new Set(manyMisses.map((a) => a.itemId));
		for (let seed = 1; seed <= 40; seed++) {
			const plan = planReview(bank, manyMisses, { length: 12, seed })!;
			const reshown = plan.itemIds.filter((id) => answered.has(id));
			expect(reshown, `seed ${seed}`).toEqual(expect.arrayContaining(plan.missed));
			expect(reshown, `seed ${seed}: only the planned misses come back`).toHaveLength(plan.missed.length);
			for (const c of plan.contrasts) expect(answered.has(c.foilId), `seed ${seed}: foil ${c.foilId}`).toBe(false);
		}
	});

	it('is null when nothing is weak or confused', () => {
		expect(planReview(bank, attempts('lymphocyte', Array(10).fill('lymphocyte')), { length: 10, seed: 1 })).toBeNull();
	});
});

describe('FSRS schedule (pass/fail)', () => {
	const id = { learnerId: 'l', key: 'class:band_neutrophil', kind: 'class' as const, cellClass: 'band_neutrophil' as const };

	it('a pass pushes the next review further out than a fail', () => {
		const pass = review(undefined, id, true, T0);
		const fail = review(undefined, id, false, T0);
		expect(pass.due).toBeGreaterThan(fail.due);
		expect(fail.due - T0).toBeGreaterThanOrEqual(0);
		const again = review(pass, id, true, pass.due);
		expect(again.due - pass.due).toBeGreaterThan(pass.due - T0);
		expect(again.reps).toBe(2);
	});

	it('a miss creates an image card; a right first answer does not; three misses make a leech', () => {
		const miss = {
			learnerId: 'l',
			itemId: 'pbc:1',
			image: 'bank/1.jpg',
			trueClass: 'band_neutrophil' as const,
			answeredClass: 'segmented_neutrophil' as const,
			at: T0
		};
		expect(cardsAfterAttempt({ ...miss, answeredClass: 'band_neutrophil' }, {}).map((c) => c.key)).toEqual(['class:band_neutrophil']);
		let [classCard, itemCard] = cardsAfterAttempt(miss, {}) as [ScheduleCard, ScheduleCard];
		expect(itemCard).toMatchObject({ key: 'item:pbc:1', misses: 1, wrongAnswers: ['segmented_neutrophil'] });
		for (let k = 1; k < LEECH_MISSES; k++)
			[classCard, itemCard] = cardsAfterAttempt({ ...miss, at: T0 + k * DAY }, { classCard, itemCard }) as [ScheduleCard, ScheduleCard];
		expect(isLeech(itemCard)).toBe(true);
		// a right answer later still updates the image card
		const after = at(cardsAfterAttempt({ ...miss, answeredClass: 'band_neutrophil', at: T0 + 9 * DAY }, { classCard, itemCard }), 1);
		expect(after.reps).toBe(itemCard.reps + 1);
		const due = dueToday([classCard, itemCard], T0 + 30 * DAY);
		expect(due.classes).toHaveLength(1);
		expect(due.items).toHaveLength(1);
		expect(due.leeches).toHaveLength(1);
		expect(dueToday([review(undefined, id, true, T0)], T0).classes).toHaveLength(0);
	});
});

describe('adaptive drills', () => {
	it('weights weaker classes more, and due classes more again', () => {
		const history = [
			...attempts('band_neutrophil', Array(10).fill('segmented_neutrophil')),
			...attempts('lymphocyte', Array(10).fill('lymphocyte'))
		];
		const w = classWeights(history, ['band_neutrophil', 'lymphocyte', 'monocyte'], new Set(['monocyte']), T0 + DAY);
		expect(w.get('band_neutrophil')!).toBeCloseTo(1 + 3 * (11 / 12));
		expect(w.get('lymphocyte')!).toBeCloseTo(1 + 3 * (1 / 12));
		expect(w.get('monocyte')!).toBeCloseTo(2.5 * 1.5);
		// answers older than 30 days no longer count
		expect(classWeights(history, ['band_neutrophil'], new Set(), T0 + 40 * DAY).get('band_neutrophil')).toBeCloseTo(2.5);
	});

	it('gives each class at least one item and the rest in proportion, capped by the pool', () => {
		const q = allocate(
			10,
			['band_neutrophil', 'lymphocyte', 'monocyte'],
			new Map([
				['band_neutrophil', 4],
				['lymphocyte', 1],
				['monocyte', 1]
			]),
			new Map([
				['band_neutrophil', 20],
				['lymphocyte', 20],
				['monocyte', 2]
			])
		);
		expect([...q.values()].reduce((a, b) => a + b)).toBe(10);
		expect(q.get('band_neutrophil')).toBe(6);
		expect(q.get('monocyte')).toBeLessThanOrEqual(2);
		const plan = planAdaptiveDrill(bank, {
			classes: ['band_neutrophil', 'lymphocyte'],
			length: 10,
			seed: 3,
			weights: new Map([['band_neutrophil', 4]])
		});
		// one each, then 8 more at 4:1 → 6.4 and 1.6 → 6 + 1 by floor, the last one to the larger remainder (lymphocyte)
		expect(plan.filter((id) => id.startsWith('band')).length).toBe(7);
		expect(new Set(plan).size).toBe(10);
		expect(
			planAdaptiveDrill(bank, {
				classes: ['band_neutrophil', 'lymphocyte'],
				length: 10,
				seed: 3,
				weights: new Map([['band_neutrophil', 4]])
			})
		).toEqual(plan);
	});
});

describe('recall over weeks', () => {
	it('marks the week a class left the weak list', () => {
		const now = T0 + 8 * WEEK_MS;
		const weekAt = (w: number) => now - (8 - w) * WEEK_MS + DAY;
		const history = [
			...attempts('band_neutrophil', Array(8).fill('segmented_neutrophil'), weekAt(1), 'w1'),
			...attempts(
				'band_neutrophil',
				['band_neutrophil', 'segmented_neutrophil', 'segmented_neutrophil', 'band_neutrophil'],
				weekAt(2),
				'w2'
			),
			...attempts('band_neutrophil', Array(10).fill('band_neutrophil'), weekAt(5), 'w5'),
			...attempts('band_neutrophil', Array(10).fill('band_neutrophil'), weekAt(6), 'w6')
		];
		const { rows, weekStarts } = weeklyRecall(history, now);
		expect(weekStarts).toHaveLength(8);
		const band = rows[0]!.weeks;
		expect(band.map((w) => w.weak)).toEqual([false, true, true, true, true, false, false, false]);
		expect(band.map((w) => w.left)).toEqual([false, false, false, false, false, true, false, false]);
		expect(band[2]!.recall).toBe(0.5);
		expect(band[3]!.recall).toBeNull();
	});
});
