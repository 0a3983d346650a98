import { openFirstReads, type FirstReads } from './first-reads.ts';
import type { AttemptQuery, ImportResult, ProgressStore, StartDrill } from './store.ts';
import type { Attempt, Drill, Learner, NewAttempt } from './records.ts';

export interface LazyProgressStore extends ProgressStore {
	/** Start loading dexie now (when the page is idle after its first screen), so that the first write does not wait. */
	preload(): void;
}

/**
 * The app's ProgressStore without dexie on a page's first screen: until dexie has loaded, the first-screen reads
 * (learners, current learner, active drill, a drill's attempts) go to plain IndexedDB (first-reads.ts); every
 * other call, and every write, loads dexie first (repository.ts) and goes through it. A read that plain
 * IndexedDB cannot do (no database yet, another version, an error) is asked of dexie, which reports any problem
 * as before. A failed load of dexie is not remembered, so the next call tries again.
 */
export function lazyProgressStore(
	loadStore: () => Promise<ProgressStore> = async () => (await import('./repository.ts')).getProgressStore(),
	openReads: () => Promise<FirstReads | null> = () => openFirstReads()
): LazyProgressStore {
	let loading: Promise<ProgressStore> | undefined;
	let loaded = false;
	let reads: Promise<FirstReads | null> | undefined;

	function store(): Promise<ProgressStore> {
		loading ??= loadStore().then(
			(full) => {
				loaded = true;
				// from now on dexie reads too: let go of the plain connection (it closes once its reads are done)
				void reads?.then((r) => r?.close());
				return full;
			},
			(error: unknown) => {
				loading = undefined;
				throw error;
			}
		);
		return loading;
	}

	async function read<T>(first: (r: FirstReads) => Promise<T>, full: (s: ProgressStore) => Promise<T>): Promise<T> {
		if (!loaded) {
			try {
				const r = await (reads ??= openReads());
				if (r && !loaded) return await first(r);
			} catch {
				// e.g. the connection was closed as dexie arrived: dexie reads instead
			}
		}
		return full(await store());
	}

	return {
		preload: () => void store().catch(() => {}),
		listLearners: () =>
			read(
				(r) => r.listLearners(),
				(s) => s.listLearners()
			),
		getCurrentLearnerId: () =>
			read(
				(r) => r.getCurrentLearnerId(),
				(s) => s.getCurrentLearnerId()
			),
		getActiveDrill: (learnerId: string) =>
			read(
				(r) => r.getActiveDrill(learnerId),
				(s) => s.getActiveDrill(learnerId)
			),
		listAttempts: (learnerId: string, query: AttemptQuery = {}) => {
			const { drillId, since } = query;
			if (drillId === undefined) return store().then((s) => s.listAttempts(learnerId, query));
			return read(
				(r) => r.listDrillAttempts(learnerId, drillId, since),
				(s) => s.listAttempts(learnerId, query)
			);
		},
		createLearner: async (name: string): Promise<Learner> => (await store()).createLearner(name),
		renameLearner: async (id: string, name: string) => (await store()).renameLearner(id, name),
		deleteLearner: async (id: string) => (await store()).deleteLearner(id),
		setCurrentLearnerId: async (id: string) => (await store()).setCurrentLearnerId(id),
		startDrill: async (spec: StartDrill): Promise<Drill> => (await store()).startDrill(spec),
		getDrill: async (id: string) => (await store()).getDrill(id),
		leaveFeedback: async (drillId: string) => (await store()).leaveFeedback(drillId),
		abandonDrill: async (id: string) => (await store()).abandonDrill(id),
		recordAttempt: async (attempt: NewAttempt): Promise<{ attempt: Attempt; drill: Drill }> => (await store()).recordAttempt(attempt),
		listDrills: async (learnerId: string) => (await store()).listDrills(learnerId),
		exportLearner: async (learnerId: string) => (await store()).exportLearner(learnerId),
		importLearner: async (text: string): Promise<ImportResult> => (await store()).importLearner(text)
	};
}
