import { describe, expect, it } from 'vitest';
import type { Attempt } from '$lib/progress/records.ts';
import { minutesSeconds, summarizeDrill } from './summary.ts';
import { attempt as build } from '$test-data/builders.ts';

function attempt(
	itemId: string,
	trueClass: Attempt['trueClass'],
	answeredClass: Attempt['answeredClass'],
	msToAnswer = 1000,
	drillId = 'd1'
): Attempt {
	return build({ itemId, trueClass, answeredClass, msToAnswer, drillId });
}

describe('summarizeDrill', () => {
	const drill = { id: 'd1', itemIds: ['a', 'b', 'c', 'd'] };

	it('counts answers, accuracy, time and skipped items, in drill order', () => {
		const s = summarizeDrill(drill, [
			attempt('c', 'monocyte', 'lymphocyte', 3000),
			attempt('a', 'basophil', 'basophil', 1500),
			attempt('b', 'band_neutrophil', 'segmented_neutrophil', 2500)
		]);
		expect(s.answered).toBe(3);
		expect(s.correct).toBe(1);
		expect(s.accuracy).toBeCloseTo(1 / 3);
		expect(s.answeringMs).toBe(7000);
		expect(s.skipped).toBe(1);
		expect(s.misses.map((m) => m.itemId)).toEqual(['b', 'c']);
		expect(s.reviewClasses).toEqual(['band_neutrophil', 'segmented_neutrophil', 'monocyte', 'lymphocyte']);
	});

	it('ignores attempts of other drills and items not in the plan', () => {
		const s = summarizeDrill(drill, [attempt('a', 'basophil', 'eosinophil', 1000, 'other'), attempt('zz', 'basophil', 'eosinophil')]);
		expect(s.answered).toBe(0);
		expect(s.accuracy).toBeNull();
		expect(s.reviewClasses).toEqual([]);
		expect(s.skipped).toBe(4);
	});
});

describe('minutesSeconds', () => {
	it('rounds to whole seconds', () => {
		expect(minutesSeconds(125_400)).toEqual({ minutes: 2, seconds: 5 });
		expect(minutesSeconds(59_600)).toEqual({ minutes: 1, seconds: 0 });
		expect(minutesSeconds(-5)).toEqual({ minutes: 0, seconds: 0 });
	});
});
