import Dexie, { type Table } from 'dexie';
import { DB_NAME, type Attempt, type Drill, type Learner } from './records.ts';
import type { AuthoredAssignment, ImportedResults, InboxEntry, Instructor, ScheduleCard } from './assignment-records.ts';
import type { Judgement } from '../realism/realism.ts';

/**
 * The IndexedDB database, the only module that imports dexie. The rest of progress/ works on
 * the LeukodexDB instance it returns; the rest of the app uses the ProgressStore interface.
 *
 * Schema history (bump the version, never edit an old one; then DB_VERSION in records.ts, which
 * first-reads.ts checks before it reads the database without dexie):
 *   v1 — learners, drills, attempts, settings.
 *   v3 — inbox (a learner's assignments), instructors, authored (their assignments), results
 *        (imported by an instructor), schedules (FSRS cards per learner and class or missed item).
 *        New tables only: no upgrade of v1 records needed. (v2 is left to the trainee-side work.)
 *   v4 — judgements ("Real or synthetic?" answers, realism/realism.ts). A new table only.
 *
 * Adding v2 later: keep the v1 call and add, for example
 *   db.version(2)
 *     .stores({ attempts: '++id, learnerId, drillId, &[drillId+itemId], [learnerId+at], trueClass' })
 *     .upgrade((tx) => tx.table('attempts').toCollection().modify((a) => { a.schemaVersion = 2; }));
 * Dexie runs each missing upgrade in order inside the version-change transaction, so a device
 * that skipped versions still arrives at the current shape; bump RECORD_SCHEMA_VERSION with it.
 */
// the name and latest version live in records.ts, so that first-reads.ts can check them without importing dexie
export { DB_NAME };

export interface Setting {
	key: string;
	value: string;
}

export interface IndexedDBDeps {
	indexedDB: IDBFactory;
	IDBKeyRange: typeof IDBKeyRange;
}

export class LeukodexDB extends Dexie {
	learners!: Table<Learner, string>;
	drills!: Table<Drill, string>;
	attempts!: Table<Attempt, number>;
	settings!: Table<Setting, string>;
	inbox!: Table<InboxEntry, [string, string]>;
	instructors!: Table<Instructor, string>;
	authored!: Table<AuthoredAssignment, string>;
	results!: Table<ImportedResults, [string, string]>;
	schedules!: Table<ScheduleCard, [string, string]>;
	judgements!: Table<Judgement, number>;

	constructor(name = DB_NAME, deps?: IndexedDBDeps) {
		super(name, deps ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange } : undefined);
		this.version(1).stores({
			learners: 'id',
			drills: 'id, learnerId, [learnerId+startedAt]',
			// the unique compound index is what makes recordAttempt idempotent per (drill, item)
			attempts: '++id, learnerId, drillId, &[drillId+itemId], [learnerId+at]',
			settings: 'key'
		});
		this.version(3).stores({
			inbox: '[learnerId+assignmentId], learnerId',
			instructors: 'id',
			authored: 'id, instructorId',
			results: '[instructorId+resultId], instructorId, [instructorId+assignmentId]',
			schedules: '[learnerId+key], learnerId, [learnerId+due]'
		});
		this.version(4).stores({ judgements: '++id, learnerId, [learnerId+at]' });
	}
}

/** Opens (lazily, on first use) the database; pass deps to use another IndexedDB, e.g. in tests. */
export function openDatabase(name = DB_NAME, deps?: IndexedDBDeps): LeukodexDB {
	return new LeukodexDB(name, deps);
}

/** The lowest and highest possible keys, for compound-index ranges. */
export const MIN_KEY = Dexie.minKey;
export const MAX_KEY = Dexie.maxKey;
