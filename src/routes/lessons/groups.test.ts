import { at } from '$lib/arrays.ts';
import { describe, expect, it } from 'vitest';
import { CELL_CLASS_IDS, CELL_CLASSES, type CellClass } from '$lib/cells/taxonomy.ts';
import { lessonGroups } from './groups.ts';

describe('lessonGroups', () => {
	it('lists every class exactly once', () => {
		const ids = lessonGroups().flatMap((g) => [...g.series, ...g.others].map((c) => c.id));
		expect(ids.sort()).toEqual([...CELL_CLASS_IDS].sort());
	});

	it('orders the neutrophil series from blast to segmented neutrophil', () => {
		const granulocytic = at(lessonGroups(), 0);
		expect(granulocytic.lineage).toBe('granulocytic');
		expect(granulocytic.series.map((c) => c.id)).toEqual([
			'myeloblast',
			'promyelocyte',
			'myelocyte',
			'metamyelocyte',
			'band_neutrophil',
			'segmented_neutrophil'
		]);
		expect(granulocytic.others.map((c) => c.id)).toEqual(['eosinophil', 'basophil']);
	});

	it('sorts a series by maturation even when the input is shuffled, and drops empty lineages', () => {
		const shuffled: CellClass[] = [...CELL_CLASSES].reverse().filter((c) => c.lineage === 'granulocytic');
		const groups = lessonGroups(shuffled);
		expect(groups).toHaveLength(1);
		expect(groups[0]!.series.map((c) => c.maturation)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('puts artefacts last', () => {
		const groups = lessonGroups();
		expect(groups.at(-1)?.lineage).toBe('artefact');
	});
});
