import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createProgressStore } from '../progress/repository.ts';
import { realismMatrix } from './realism.ts';
import { RealismStore } from './store.ts';

function fresh() {
	return new RealismStore(createProgressStore({ indexedDB: new IDBFactory(), IDBKeyRange }).db);
}

describe('RealismStore', () => {
	it('keeps each learner’s answers apart and all of them together', async () => {
		const store = fresh();
		await store.record({
			learnerId: 'a',
			itemId: 'synthetic:1',
			cellClass: 'basophil',
			truth: 'synthetic',
			said: 'real',
			msToAnswer: 900,
			at: 2
		});
		await store.record({ learnerId: 'a', itemId: 'pbc:1', cellClass: 'basophil', truth: 'real', said: 'real', msToAnswer: 700, at: 1 });
		await store.record({
			learnerId: 'b',
			itemId: 'pbc:2',
			cellClass: 'monocyte',
			truth: 'real',
			said: 'synthetic',
			msToAnswer: 500,
			at: 3
		});
		const a = await store.forLearner('a');
		expect(a.map((j) => j.itemId)).toEqual(['pbc:1', 'synthetic:1']);
		expect(realismMatrix(a).syntheticPassedAsReal).toBe(1);
		expect(realismMatrix(await store.all()).total).toBe(3);
	});

	it('refuses a malformed answer without writing it', async () => {
		const store = fresh();
		const malformed = { learnerId: 'a', itemId: 'x', cellClass: 'basophil', truth: 'drawn', said: 'real', msToAnswer: 1, at: 1 } as const;
		// @ts-expect-error a provenance that does not exist
		await expect(store.record(malformed)).rejects.toThrow();
		expect(await store.all()).toEqual([]);
	});
});
