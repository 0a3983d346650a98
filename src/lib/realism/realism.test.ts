import { describe, expect, it } from 'vitest';
import type { CellClassId } from '../cells/taxonomy.ts';
import { classItems } from '$test-data/builders.ts';
import { planRealismRound, realismMatrix, syntheticByClass, type RealismItem } from './realism.ts';

const items = (label: CellClassId, provenance: RealismItem['provenance'], n: number): RealismItem[] => classItems(label, provenance, n);

const bank = [
	...items('lymphocyte', 'real', 20),
	...items('lymphocyte', 'synthetic', 3),
	...items('basophil', 'real', 2),
	...items('basophil', 'synthetic', 5),
	...items('monocyte', 'real', 9)
];
const byId = new Map(bank.map((i) => [i.id, i]));

describe('planRealismRound', () => {
	it('pairs every synthetic image with a real one of the same class, half and half', () => {
		const round = planRealismRound(bank, 10, 1).map((id) => byId.get(id)!);
		expect(round).toHaveLength(10);
		expect(round.filter((i) => i.provenance === 'synthetic')).toHaveLength(5);
		for (const c of ['lymphocyte', 'basophil'] as const) {
			const of = round.filter((i) => i.label === c);
			expect(of.filter((i) => i.provenance === 'real').length).toBe(of.filter((i) => i.provenance === 'synthetic').length);
		}
		// a class without synthetic images is not in the game
		expect(round.some((i) => i.label === 'monocyte')).toBe(false);
	});

	it('stops short when no pairs are left, never repeating an image', () => {
		const round = planRealismRound(bank, 40, 2);
		expect(round).toHaveLength(2 * (3 + 2));
		expect(new Set(round).size).toBe(round.length);
	});

	it('is the same for the same seed, and empty without synthetic images', () => {
		expect(planRealismRound(bank, 10, 7)).toEqual(planRealismRound([...bank].reverse(), 10, 7));
		expect(planRealismRound(items('monocyte', 'real', 9), 10, 1)).toEqual([]);
	});

	it('pairs synthetic images only with real ones of the labs they imitate, so the look of a lab gives nothing away', () => {
		const imitating = (n: number): RealismItem[] => items('segmented_neutrophil', 'synthetic', n).map((i) => ({ ...i, imitates: ['pbc'] }));
		const munich = classItems('segmented_neutrophil', 'real', 30, 'matek-aml');
		const barcelona = classItems('segmented_neutrophil', 'real', 4);
		const mixed = [...munich, ...barcelona, ...imitating(10)];
		const round = planRealismRound(mixed, 20, 3).map((id) => mixed.find((i) => i.id === id)!);
		// 4 Barcelona cells to pair with: 4 pairs, although Munich's 30 could have made 10
		expect(round).toHaveLength(8);
		expect(round.filter((i) => i.provenance === 'real').every((i) => i.source === 'pbc')).toBe(true);
		// a set written before `imitates` existed pairs with any real image of the class, as before
		const unnamed = [...munich, ...barcelona, ...items('segmented_neutrophil', 'synthetic', 10)];
		const sources = new Set(planRealismRound(unnamed, 20, 3).map((id) => unnamed.find((i) => i.id === id)!.source));
		expect(sources).toEqual(new Set(['pbc', 'matek-aml', 'synthetic']));
	});
});

describe('realismMatrix', () => {
	it('counts the 2×2 table and its rates', () => {
		const m = realismMatrix([
			{ truth: 'real', said: 'real' },
			{ truth: 'real', said: 'synthetic' },
			{ truth: 'synthetic', said: 'real' },
			{ truth: 'synthetic', said: 'real' },
			{ truth: 'synthetic', said: 'synthetic' }
		]);
		expect(m.counts).toEqual({ real: { real: 1, synthetic: 1 }, synthetic: { real: 2, synthetic: 1 } });
		expect(m.accuracy).toBe(2 / 5);
		expect(m.syntheticPassedAsReal).toBe(2 / 3);
		expect(m.realDoubted).toBe(1 / 2);
	});

	it('knows nothing, rather than 0%, with no judgements', () => {
		expect(realismMatrix([])).toMatchObject({ total: 0, accuracy: null, syntheticPassedAsReal: null, realDoubted: null });
	});
});

describe('syntheticByClass', () => {
	it('counts, per cell type in taxonomy order, the synthetic images shown and those taken for real', () => {
		const rows = syntheticByClass([
			{ truth: 'synthetic', said: 'real', cellClass: 'platelet' },
			{ truth: 'synthetic', said: 'synthetic', cellClass: 'platelet' },
			{ truth: 'synthetic', said: 'synthetic', cellClass: 'myeloblast' },
			{ truth: 'real', said: 'real', cellClass: 'lymphocyte' },
			{ truth: 'real', said: 'synthetic', cellClass: 'myeloblast' }
		]);
		expect(rows).toEqual([
			{ cellClass: 'myeloblast', shown: 1, takenForReal: 0 },
			{ cellClass: 'platelet', shown: 2, takenForReal: 1 }
		]);
	});

	it('has no rows without synthetic judgements', () => {
		expect(syntheticByClass([{ truth: 'real', said: 'synthetic', cellClass: 'lymphocyte' }])).toEqual([]);
	});
});
