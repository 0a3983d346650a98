import { describe, expect, it } from 'vitest';
import type { CellClassId } from '../cells/taxonomy.ts';
import { countByClass, mulberry32, newSeed, planDrill, shuffled, type SampleableItem } from './sampling.ts';

function makeItems(counts: Partial<Record<CellClassId, number>>): SampleableItem[] {
	return Object.entries(counts).flatMap(([label, n]) =>
		Array.from({ length: n ?? 0 }, (_, i) => ({ id: `src:${label}-${i}`, label: label as CellClassId }))
	);
}

function labelsOf(ids: string[], items: SampleableItem[]): Map<CellClassId, number> {
	const byId = new Map(items.map((item) => [item.id, item]));
	return countByClass(ids.map((id) => byId.get(id)!));
}

describe('mulberry32', () => {
	it('is deterministic and matches the reference sequence', () => {
		// Reference values of the published mulberry32 for seed 1 (first three outputs * 2^32).
		const random = mulberry32(1);
		expect([random(), random(), random()].map((x) => Math.round(x * 4294967296))).toEqual([2693262067, 11749833, 2265367787]);
	});

	it('stays in [0, 1) and spreads evenly', () => {
		const random = mulberry32(42);
		const buckets = new Array(10).fill(0);
		let min = 1;
		let max = 0;
		for (let i = 0; i < 100_000; i++) {
			const x = random();
			min = Math.min(min, x);
			max = Math.max(max, x);
			buckets[Math.floor(x * 10)]++;
		}
		expect(min).toBeGreaterThanOrEqual(0);
		expect(max).toBeLessThan(1);
		for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
	});
});

describe('shuffled', () => {
	it('returns a permutation and leaves the input alone', () => {
		const input = [1, 2, 3, 4, 5, 6, 7, 8];
		const out = shuffled(input, mulberry32(7));
		expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect([...out].sort((a, b) => a - b)).toEqual(input);
		expect(out).not.toEqual(input);
	});
});

describe('planDrill', () => {
	const items = makeItems({ basophil: 30, eosinophil: 30, lymphocyte: 30, monocyte: 30, platelet: 30 });

	it('is deterministic for a seed and differs between seeds', () => {
		const spec = { classes: ['basophil', 'eosinophil', 'lymphocyte'] as CellClassId[], length: 20, seed: 123 };
		expect(planDrill(items, spec)).toEqual(planDrill(items, spec));
		expect(planDrill(items, spec)).not.toEqual(planDrill(items, { ...spec, seed: 124 }));
	});

	it('does not depend on the order of the bank items', () => {
		const spec = { classes: ['basophil', 'monocyte'] as CellClassId[], length: 10, seed: 5 };
		expect(planDrill([...items].reverse(), spec)).toEqual(planDrill(items, spec));
	});

	it('spreads items over the chosen classes as evenly as possible, only from those classes', () => {
		for (let seed = 0; seed < 50; seed++) {
			const ids = planDrill(items, { classes: ['basophil', 'eosinophil', 'lymphocyte'], length: 10, seed });
			expect(ids).toHaveLength(10);
			expect(new Set(ids).size).toBe(10);
			const counts = labelsOf(ids, items);
			expect([...counts.keys()].sort()).toEqual(['basophil', 'eosinophil', 'lymphocyte']);
			expect([...counts.values()].sort()).toEqual([3, 3, 4]);
		}
	});

	it('gives the extra item to different classes for different seeds', () => {
		const winners = new Set<string>();
		for (let seed = 0; seed < 30; seed++) {
			const counts = labelsOf(planDrill(items, { classes: ['basophil', 'eosinophil', 'lymphocyte'], length: 10, seed }), items);
			winners.add([...counts].find(([, n]) => n === 4)![0]);
		}
		expect(winners.size).toBe(3);
	});

	it('fills from other classes when a class has too few items', () => {
		const uneven = makeItems({ basophil: 2, eosinophil: 30, lymphocyte: 30 });
		const ids = planDrill(uneven, { classes: ['basophil', 'eosinophil', 'lymphocyte'], length: 20, seed: 9 });
		expect(ids).toHaveLength(20);
		expect(new Set(ids).size).toBe(20);
		expect(Object.fromEntries(labelsOf(ids, uneven))).toEqual({ basophil: 2, eosinophil: 9, lymphocyte: 9 });
	});

	it('returns every available item, once, when the classes hold fewer than asked', () => {
		const small = makeItems({ basophil: 3, eosinophil: 4 });
		const ids = planDrill(small, { classes: ['basophil', 'eosinophil'], length: 50, seed: 1 });
		expect([...ids].sort()).toEqual(small.map((i) => i.id).sort());
	});

	it('ignores duplicated ids and classes without items', () => {
		const dup = [...makeItems({ basophil: 3 }), ...makeItems({ basophil: 3 })];
		const ids = planDrill(dup, { classes: ['basophil', 'smudge_cell'], length: 10, seed: 3 });
		expect([...ids].sort()).toEqual(['src:basophil-0', 'src:basophil-1', 'src:basophil-2']);
	});

	it('shuffles the final order rather than cycling through the classes', () => {
		let cycling = 0;
		for (let seed = 0; seed < 20; seed++) {
			const ids = planDrill(items, { classes: ['basophil', 'eosinophil'], length: 10, seed });
			const labels = ids.map((id) => items.find((i) => i.id === id)!.label);
			if (labels.every((l, i) => i === 0 || l !== labels[i - 1])) cycling++;
		}
		expect(cycling).toBeLessThan(5);
	});

	it('rejects a negative or fractional length', () => {
		expect(() => planDrill(items, { classes: ['basophil'], length: -1, seed: 0 })).toThrow(RangeError);
		expect(() => planDrill(items, { classes: ['basophil'], length: 2.5, seed: 0 })).toThrow(RangeError);
	});
});

describe('newSeed', () => {
	it('gives unsigned 32-bit integers', () => {
		const seed = newSeed();
		expect(Number.isInteger(seed)).toBe(true);
		expect(seed).toBeGreaterThanOrEqual(0);
		expect(seed).toBeLessThan(2 ** 32);
	});
});
