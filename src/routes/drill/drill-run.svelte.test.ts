import { describe, expect, it, vi } from 'vitest';
import type { ItemPrediction } from '$lib/bank/schema.ts';
import type { Attempt, Drill, NewAttempt } from '$lib/progress/records.ts';
import { StorageFullError, type ProgressStore } from '$lib/progress/store.ts';
import { DrillRun, MODEL_ANSWER_WAIT_MS } from './drill-run.svelte.ts';
import { bankItem } from '$test-data/builders.ts';

const items = new Map([bankItem('a', 'basophil'), bankItem('b', 'eosinophil'), bankItem('c', 'monocyte')].map((i) => [i.id, i]));

/** predictions.json as loaded: only item a has an answer */
const answers = new Map<string, ItemPrediction>([['a', { top: [{ cellClass: 'band_neutrophil', p: 0.87 }], attributes: {} }]]);

function drill(position = 0): Drill {
	return {
		schemaVersion: 1,
		id: 'd1',
		learnerId: 'l1',
		kind: 'drill',
		classes: ['basophil', 'eosinophil', 'monocyte'],
		itemIds: ['a', 'b', 'c'],
		position,
		seed: 1,
		startedAt: 0
	};
}

/** Just the two store calls a drill run makes; `failures` makes the next saves throw. */
function fakeStore(start: Drill) {
	let current = start;
	const saved: NewAttempt[] = [];
	const abandoned: string[] = [];
	const failures: Error[] = [];
	const store = {
		async recordAttempt(input: NewAttempt): Promise<{ attempt: Attempt; drill: Drill }> {
			const failure = failures.shift();
			if (failure) throw failure;
			saved.push(input);
			const index = current.itemIds.indexOf(input.itemId);
			current = { ...current, position: Math.max(current.position, index + 1) };
			if (current.position === current.itemIds.length) current.finishedAt = 1;
			return { attempt: { ...input, schemaVersion: 1, correct: input.trueClass === input.answeredClass }, drill: current };
		},
		async abandonDrill(id: string) {
			abandoned.push(id);
		}
	} as unknown as ProgressStore;
	return { store, saved, abandoned, failures };
}

describe('DrillRun', () => {
	it('records an answer with the time since the image appeared and the model answer, then shows feedback', async () => {
		const { store, saved } = fakeStore(drill());
		let clock = 1000;
		const predictions = vi.fn(async () => answers);
		const run = new DrillRun(store, drill(), items, { predictions, now: () => clock });
		expect(run.canAnswer).toBe(false); // no image on screen yet
		expect(predictions).not.toHaveBeenCalled(); // the first image goes first
		run.imageShown();
		expect(predictions).toHaveBeenCalledTimes(1);
		clock = 3500;
		await run.answer('basophil', 'l1');
		expect(saved).toHaveLength(1);
		expect(saved[0]).toMatchObject({
			itemId: 'a',
			trueClass: 'basophil',
			answeredClass: 'basophil',
			msToAnswer: 2500,
			modelClass: 'band_neutrophil',
			modelConfidence: 0.87,
			image: 'bank/images/a.jpg',
			provenance: 'real'
		});
		expect(run.stage.kind).toBe('feedback');
		expect(run.drill.position).toBe(1);
		await run.next();
		expect(run.index).toBe(1);
		expect(run.stage.kind).toBe('answering');
		expect(run.canAnswer).toBe(false);
		run.imageShown();
		await run.answer('eosinophil', 'l1');
		expect(saved[1]!.modelClass).toBeUndefined(); // item b has no answer from the model
		expect(predictions).toHaveBeenCalledTimes(1); // loaded once
	});

	it('saves the answer without the model’s when its answers cannot be loaded, says why, and tries again next time', async () => {
		const { store, saved } = fakeStore(drill());
		const predictions = vi.fn().mockRejectedValueOnce(new Error('predictions.json: HTTP 404')).mockResolvedValue(answers);
		const run = new DrillRun(store, drill(), items, { predictions, now: () => 0 });
		run.imageShown();
		await run.answer('basophil', 'l1');
		expect(run.stage.kind).toBe('feedback');
		expect(saved[0]!.modelClass).toBeUndefined();
		expect(run.stage).toMatchObject({ kind: 'feedback', modelProblem: expect.stringContaining('HTTP 404') });
		await run.next();
		run.imageShown();
		await run.answer('eosinophil', 'l1');
		expect(predictions).toHaveBeenCalledTimes(2);
		expect(run.stage).toEqual({ kind: 'feedback', attempt: expect.anything() }); // loaded: nothing to explain
	});

	it('does not hold an answer back for long when the model’s answers are slow', async () => {
		vi.useFakeTimers();
		try {
			const { store, saved } = fakeStore(drill());
			const run = new DrillRun(store, drill(), items, { predictions: () => new Promise(() => {}), now: () => 0 });
			run.imageShown();
			const answering = run.answer('basophil', 'l1');
			expect(run.stage.kind).toBe('saving');
			expect(run.answerUnsaved).toBe(true); // leaving the page now would lose it
			await vi.advanceTimersByTimeAsync(MODEL_ANSWER_WAIT_MS);
			await answering;
			expect(run.answerUnsaved).toBe(false);
			expect(run.stage).toMatchObject({ kind: 'feedback', modelProblem: expect.stringContaining('took longer than 4 s') });
			expect(saved[0]!.modelClass).toBeUndefined();
		} finally {
			vi.useRealTimers();
		}
	});

	it('keeps an unsaved answer, shows no feedback, and saves it on retry', async () => {
		const { store, saved, failures } = fakeStore(drill());
		const run = new DrillRun(store, drill(), items, { now: () => 0 });
		run.imageShown();
		failures.push(new StorageFullError());
		await run.answer('eosinophil', 'l1');
		expect(run.stage).toMatchObject({ kind: 'saveFailed', answer: 'eosinophil', storageFull: true });
		expect(saved).toHaveLength(0);
		expect(run.answerUnsaved).toBe(true);
		await run.answer('basophil', 'l1'); // a second key press must not replace the kept answer
		expect(run.stage.kind).toBe('saveFailed');
		await run.retry('l1');
		expect(saved.map((s) => s.answeredClass)).toEqual(['eosinophil']);
		expect(run.stage.kind).toBe('feedback');
	});

	it('resumes at the stored position', () => {
		const { store } = fakeStore(drill(2));
		const run = new DrillRun(store, drill(2), items);
		expect(run.index).toBe(2);
		expect(run.item?.id).toBe('c');
	});

	it('skips only an image that failed or an item gone from the bank, without recording it', async () => {
		const { store, saved, abandoned } = fakeStore(drill(2));
		const run = new DrillRun(store, drill(2), items);
		await run.skip();
		expect(run.index).toBe(2); // the image is fine: no skipping
		run.imageError();
		expect(run.canAnswer).toBe(false);
		await run.skip();
		expect(saved).toHaveLength(0);
		expect(run.skippedCount).toBe(1);
		expect(run.stage.kind).toBe('done');
		expect(abandoned).toEqual(['d1']); // the last item was skipped: the drill is closed

		const gone = new DrillRun(fakeStore(drill()).store, { ...drill(), itemIds: ['zz', 'a'] }, items);
		expect(gone.item).toBeUndefined();
		await gone.skip();
		expect(gone.item?.id).toBe('a');
	});
});
