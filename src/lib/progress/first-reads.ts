import { CURRENT_LEARNER_KEY, DB_NAME, DB_VERSION, isResumable, ofDrillFor, type Attempt, type Drill, type Learner } from './records.ts';

/**
 * The reads a page's first screen needs — the learners, the current learner, a learner's active drill and that
 * drill's attempts — done with plain IndexedDB, so that dexie (a third of the drill's first-screen JavaScript,
 * plus its open) can load after the drill's first image is on screen. Each method returns what
 * DexieProgressStore's method of the same name returns (first-reads.test.ts compares them on one database).
 * Reads only: every write goes through dexie.
 */
export class FirstReads {
	readonly #db: IDBDatabase;
	readonly #range: typeof IDBKeyRange;

	constructor(db: IDBDatabase, range: typeof IDBKeyRange) {
		this.#db = db;
		this.#range = range;
	}

	async listLearners(): Promise<Learner[]> {
		const learners = await done<Learner[]>(this.#store('learners').getAll());
		return learners.sort((a, b) => a.createdAt - b.createdAt);
	}

	async getCurrentLearnerId(): Promise<string | null> {
		const setting = await done<{ value: string } | undefined>(this.#store('settings').get(CURRENT_LEARNER_KEY));
		if (!setting) return null;
		// a deleted learner is not current, even if the setting was left behind
		return (await done<number>(this.#store('learners').count(setting.value))) > 0 ? setting.value : null;
	}

	async getActiveDrill(learnerId: string): Promise<Drill | undefined> {
		// the index's order (learner, start time, id), newest first, as dexie's where(…).between(…).reverse()
		const range = this.#range.bound([learnerId, 0], [learnerId, []], false, true);
		const oldestFirst = await done<Drill[]>(this.#store('drills').index('[learnerId+startedAt]').getAll(range));
		return oldestFirst.reverse().find(isResumable);
	}

	async listDrillAttempts(learnerId: string, drillId: string, since = 0): Promise<Attempt[]> {
		return ofDrillFor(await done<Attempt[]>(this.#store('attempts').index('drillId').getAll(drillId)), learnerId, since);
	}

	close(): void {
		this.#db.close();
	}

	#store(name: string): IDBObjectStore {
		return this.#db.transaction(name, 'readonly').objectStore(name);
	}
}

function done<T>(request: IDBRequest): Promise<T> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result as T);
		request.onerror = () => reject(request.error);
	});
}

/**
 * The connection app.html's inline script started opening while the page's code was still downloading (the
 * opening is most of the first reads' time on a slow device), in the same way as openFirstReads: never
 * creating the database. Read once; a page that never asks leaves it to close with the page.
 */
export interface EarlyOpen {
	name: string;
	db: Promise<IDBDatabase | null>;
}

declare global {
	// set by the inline script in src/app.html
	var __leukodexEarlyOpen: EarlyOpen | undefined;
}

export function takeEarlyOpen(name: string): Promise<IDBDatabase | null> | undefined {
	const early = globalThis.__leukodexEarlyOpen;
	if (!early || early.name !== name) return undefined;
	globalThis.__leukodexEarlyOpen = undefined;
	return early.db;
}

/**
 * The app's database opened for these reads, or null when it cannot be read this way: it does not exist yet
 * (dexie creates it; opening must not create an empty one), it is at another version (dexie upgrades it), or
 * IndexedDB is unavailable. A null or a failed read sends the caller to dexie, which says what is wrong.
 * `early`: the connection app.html started opening, if any (takeEarlyOpen).
 */
export async function openFirstReads(
	factory: IDBFactory | undefined = globalThis.indexedDB,
	range: typeof IDBKeyRange | undefined = globalThis.IDBKeyRange,
	name = DB_NAME,
	early: Promise<IDBDatabase | null> | undefined = takeEarlyOpen(name)
): Promise<FirstReads | null> {
	if (!range) return null;
	const db = await (early ?? openWithoutCreating(factory, name)).catch(() => null);
	if (!db) return null;
	// dexie stores version n as 10 n
	if (db.version !== DB_VERSION * 10) {
		db.close();
		return null;
	}
	// never hold up dexie (or another tab) opening a newer version
	db.onversionchange = () => db.close();
	return new FirstReads(db, range);
}

function openWithoutCreating(factory: IDBFactory | undefined, name: string): Promise<IDBDatabase | null> {
	return new Promise((resolve) => {
		if (!factory) return resolve(null);
		let request: IDBOpenDBRequest;
		try {
			request = factory.open(name);
		} catch {
			return resolve(null);
		}
		// only a database that does not exist yet needs an upgrade when opened without a version: don't create it
		request.onupgradeneeded = () => request.transaction?.abort();
		request.onerror = (event) => {
			event.preventDefault();
			resolve(null);
		};
		request.onsuccess = () => resolve(request.result);
	});
}
