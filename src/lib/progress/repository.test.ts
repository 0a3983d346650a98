import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgressStore, type DexieProgressStore } from './repository.ts';
import { isQuotaError } from '../errors.ts';
import { StorageFullError } from './store.ts';
import { BACKUP_FORMAT, BackupError } from './backup.ts';
import type { NewAttempt } from './records.ts';
import { RealismStore } from '../realism/store.ts';
import { newAttempt } from '$test-data/builders.ts';

let store: DexieProgressStore;
let clock: number;

function freshStore(indexedDB = new IDBFactory()): DexieProgressStore {
	let n = 0;
	return createProgressStore({ indexedDB, IDBKeyRange }, { now: () => clock, newId: () => `id-${++n}` });
}

beforeEach(() => {
	clock = Date.UTC(2026, 10, 1, 9, 0, 0);
	store = freshStore();
});

afterEach(() => {
	store.db.close();
	vi.restoreAllMocks();
});

function answer(learnerId: string, drillId: string, itemId: string, answeredClass: NewAttempt['answeredClass'] = 'monocyte'): NewAttempt {
	return newAttempt(learnerId, drillId, itemId, { answeredClass, at: clock, modelClass: 'monocyte', modelConfidence: 0.9 });
}

async function learnerWithDrill(items = ['a', 'b', 'c']) {
	const learner = await store.createLearner('  Ada   Lovelace ');
	const drill = await store.startDrill({ learnerId: learner.id, kind: 'drill', classes: ['monocyte'], itemIds: items, seed: 7 });
	return { learner, drill };
}

describe('learners', () => {
	it('creates, lists, renames, selects and deletes learners with their records', async () => {
		const ada = await store.createLearner('  Ada   Lovelace ');
		expect(ada.name).toBe('Ada Lovelace');
		clock += 1;
		const bob = await store.createLearner('Bob');
		expect((await store.listLearners()).map((l) => l.name)).toEqual(['Ada Lovelace', 'Bob']);

		await store.renameLearner(bob.id, 'Robert');
		expect((await store.listLearners())[1]!.name).toBe('Robert');
		await expect(store.renameLearner('nobody', 'x')).rejects.toThrow(/No learner/);
		await expect(store.createLearner('   ')).rejects.toThrow(/needs a name/);

		expect(await store.getCurrentLearnerId()).toBeNull();
		await store.setCurrentLearnerId(ada.id);
		expect(await store.getCurrentLearnerId()).toBe(ada.id);
		await expect(store.setCurrentLearnerId('nobody')).rejects.toThrow(/No learner/);

		const drill = await store.startDrill({ learnerId: ada.id, kind: 'drill', classes: ['monocyte'], itemIds: ['a'], seed: 1 });
		await store.recordAttempt(answer(ada.id, drill.id, 'a'));
		await store.deleteLearner(ada.id);
		expect((await store.listLearners()).map((l) => l.id)).toEqual([bob.id]);
		expect(await store.listAttempts(ada.id)).toEqual([]);
		expect(await store.listDrills(ada.id)).toEqual([]);
		expect(await store.getCurrentLearnerId()).toBeNull();
	});

	it('keeps the records across a reopen of the same database', async () => {
		const idb = new IDBFactory();
		const first = freshStore(idb);
		const learner = await first.createLearner('Ada');
		await first.setCurrentLearnerId(learner.id);
		first.db.close();
		const second = freshStore(idb);
		expect(await second.getCurrentLearnerId()).toBe(learner.id);
		second.db.close();
	});
});

describe('drills and attempts', () => {
	it('resumes the unfinished drill, advances position and finishes after the last item', async () => {
		const { learner, drill } = await learnerWithDrill();
		expect((await store.getActiveDrill(learner.id))?.id).toBe(drill.id);

		const r1 = await store.recordAttempt(answer(learner.id, drill.id, 'a'));
		expect(r1.attempt.correct).toBe(true);
		expect(r1.attempt.id).toBeTypeOf('number');
		expect(r1.drill.position).toBe(1);
		const r2 = await store.recordAttempt(answer(learner.id, drill.id, 'b', 'lymphocyte'));
		expect(r2.attempt.correct).toBe(false);
		// as after a reload: the drill read back from the database is at item 2
		const resumed = await store.getActiveDrill(learner.id);
		expect(resumed?.position).toBe(2);
		expect(resumed?.itemIds[resumed.position]).toBe('c');

		const r3 = await store.recordAttempt(answer(learner.id, drill.id, 'c'));
		expect(r3.drill.position).toBe(3);
		expect(r3.drill.finishedAt).toBe(clock);
		// the last feedback is still on screen: a reload comes back to it
		expect((await store.getActiveDrill(learner.id))?.feedbackOn).toBe('c');
		await store.leaveFeedback(drill.id);
		expect(await store.getActiveDrill(learner.id)).toBeUndefined();
	});

	it('stores which item’s feedback is on screen until the learner moves on', async () => {
		const { learner, drill } = await learnerWithDrill();
		await store.recordAttempt(answer(learner.id, drill.id, 'a'));
		const reloaded = await store.getActiveDrill(learner.id);
		expect(reloaded).toMatchObject({ position: 1, feedbackOn: 'a' });
		const moved = await store.leaveFeedback(drill.id);
		expect(moved.feedbackOn).toBeUndefined();
		expect((await store.getActiveDrill(learner.id))?.feedbackOn).toBeUndefined();
		// a finished drill set aside on its last feedback is not offered again
		await store.recordAttempt(answer(learner.id, drill.id, 'b'));
		await store.recordAttempt(answer(learner.id, drill.id, 'c'));
		await store.abandonDrill(drill.id);
		expect(await store.getActiveDrill(learner.id)).toBeUndefined();
	});

	it('resumes the most recent unfinished drill, not an abandoned one', async () => {
		const { learner, drill: older } = await learnerWithDrill();
		clock += 1000;
		const newer = await store.startDrill({ learnerId: learner.id, kind: 'review', classes: ['monocyte'], itemIds: ['x'], seed: 2 });
		expect((await store.getActiveDrill(learner.id))?.id).toBe(newer.id);
		await store.abandonDrill(newer.id);
		expect((await store.getActiveDrill(learner.id))?.id).toBe(older.id);
		expect((await store.getDrill(newer.id))?.abandonedAt).toBe(clock);
	});

	it('keeps the first answer when the same item of a drill is answered twice', async () => {
		const { learner, drill } = await learnerWithDrill();
		const first = await store.recordAttempt(answer(learner.id, drill.id, 'a', 'monocyte'));
		const [again, concurrent] = await Promise.all([
			store.recordAttempt(answer(learner.id, drill.id, 'a', 'lymphocyte')),
			store.recordAttempt(answer(learner.id, drill.id, 'a', 'basophil'))
		]);
		expect(again.attempt).toEqual(first.attempt);
		expect(concurrent.attempt).toEqual(first.attempt);
		expect(again.drill.position).toBe(1);
		const attempts = await store.listAttempts(learner.id);
		expect(attempts).toHaveLength(1);
		expect(attempts[0]!.answeredClass).toBe('monocyte');
	});

	it('refuses attempts that do not fit their drill', async () => {
		const { learner, drill } = await learnerWithDrill();
		await expect(store.recordAttempt(answer(learner.id, drill.id, 'zzz'))).rejects.toThrow(/not part of drill/);
		await expect(store.recordAttempt(answer(learner.id, 'no-drill', 'a'))).rejects.toThrow(/No drill/);
		await expect(store.recordAttempt(answer('someone-else', drill.id, 'a'))).rejects.toThrow(/another learner/);
		await expect(store.startDrill({ learnerId: learner.id, kind: 'drill', classes: [], itemIds: [], seed: 1 })).rejects.toThrow(
			/at least one/
		);
	});

	it('filters attempts by time and drill', async () => {
		const { learner, drill } = await learnerWithDrill();
		await store.recordAttempt(answer(learner.id, drill.id, 'a'));
		clock += 60_000;
		await store.recordAttempt(answer(learner.id, drill.id, 'b'));
		expect((await store.listAttempts(learner.id, { since: clock })).map((a) => a.itemId)).toEqual(['b']);
		expect(await store.listAttempts(learner.id, { drillId: 'other' })).toEqual([]);
		expect((await store.listAttempts(learner.id, { drillId: drill.id })).map((a) => a.itemId)).toEqual(['a', 'b']);
		expect((await store.listAttempts(learner.id, { drillId: drill.id, since: clock })).map((a) => a.itemId)).toEqual(['b']);
		expect(await store.listAttempts('someone-else', { drillId: drill.id })).toEqual([]);
	});
});

describe('storage full', () => {
	it('recognises the quota errors browsers and dexie raise', () => {
		expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
		expect(
			isQuotaError(Object.assign(new Error('aborted'), { name: 'AbortError', inner: new DOMException('full', 'QuotaExceededError') }))
		).toBe(true);
		expect(isQuotaError(Object.assign(new Error('x'), { name: 'QuotaExceededError' }))).toBe(true);
		// dexie's own classes, as its transactions raise them
		expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
		expect(isQuotaError(new Dexie.AbortError('aborted', new Dexie.QuotaExceededError('full')))).toBe(true);
		expect(isQuotaError(new Dexie.AbortError('aborted', new Dexie.ConstraintError('dup')))).toBe(false);
		expect(isQuotaError(new DOMException('aborted', 'AbortError'))).toBe(false);
		expect(isQuotaError(new Error('other'))).toBe(false);
		expect(isQuotaError(undefined)).toBe(false);
	});

	it('maps a quota failure to StorageFullError, writes nothing, and succeeds on retry', async () => {
		const { learner, drill } = await learnerWithDrill();
		const spy = vi
			.spyOn(store.db.attempts, 'add')
			.mockRejectedValueOnce(
				Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: new DOMException('full', 'QuotaExceededError') })
			);
		const pending = answer(learner.id, drill.id, 'a');
		await expect(store.recordAttempt(pending)).rejects.toBeInstanceOf(StorageFullError);
		expect(await store.listAttempts(learner.id)).toEqual([]);
		expect((await store.getDrill(drill.id))?.position).toBe(0);

		spy.mockRestore();
		const retried = await store.recordAttempt(pending);
		expect(retried.drill.position).toBe(1);
		expect(await store.listAttempts(learner.id)).toHaveLength(1);
	});

	it('rolls back the attempt when the drill update hits the quota', async () => {
		const { learner, drill } = await learnerWithDrill();
		vi.spyOn(store.db.drills, 'put').mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
		await expect(store.recordAttempt(answer(learner.id, drill.id, 'a'))).rejects.toBeInstanceOf(StorageFullError);
		expect(await store.listAttempts(learner.id)).toEqual([]);
	});
});

describe('backup', () => {
	async function exported() {
		const { learner, drill } = await learnerWithDrill();
		await store.recordAttempt(answer(learner.id, drill.id, 'a'));
		clock += 1000;
		await store.recordAttempt(answer(learner.id, drill.id, 'b', 'lymphocyte'));
		return { learner, drill, text: await store.exportLearner(learner.id) };
	}

	it('exports a versioned file and imports it on another device as the same learner', async () => {
		const { learner, text } = await exported();
		const json = JSON.parse(text);
		expect(json.format).toBe(BACKUP_FORMAT);
		expect(json.schemaVersion).toBe(1);
		expect(json.attempts).toHaveLength(2);
		expect(json.attempts[0].id).toBeUndefined();

		const other = freshStore();
		const result = await other.importLearner(text);
		expect(result).toMatchObject({ attemptsAdded: 2, attemptsAlreadyPresent: 0, drillsAdded: 1 });
		expect(result.learner.id).toBe(learner.id);
		const a = await store.listAttempts(learner.id);
		const b = await other.listAttempts(learner.id);
		expect(b.map(({ id: _, ...r }) => r)).toEqual(a.map(({ id: _, ...r }) => r));
		// the resumable drill comes along
		expect((await other.getActiveDrill(learner.id))?.position).toBe(2);
		other.db.close();
	});

	it('merges idempotently: importing twice adds nothing, new attempts merge in by (drill, item)', async () => {
		const { learner, drill, text } = await exported();
		const again = await store.importLearner(text);
		expect(again).toMatchObject({ attemptsAdded: 0, attemptsAlreadyPresent: 2, drillsAdded: 0 });

		const other = freshStore();
		await other.importLearner(text);
		await other.recordAttempt(answer(learner.id, drill.id, 'c'));
		const merged = await store.importLearner(await other.exportLearner(learner.id));
		expect(merged).toMatchObject({ attemptsAdded: 1, attemptsAlreadyPresent: 2, drillsAdded: 0 });
		expect(await store.listAttempts(learner.id)).toHaveLength(3);
		expect((await store.getDrill(drill.id))?.position).toBe(3);
		expect((await store.listLearners()).length).toBe(1);
		other.db.close();
	});

	it('carries the learner’s "real or synthetic" answers, once, and still reads backups without them', async () => {
		const { learner, text: before } = await exported();
		const realism = new RealismStore(store.db);
		await realism.record({
			learnerId: learner.id,
			itemId: 'synthetic:abc',
			cellClass: 'basophil',
			truth: 'synthetic',
			said: 'real',
			msToAnswer: 800,
			at: clock
		});
		const text = await store.exportLearner(learner.id);
		expect(JSON.parse(text).judgements).toHaveLength(1);

		const other = freshStore();
		await other.importLearner(text);
		await other.importLearner(text);
		expect(await new RealismStore(other.db).forLearner(learner.id)).toMatchObject([{ itemId: 'synthetic:abc', said: 'real' }]);
		// a file from before the game has no judgements field
		const old = JSON.parse(before);
		delete old.judgements;
		await expect(freshStore().importLearner(JSON.stringify(old))).resolves.toMatchObject({ attemptsAdded: 2 });
		const bad = JSON.parse(text);
		bad.judgements[0].said = 'maybe';
		await expect(freshStore().importLearner(JSON.stringify(bad))).rejects.toThrow(/"real or synthetic" answer record at index 0/);
		other.db.close();
	});

	it('keeps the first of two answers to the same item listed twice in a file', async () => {
		const { learner, text } = await exported();
		const json = JSON.parse(text);
		json.attempts.push({ ...json.attempts[0], answeredClass: 'basophil', correct: false });
		const target = freshStore();
		const result = await target.importLearner(JSON.stringify(json));
		expect(result).toMatchObject({ attemptsAdded: 2, attemptsAlreadyPresent: 1 });
		const stored = await target.listAttempts(learner.id);
		expect(stored.find((a) => a.itemId === json.attempts[0].itemId)?.answeredClass).toBe('monocyte');
		target.db.close();
	});

	it('rejects each kind of bad file with a clear message and writes nothing', async () => {
		const { learner, text } = await exported();
		const target = freshStore();
		const good = JSON.parse(text);
		const variant = (change: (b: typeof good) => void) => {
			const copy = structuredClone(good);
			change(copy);
			return JSON.stringify(copy);
		};
		const cases: [string, string, RegExp][] = [
			['not JSON', '{"format": "leukodex', /not valid JSON/],
			['wrong format', JSON.stringify({ hello: 'world' }), /not a Leukodex learner backup/],
			['an array', '[1,2]', /not a Leukodex learner backup/],
			['newer version', variant((b) => (b.schemaVersion = 99)), /newer version.*schema 99/],
			['missing version', variant((b) => delete b.schemaVersion), /schemaVersion/],
			['bad learner', variant((b) => (b.learner.id = 5)), /learner is not valid/],
			['attempts not a list', variant((b) => (b.attempts = {})), /attempts is missing or not a list/],
			['bad attempt', variant((b) => (b.attempts[1].answeredClass = 'dragon')), /attempt record at index 1.*answeredClass/],
			['bad drill', variant((b) => (b.drills[0].position = -1)), /drill record at index 0.*position/],
			['foreign attempt', variant((b) => (b.attempts[0].learnerId = 'x')), /attempt record at index 0.*another learner/],
			['orphan attempt', variant((b) => (b.attempts[1].drillId = 'gone')), /attempt record at index 1.*drill gone/]
		];
		for (const [label, file, message] of cases) {
			const error = await target.importLearner(file).then(
				() => null,
				(e: unknown) => e
			);
			expect(error, label).toBeInstanceOf(BackupError);
			expect((error as Error).message, label).toMatch(message);
		}
		expect(await target.listLearners()).toEqual([]);
		expect(await target.listAttempts(learner.id)).toEqual([]);
		target.db.close();
	});

	it('writes nothing when the import fails part-way', async () => {
		const { learner, text } = await exported();
		const target = freshStore();
		// learner and drill are written first; the attempts' write then hits the quota
		vi.spyOn(target.db.attempts, 'bulkAdd').mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
		await expect(target.importLearner(text)).rejects.toBeInstanceOf(StorageFullError);
		vi.restoreAllMocks();
		expect(await target.listLearners()).toEqual([]);
		expect(await target.listDrills(learner.id)).toEqual([]);
		target.db.close();
	});
});
