import { describe, expect, it } from 'vitest';
import type { Learner } from '$lib/progress/records.ts';
import type { ProgressStore } from '$lib/progress/store.ts';
import { LearnerState } from './learners.svelte.ts';

/** A store whose first list of learners only arrives when `finishLoad` is called (a slow device). */
function slowStore(existing: Learner[]) {
	const learners = [...existing];
	let currentId: string | null = null;
	let finishLoad!: () => void;
	const firstLoad = new Promise<void>((resolve) => (finishLoad = resolve));
	let loads = 0;
	const store = {
		async listLearners() {
			const snapshot = [...learners];
			if (loads++ === 0) await firstLoad;
			return snapshot;
		},
		async getCurrentLearnerId() {
			const snapshot = currentId;
			await firstLoad;
			return snapshot;
		},
		async createLearner(name: string): Promise<Learner> {
			const learner = { schemaVersion: 1, id: `id-${learners.length + 1}`, name, createdAt: 0 } as Learner;
			learners.push(learner);
			return learner;
		},
		async setCurrentLearnerId(id: string) {
			currentId = id;
		}
	} as unknown as ProgressStore;
	return { store, finishLoad };
}

describe('LearnerState', () => {
	it('keeps a learner created while the first load is still running, and chooses them', async () => {
		const existing = { schemaVersion: 1, id: 'id-0', name: 'Ana', createdAt: 0 } as Learner;
		const { store, finishLoad } = slowStore([existing]);
		const state = new LearnerState(() => store);
		void state.load();
		const creating = state.create('Ben');
		finishLoad();
		await creating;
		expect(state.list.map((l) => l.name)).toEqual(['Ana', 'Ben']);
		expect(state.current?.name).toBe('Ben');
		expect(state.ready).toBe(true);
	});
});
