import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from './db.ts';
import { openFirstReads, takeEarlyOpen } from './first-reads.ts';
import { lazyProgressStore } from './lazy-store.ts';
import { DB_NAME, DB_VERSION, type NewAttempt } from './records.ts';
import { createProgressStore, type DexieProgressStore } from './repository.ts';
import type { ProgressStore } from './store.ts';
import { newAttempt } from '$test-data/builders.ts';
import { readFileSync } from 'node:fs';

/** Runs app.html's inline script that opens the records' database early, against `indexedDB`. */
function runEarlyOpenScript(indexedDB: IDBFactory) {
	const html = readFileSync(new URL('../../app.html', import.meta.url), 'utf8');
	const script = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).find((s) => s.includes('__leukodexEarlyOpen'));
	expect(script, 'app.html opens the records early').toBeDefined();
	new Function('window', 'indexedDB', script!)(globalThis, indexedDB);
}

/** A factory that must not be asked: the early connection is used instead. */
const refusingFactory = {
	open: () => {
		throw new Error('opened a second time');
	}
} as unknown as IDBFactory;

let clock = Date.UTC(2026, 11, 3, 9, 0, 0);

function answer(learnerId: string, drillId: string, itemId: string): NewAttempt {
	clock += 1000;
	return newAttempt(learnerId, drillId, itemId, { answeredClass: 'lymphocyte', at: clock });
}

/** Two learners with drills in every state: finished, abandoned, unfinished, finished with its feedback still on screen. */
async function recordsOfTwoLearners(indexedDB: IDBFactory): Promise<{ store: DexieProgressStore; ids: string[]; drillIds: string[] }> {
	let n = 0;
	const store = createProgressStore(
		{ indexedDB, IDBKeyRange },
		{ now: () => (clock += 10), newId: () => `id-${String(++n).padStart(3, '0')}` }
	);
	const ada = await store.createLearner('Ada');
	const bo = await store.createLearner('Bo');
	await store.setCurrentLearnerId(bo.id);
	const drillIds: string[] = [];
	const start = async (learnerId: string, itemIds: string[]) => {
		const drill = await store.startDrill({ learnerId, kind: 'drill', classes: ['monocyte', 'lymphocyte'], itemIds, seed: 1 });
		drillIds.push(drill.id);
		return drill;
	};
	// an older unfinished drill (left by an import, say): the newest unfinished one is the one to resume
	await start(ada.id, ['x', 'y']);
	const finished = await start(ada.id, ['a', 'b']);
	await store.recordAttempt(answer(ada.id, finished.id, 'a'));
	await store.recordAttempt(answer(ada.id, finished.id, 'b'));
	await store.leaveFeedback(finished.id);
	const givenUp = await start(ada.id, ['c', 'd']);
	await store.recordAttempt(answer(ada.id, givenUp.id, 'c'));
	await store.abandonDrill(givenUp.id);
	const open = await start(ada.id, ['e', 'f', 'g']);
	await store.recordAttempt(answer(ada.id, open.id, 'f'));
	await store.recordAttempt(answer(ada.id, open.id, 'e'));
	// Bo's last drill is finished but its last feedback is still on screen: it is the one to come back to
	const lastFeedback = await start(bo.id, ['h']);
	await store.recordAttempt(answer(bo.id, lastFeedback.id, 'h'));
	return { store, ids: [ada.id, bo.id, 'nobody'], drillIds };
}

describe('FirstReads (plain IndexedDB) answers as the dexie store does', () => {
	it('for learners, the current learner, active drills and each drill’s attempts', async () => {
		const indexedDB = new IDBFactory();
		const { store, ids, drillIds } = await recordsOfTwoLearners(indexedDB);
		const reads = await openFirstReads(indexedDB, IDBKeyRange);
		expect(reads).not.toBeNull();

		expect(await reads!.listLearners()).toEqual(await store.listLearners());
		expect(await reads!.getCurrentLearnerId()).toEqual(await store.getCurrentLearnerId());
		for (const learnerId of ids) {
			expect(await reads!.getActiveDrill(learnerId)).toEqual(await store.getActiveDrill(learnerId));
			for (const drillId of drillIds) {
				expect(await reads!.listDrillAttempts(learnerId, drillId)).toEqual(await store.listAttempts(learnerId, { drillId }));
				const since = clock - 2500;
				expect(await reads!.listDrillAttempts(learnerId, drillId, since)).toEqual(await store.listAttempts(learnerId, { drillId, since }));
			}
		}
		// the fixture covers what it claims: Ada resumes her unfinished drill, Bo his last feedback
		expect((await reads!.getActiveDrill(ids[0]!))?.id).toBe(drillIds[3]);
		expect((await reads!.getActiveDrill(ids[1]!))?.feedbackOn).toBe('h');
		expect(await reads!.listDrillAttempts(ids[0]!, drillIds[3]!)).toHaveLength(2);

		// a current learner who was deleted is not current
		await store.deleteLearner(ids[1]!);
		const after = await openFirstReads(indexedDB, IDBKeyRange);
		expect(await after!.getCurrentLearnerId()).toBeNull();
		expect(await store.getCurrentLearnerId()).toBeNull();
		reads!.close();
		after!.close();
		store.db.close();
	});

	it('does not create a database that does not exist yet, so dexie can create it', async () => {
		const indexedDB = new IDBFactory();
		expect(await openFirstReads(indexedDB, IDBKeyRange)).toBeNull();
		expect(await indexedDB.databases()).toEqual([]);
		const store = createProgressStore({ indexedDB, IDBKeyRange });
		const learner = await store.createLearner('Cy');
		expect(await store.listLearners()).toEqual([learner]);
		store.db.close();
	});

	it('leaves a database at another version to dexie', async () => {
		const indexedDB = new IDBFactory();
		await new Promise<void>((resolve) => {
			const request = indexedDB.open(DB_NAME, 10);
			request.onupgradeneeded = () => request.result.createObjectStore('learners', { keyPath: 'id' });
			request.onsuccess = () => {
				request.result.close();
				resolve();
			};
		});
		expect(await openFirstReads(indexedDB, IDBKeyRange)).toBeNull();
	});

	it('does not hold up dexie opening a newer version', async () => {
		const indexedDB = new IDBFactory();
		const { store } = await recordsOfTwoLearners(indexedDB);
		store.db.close();
		const reads = await openFirstReads(indexedDB, IDBKeyRange);
		expect(reads).not.toBeNull();
		const upgraded = await new Promise<number>((resolve, reject) => {
			const request = indexedDB.open(DB_NAME, DB_VERSION * 10 + 1);
			request.onblocked = () => reject(new Error('blocked by the first-reads connection'));
			request.onsuccess = () => {
				request.result.close();
				resolve(request.result.version);
			};
		});
		expect(upgraded).toBe(DB_VERSION * 10 + 1);
	});

	it('uses the connection app.html opened early (same name, same answers), once', async () => {
		const indexedDB = new IDBFactory();
		const { store } = await recordsOfTwoLearners(indexedDB);
		runEarlyOpenScript(indexedDB);
		const reads = await openFirstReads(refusingFactory, IDBKeyRange, DB_NAME, takeEarlyOpen(DB_NAME));
		expect(await reads!.listLearners()).toEqual(await store.listLearners());
		expect(takeEarlyOpen(DB_NAME), 'taken once').toBeUndefined();
		reads!.close();
		store.db.close();
	});

	it('app.html does not create the database early either, and leaves it to dexie', async () => {
		const indexedDB = new IDBFactory();
		runEarlyOpenScript(indexedDB);
		expect(await openFirstReads(refusingFactory, IDBKeyRange, DB_NAME, takeEarlyOpen(DB_NAME))).toBeNull();
		expect(await indexedDB.databases()).toEqual([]);
		const store = createProgressStore({ indexedDB, IDBKeyRange });
		expect(await store.listLearners()).toEqual([]);
		store.db.close();
	});

	it('DB_VERSION is the version db.ts declares last', () => {
		expect(openDatabase('unused', { indexedDB: new IDBFactory(), IDBKeyRange }).verno).toBe(DB_VERSION);
	});
});

describe('lazyProgressStore', () => {
	it('answers first-screen reads without loading dexie, loads it for a write, then reads through it', async () => {
		const indexedDB = new IDBFactory();
		const { store, ids } = await recordsOfTwoLearners(indexedDB);
		const load = vi.fn(async (): Promise<ProgressStore> => store);
		const lazy = lazyProgressStore(load, () => openFirstReads(indexedDB, IDBKeyRange));

		expect(await lazy.listLearners()).toEqual(await store.listLearners());
		expect(await lazy.getCurrentLearnerId()).toBe(ids[1]);
		const active = await lazy.getActiveDrill(ids[0]!);
		expect(await lazy.listAttempts(ids[0]!, { drillId: active!.id })).toHaveLength(2);
		expect(load).not.toHaveBeenCalled();

		// a learner's whole history is not a first-screen read; nor is any write
		expect(await lazy.listAttempts(ids[0]!)).toHaveLength(5);
		expect(load).toHaveBeenCalledTimes(1);
		const cy = await lazy.createLearner('Cy');
		expect(await lazy.listLearners()).toContainEqual(cy);
		expect(load).toHaveBeenCalledTimes(1);
		store.db.close();
	});

	it('asks dexie when the plain read cannot be done, and tries loading dexie again after a failure', async () => {
		const indexedDB = new IDBFactory();
		const { store } = await recordsOfTwoLearners(indexedDB);
		let fail = true;
		const load = vi.fn(async (): Promise<ProgressStore> => {
			if (fail) throw new Error('chunk could not be loaded');
			return store;
		});
		const lazy = lazyProgressStore(load, async () => null);
		await expect(lazy.listLearners()).rejects.toThrow('chunk could not be loaded');
		fail = false;
		expect(await lazy.listLearners()).toHaveLength(2);
		expect(load).toHaveBeenCalledTimes(2);
		store.db.close();
	});

	it('preload loads dexie without a call, and swallows a failure (the next call reports it)', async () => {
		const load = vi.fn(async (): Promise<ProgressStore> => {
			throw new Error('offline');
		});
		const lazy = lazyProgressStore(load, async () => null);
		lazy.preload();
		await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
		await expect(lazy.getActiveDrill('x')).rejects.toThrow('offline');
	});
});
