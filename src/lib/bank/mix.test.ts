import { describe, expect, it } from 'vitest';
import { classItems } from '$test-data/builders.ts';
import { countSyntheticByClass } from './sampling.ts';
import { itemsForMix, TOP_UP_BELOW, type MixableItem } from './mix.ts';

const items = (label: MixableItem['label'], provenance: MixableItem['provenance'], n: number): MixableItem[] =>
	classItems(label, provenance, n);

const bank = [
	...items('lymphocyte', 'real', 200),
	...items('lymphocyte', 'synthetic', 30),
	...items('promyelocyte', 'real', TOP_UP_BELOW - 10),
	...items('promyelocyte', 'synthetic', 30),
	...items('basophil', 'synthetic', 5)
];

describe('itemsForMix', () => {
	it('real: no synthetic image at all', () => {
		expect(itemsForMix(bank, 'real').every((i) => i.provenance === 'real')).toBe(true);
	});

	it('top-up: synthetic images only for classes short of real ones, and only up to the threshold', () => {
		const counts = countSyntheticByClass(itemsForMix(bank, 'top-up'));
		expect(counts.get('lymphocyte')).toBeUndefined();
		expect(counts.get('promyelocyte')).toBe(10);
		expect(counts.get('basophil')).toBe(5);
	});

	it('top-up picks the same synthetic images whatever order the bank lists them in', () => {
		const a = itemsForMix(bank, 'top-up')
			.map((i) => i.id)
			.sort();
		const b = itemsForMix([...bank].reverse(), 'top-up')
			.map((i) => i.id)
			.sort();
		expect(b).toEqual(a);
	});

	it('mixed: everything', () => {
		expect(itemsForMix(bank, 'mixed')).toHaveLength(bank.length);
	});
});
