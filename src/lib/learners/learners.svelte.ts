import type { Learner } from '$lib/progress/records.ts';
import { lazyProgressStore, type LazyProgressStore } from '$lib/progress/lazy-store.ts';
import type { ProgressStore } from '$lib/progress/store.ts';
import { locale } from '../i18n/locale.svelte.ts';

export { MAX_LEARNER_NAME, nameProblem, type NameProblem } from './learner-name.ts';

/**
 * The learner profiles on this device and the one currently chosen, shared by the header and
 * the pages. Several people may share one lab PC, so every page reads `current` from here.
 */
export class LearnerState {
	list = $state.raw<Learner[]>([]);
	currentId = $state<string | null>(null);
	/** true once the first load finished (successfully or not) */
	ready = $state(false);
	/** why the records could not be opened (IndexedDB blocked, e.g. some private modes) */
	error = $state<string | null>(null);
	current = $derived(this.list.find((l) => l.id === this.currentId) ?? null);

	#loading: Promise<void> | null = null;
	readonly #getStore: () => ProgressStore;

	constructor(getStore: () => ProgressStore = appStore) {
		this.#getStore = getStore;
	}

	get store(): ProgressStore {
		return this.#getStore();
	}

	/** Loads once; later calls wait for the same load. */
	load(): Promise<void> {
		this.#loading ??= this.refresh();
		return this.#loading;
	}

	async refresh(): Promise<void> {
		try {
			const [list, currentId] = await Promise.all([this.store.listLearners(), this.store.getCurrentLearnerId()]);
			this.list = list;
			this.currentId = currentId;
			this.error = null;
		} catch (error) {
			this.error = locale.problem(error);
			this.#loading = null;
		} finally {
			this.ready = true;
		}
	}

	// Each change first waits for the first load: a load that finished after a change (a quick
	// learner on a slow device) would put back the list and choice from before it.

	async select(id: string): Promise<void> {
		await this.load();
		await this.store.setCurrentLearnerId(id);
		this.currentId = id;
	}

	async create(name: string): Promise<Learner> {
		await this.load();
		const learner = await this.store.createLearner(name);
		this.list = [...this.list, learner];
		await this.select(learner.id);
		return learner;
	}

	async rename(id: string, name: string): Promise<void> {
		await this.load();
		await this.store.renameLearner(id, name);
		this.list = await this.store.listLearners();
	}

	async remove(id: string): Promise<void> {
		await this.load();
		await this.store.deleteLearner(id);
		this.list = this.list.filter((l) => l.id !== id);
		if (this.currentId === id) this.currentId = null;
	}
}

let app: LazyProgressStore | undefined;

/** The app's records: dexie loads after the first screen (see lazy-store.ts), or at the first write. */
function appStore(): LazyProgressStore {
	app ??= lazyProgressStore();
	return app;
}

/** Load the records' code now (when idle after a first screen), so the first answer saved does not wait for it. */
export function preloadRecords(): void {
	appStore().preload();
}

export const learners = new LearnerState();
