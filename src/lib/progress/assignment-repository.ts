import { at } from '../arrays.ts';
import { NAME_MAX_LENGTH } from '../cells/schema.ts';
import type { LeukodexDB } from './db.ts';
import { MAX_KEY } from './db.ts';
import { getDatabase, getProgressStore, guardQuota } from './repository.ts';
import type { ProgressStore } from './store.ts';
import {
	ASSIGNMENT_RECORD_VERSION,
	type AuthoredAssignment,
	type ImportedResults,
	type InboxEntry,
	type Instructor,
	type ScheduleCard
} from './assignment-records.ts';
import type { AssignmentSpec } from '../assignments/spec.ts';
import { resultsFromFile, resultsFromPayload, type Results } from '../assignments/results.ts';
import type { DecodeProblem } from '../assignments/codec.ts';
import { canonicalJson, checksum } from '../assignments/checksum.ts';
import type { Drill } from './records.ts';

const CURRENT_INSTRUCTOR_KEY = 'currentInstructorId';

/** One file of an import, with what became of it. */
export type ImportOutcome =
	| { name: string; status: 'added'; learnerName: string }
	/** a later export of results already here (more answers): the stored copy is replaced */
	| { name: string; status: 'updated'; learnerName: string }
	/** the very same results are already here: nothing counted twice */
	| { name: string; status: 'unchanged'; learnerName: string }
	| { name: string; status: 'refused'; problem: DecodeProblem | { kind: 'duplicate-in-batch' } };

/**
 * Assignments and their results in IndexedDB: the trainee's inbox, the instructor profile, what it
 * authored and imported, and the spaced-repetition cards. Every write validates first, so a
 * refused link or file writes nothing.
 */
export class AssignmentStore {
	readonly #db: LeukodexDB;
	readonly #progress: ProgressStore;
	readonly #now: () => number;
	readonly #newId: () => string;

	constructor(db: LeukodexDB, progress: ProgressStore, options: { now?: () => number; newId?: () => string } = {}) {
		this.#db = db;
		this.#progress = progress;
		this.#now = options.now ?? Date.now;
		this.#newId = options.newId ?? (() => crypto.randomUUID());
	}

	// ---- trainee: inbox -----------------------------------------------------------------------

	async listInbox(learnerId: string): Promise<InboxEntry[]> {
		const entries = await this.#db.inbox.where('learnerId').equals(learnerId).toArray();
		return entries.sort((a, b) => b.receivedAt - a.receivedAt);
	}

	getInboxEntry(learnerId: string, assignmentId: string): Promise<InboxEntry | undefined> {
		return this.#db.inbox.get([learnerId, assignmentId]);
	}

	/** Adds a validated spec to the inbox; the same assignment opened again is left as it is. */
	async receive(learnerId: string, spec: AssignmentSpec): Promise<{ entry: InboxEntry; added: boolean }> {
		const db = this.#db;
		return guardQuota(() =>
			db.transaction('rw', [db.inbox, db.learners], async () => {
				if (!(await db.learners.get(learnerId))) throw new Error(`No learner with id ${learnerId}.`);
				const present = await db.inbox.get([learnerId, spec.id]);
				if (present) return { entry: present, added: false };
				const entry: InboxEntry = {
					schemaVersion: ASSIGNMENT_RECORD_VERSION,
					learnerId,
					assignmentId: spec.id,
					spec,
					receivedAt: this.#now()
				};
				await db.inbox.add(entry);
				return { entry, added: true };
			})
		);
	}

	async removeFromInbox(learnerId: string, assignmentId: string): Promise<void> {
		await this.#db.inbox.delete([learnerId, assignmentId]);
	}

	/** The assignment's drill: the one already started, or a new one over `itemIds`. */
	async startAssignment(learnerId: string, assignmentId: string, itemIds: string[]): Promise<Drill> {
		const entry = await this.getInboxEntry(learnerId, assignmentId);
		if (!entry) throw new Error('This assignment is not in your inbox.');
		if (entry.drillId) {
			const drill = await this.#progress.getDrill(entry.drillId);
			if (drill) return drill;
		}
		const drill = await this.#progress.startDrill({
			learnerId,
			kind: 'assignment',
			assignmentId,
			classes: entry.spec.composition.map((r) => r.cellClass),
			itemIds,
			seed: entry.spec.seed
		});
		await guardQuota(() => this.#db.inbox.update([learnerId, assignmentId], { drillId: drill.id }));
		return drill;
	}

	async markHandedIn(learnerId: string, assignmentId: string, name: string): Promise<void> {
		await guardQuota(() => this.#db.inbox.update([learnerId, assignmentId], { handedInAs: name }));
	}

	// ---- spaced repetition ------------------------------------------------------------------

	listSchedule(learnerId: string): Promise<ScheduleCard[]> {
		return this.#db.schedules.where('learnerId').equals(learnerId).toArray();
	}

	// ---- instructor -------------------------------------------------------------------------

	async listInstructors(): Promise<Instructor[]> {
		return (await this.#db.instructors.toArray()).sort((a, b) => a.createdAt - b.createdAt);
	}

	async createInstructor(name: string): Promise<Instructor> {
		const trimmed = name.trim().replace(/\s+/g, ' ');
		if (!trimmed) throw new Error('An instructor profile needs a name.');
		if (trimmed.length > NAME_MAX_LENGTH) throw new Error(`A name can be at most ${NAME_MAX_LENGTH} characters.`);
		const instructor: Instructor = { schemaVersion: ASSIGNMENT_RECORD_VERSION, id: this.#newId(), name: trimmed, createdAt: this.#now() };
		const db = this.#db;
		await guardQuota(() =>
			db.transaction('rw', [db.instructors, db.settings], async () => {
				await db.instructors.add(instructor);
				await db.settings.put({ key: CURRENT_INSTRUCTOR_KEY, value: instructor.id });
			})
		);
		return instructor;
	}

	async getCurrentInstructor(): Promise<Instructor | null> {
		const setting = await this.#db.settings.get(CURRENT_INSTRUCTOR_KEY);
		return (setting && (await this.#db.instructors.get(setting.value))) || null;
	}

	async setCurrentInstructor(id: string): Promise<void> {
		if (!(await this.#db.instructors.get(id))) throw new Error(`No instructor profile with id ${id}.`);
		await guardQuota(() => this.#db.settings.put({ key: CURRENT_INSTRUCTOR_KEY, value: id }));
	}

	async saveAuthored(instructorId: string, spec: AssignmentSpec): Promise<AuthoredAssignment> {
		const record: AuthoredAssignment = {
			schemaVersion: ASSIGNMENT_RECORD_VERSION,
			id: spec.id,
			instructorId,
			spec,
			createdAt: this.#now()
		};
		await guardQuota(() => this.#db.authored.put(record));
		return record;
	}

	async listAuthored(instructorId: string): Promise<AuthoredAssignment[]> {
		const list = await this.#db.authored.where('instructorId').equals(instructorId).toArray();
		return list.sort((a, b) => b.createdAt - a.createdAt);
	}

	async listResults(instructorId: string): Promise<ImportedResults[]> {
		return this.#db.results.where('[instructorId+resultId]').between([instructorId, ''], [instructorId, MAX_KEY]).toArray();
	}

	async removeResults(instructorId: string, resultId: string): Promise<void> {
		await this.#db.results.delete([instructorId, resultId]);
	}

	/**
	 * Imports many results files (or links' payloads) at once. Each is validated on its own: bad
	 * ones are listed with their reason and the good ones still load. Results already imported
	 * (same resultId) are not counted twice: the same content changes nothing, a later export of
	 * the same attempt with more answers replaces the earlier one. All good ones are written in
	 * one transaction.
	 */
	async importResults(
		instructorId: string,
		files: readonly { name: string; text: string; kind?: 'file' | 'link' }[]
	): Promise<ImportOutcome[]> {
		const outcomes: ImportOutcome[] = [];
		const good = new Map<string, { index: number; results: Results; sum: string }>();
		for (const file of files) {
			const decoded = file.kind === 'link' ? resultsFromPayload(file.text) : resultsFromFile(file.text);
			if (!decoded.ok) {
				outcomes.push({ name: file.name, status: 'refused', problem: decoded.problem });
				continue;
			}
			const sum = checksum(canonicalJson(decoded.value));
			const already = good.get(decoded.value.resultId);
			if (already && already.sum === sum) {
				outcomes.push({ name: file.name, status: 'refused', problem: { kind: 'duplicate-in-batch' } });
				continue;
			}
			if (already && already.results.attempts.length >= decoded.value.attempts.length) {
				outcomes.push({ name: file.name, status: 'refused', problem: { kind: 'duplicate-in-batch' } });
				continue;
			}
			if (already)
				outcomes[already.index] = { name: at(outcomes, already.index).name, status: 'refused', problem: { kind: 'duplicate-in-batch' } };
			good.set(decoded.value.resultId, { index: outcomes.length, results: decoded.value, sum });
			outcomes.push({ name: file.name, status: 'added', learnerName: decoded.value.learnerName });
		}
		if (good.size === 0) return outcomes;
		const db = this.#db;
		await guardQuota(() =>
			db.transaction('rw', [db.results, db.instructors], async () => {
				if (!(await db.instructors.get(instructorId))) throw new Error(`No instructor profile with id ${instructorId}.`);
				const entries = [...good.values()];
				const present = await db.results.bulkGet(entries.map((e) => [instructorId, e.results.resultId] as [string, string]));
				const writes: ImportedResults[] = [];
				entries.forEach((e, i) => {
					const before = present[i];
					const name = at(outcomes, e.index).name;
					const learnerName = e.results.learnerName;
					if (before && before.checksum === e.sum) {
						outcomes[e.index] = { name, status: 'unchanged', learnerName };
						return;
					}
					if (before && before.results.attempts.length > e.results.attempts.length) {
						// an older export of results already here: keep the fuller one
						outcomes[e.index] = { name, status: 'unchanged', learnerName };
						return;
					}
					if (before) outcomes[e.index] = { name, status: 'updated', learnerName };
					writes.push({
						schemaVersion: ASSIGNMENT_RECORD_VERSION,
						instructorId,
						resultId: e.results.resultId,
						assignmentId: e.results.assignment.id,
						checksum: e.sum,
						importedAt: this.#now(),
						results: e.results
					});
				});
				await db.results.bulkPut(writes);
			})
		);
		return outcomes;
	}
}

export function createAssignmentStore(
	db: LeukodexDB,
	progress: ProgressStore,
	options?: { now?: () => number; newId?: () => string }
): AssignmentStore {
	return new AssignmentStore(db, progress, options);
}

let singleton: AssignmentStore | undefined;

/** The app's assignment store, over the same database as getProgressStore(). */
export function getAssignmentStore(): AssignmentStore {
	singleton ??= new AssignmentStore(getDatabase(), getProgressStore());
	return singleton;
}
