import { at } from '../arrays.ts';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgressStore, type DexieProgressStore } from './repository.ts';
import { AssignmentStore } from './assignment-repository.ts';
import { fixtureBankItems, fixtureSpec } from '../assignments/fixtures.ts';
import { planAssignment } from '../assignments/plan.ts';
import { buildResults, resultsToFile, resultsToPayload, specFromPayload, specToPayload } from '../assignments/results.ts';
import { mulberry32 } from '../bank/sampling.ts';

let progress: DexieProgressStore;
let store: AssignmentStore;
let clock: number;
const items = fixtureBankItems();
const spec = fixtureSpec(items);
const itemIds = planAssignment(items, spec);
const label = new Map(items.map((i) => [i.id, i.label]));

beforeEach(() => {
	clock = Date.UTC(2026, 10, 2, 9);
	let n = 0;
	progress = createProgressStore({ indexedDB: new IDBFactory(), IDBKeyRange }, { now: () => clock, newId: () => `id-${++n}` });
	store = new AssignmentStore(progress.db, progress, { now: () => clock, newId: () => `ins-${++n}` });
});

afterEach(() => progress.db.close());

function results(name: string, answered = itemIds.length, resultId = `drill-${name}`) {
	return buildResults({
		resultId,
		spec,
		learnerName: name,
		startedAt: clock,
		finishedAt: clock + 1,
		timedOut: false,
		attempts: itemIds
			.slice(0, answered)
			.map((itemId, i) => ({ itemId, trueClass: label.get(itemId)!, answeredClass: label.get(itemId)!, msToAnswer: 1000, at: clock + i }))
	});
}

describe('trainee inbox', () => {
	it('adds an assignment once, starts one drill for it and resumes that drill', async () => {
		const learner = await progress.createLearner('Ana');
		expect((await store.receive(learner.id, spec)).added).toBe(true);
		expect((await store.receive(learner.id, spec)).added).toBe(false);
		expect(await store.listInbox(learner.id)).toHaveLength(1);
		const drill = await store.startAssignment(learner.id, spec.id, itemIds);
		expect(drill).toMatchObject({ kind: 'assignment', assignmentId: spec.id, itemIds });
		expect((await store.startAssignment(learner.id, spec.id, itemIds)).id).toBe(drill.id);
	});

	it('a damaged link stores nothing: the inbox is exactly as before, over many random damages', async () => {
		const learner = await progress.createLearner('Ana');
		await store.receive(learner.id, { ...spec, id: 'existing-assignment-1' });
		const before = JSON.stringify(await progress.db.inbox.toArray());
		const payload = specToPayload(spec);
		const random = mulberry32(11);
		let refused = 0;
		for (let i = 0; i < 300; i++) {
			const damaged =
				i % 2
					? payload.slice(0, Math.floor(random() * payload.length))
					: payload.replace(payload.charAt(Math.floor(random() * payload.length)), 'Q');
			const decoded = specFromPayload(damaged);
			// the page only ever passes a decoded spec to receive(); a refusal never reaches the store
			if (decoded.ok) await store.receive(learner.id, decoded.value);
			else refused++;
		}
		const after = await progress.db.inbox.toArray();
		expect(refused).toBeGreaterThan(290);
		expect(after.filter((e) => e.assignmentId !== spec.id).map((e) => JSON.stringify(e))).toEqual(
			JSON.parse(before).map((e: unknown) => JSON.stringify(e))
		);
		for (const e of after) expect(e.spec.composition.length).toBeGreaterThan(0);
	});

	it('deleting a learner deletes their inbox and schedule', async () => {
		const learner = await progress.createLearner('Ana');
		await store.receive(learner.id, spec);
		const drill = await store.startAssignment(learner.id, spec.id, itemIds);
		await progress.recordAttempt({
			learnerId: learner.id,
			drillId: drill.id,
			itemId: at(itemIds, 0),
			image: 'x.jpg',
			provenance: 'real',
			trueClass: label.get(at(itemIds, 0))!,
			answeredClass: 'monocyte',
			msToAnswer: 10,
			at: clock
		});
		expect(await store.listSchedule(learner.id)).toHaveLength(2);
		await progress.deleteLearner(learner.id);
		expect(await store.listInbox(learner.id)).toHaveLength(0);
		expect(await store.listSchedule(learner.id)).toHaveLength(0);
	});
});

describe('spaced repetition follows recorded attempts', () => {
	it('a miss schedules the class and the image; answering the same item twice changes nothing more', async () => {
		const learner = await progress.createLearner('Ana');
		const drill = await progress.startDrill({
			learnerId: learner.id,
			kind: 'drill',
			classes: ['band_neutrophil', 'segmented_neutrophil'],
			itemIds: ['a', 'b'],
			seed: 1
		});
		const miss = {
			learnerId: learner.id,
			drillId: drill.id,
			itemId: 'a',
			image: 'a.jpg',
			provenance: 'real' as const,
			trueClass: 'band_neutrophil' as const,
			answeredClass: 'segmented_neutrophil' as const,
			msToAnswer: 5,
			at: clock
		};
		await progress.recordAttempt(miss);
		await progress.recordAttempt(miss);
		const cards = await store.listSchedule(learner.id);
		expect(cards.map((c) => [c.key, c.reps, c.misses])).toEqual([
			['class:band_neutrophil', 1, 1],
			['item:a', 1, 1]
		]);
	});
});

describe('instructor: importing results', () => {
	it('imports many files, lists bad ones with their reason, and never counts a file twice', async () => {
		const instructor = await store.createInstructor('Dr. Lin');
		expect((await store.getCurrentInstructor())?.id).toBe(instructor.id);
		const ana = resultsToFile(results('Ana'));
		const bo = resultsToFile(results('Bo'));
		const corrupted = ana.replace('"Ana"', '"Anna"');
		const outcomes = await store.importResults(instructor.id, [
			{ name: 'ana.json', text: ana },
			{ name: 'bo.json', text: bo },
			{ name: 'bad.json', text: corrupted },
			{ name: 'notes.txt', text: 'hello' }
		]);
		expect(outcomes.map((o) => [o.name, o.status])).toEqual([
			['ana.json', 'added'],
			['bo.json', 'added'],
			['bad.json', 'refused'],
			['notes.txt', 'refused']
		]);
		expect(outcomes[2]).toMatchObject({ problem: { kind: 'checksum' } });
		expect(outcomes[3]).toMatchObject({ problem: { kind: 'not-json' } });

		const again = await store.importResults(instructor.id, [
			{ name: 'ana.json', text: ana },
			{ name: 'ana-link', text: resultsToPayload(results('Ana')), kind: 'link' }
		]);
		expect(again.map((o) => o.status)).toEqual(['unchanged', 'refused']);
		expect(await store.listResults(instructor.id)).toHaveLength(2);
	});

	it('a later export with more answers replaces the earlier one; an older one does not', async () => {
		const instructor = await store.createInstructor('Dr. Lin');
		await store.importResults(instructor.id, [{ name: 'part', text: resultsToFile(results('Ana', 4)) }]);
		expect((await store.importResults(instructor.id, [{ name: 'full', text: resultsToFile(results('Ana')) }]))[0]!.status).toBe('updated');
		expect((await store.importResults(instructor.id, [{ name: 'part', text: resultsToFile(results('Ana', 4)) }]))[0]!.status).toBe(
			'unchanged'
		);
		const stored = await store.listResults(instructor.id);
		expect(stored).toHaveLength(1);
		expect(stored[0]!.results.attempts).toHaveLength(itemIds.length);
	});

	it('keeps each instructor profile’s results apart', async () => {
		const a = await store.createInstructor('A');
		const b = await store.createInstructor('B');
		await store.importResults(a.id, [{ name: 'x', text: resultsToFile(results('Ana')) }]);
		expect(await store.listResults(b.id)).toHaveLength(0);
		await store.saveAuthored(a.id, spec);
		expect(await store.listAuthored(a.id)).toHaveLength(1);
		expect(await store.listAuthored(b.id)).toHaveLength(0);
	});
});
