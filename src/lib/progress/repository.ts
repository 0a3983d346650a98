import { NAME_MAX_LENGTH } from '../cells/schema.ts';
import { isQuotaError } from '../errors.ts';
import { openDatabase, MAX_KEY, type IndexedDBDeps, type LeukodexDB } from './db.ts';
import {
	CURRENT_LEARNER_KEY,
	isResumable,
	ofDrillFor,
	RECORD_SCHEMA_VERSION,
	type Attempt,
	type Drill,
	type Learner,
	type NewAttempt
} from './records.ts';
import { StorageFullError, type AttemptQuery, type ImportResult, type ProgressStore, type StartDrill } from './store.ts';
import { lazy } from '../lazy.ts';

// not needed to show a drill's first image: loaded when an answer is recorded or a backup is made or read
const backupCode = lazy(() => import('./backup.ts'));
const scheduleCode = lazy(() => import('./schedule.ts'));

export interface RepositoryOptions {
	/** clock, for tests */
	now?: () => number;
	/** id generator, for tests */
	newId?: () => string;
}

/** Runs a write; a quota failure becomes StorageFullError (the transaction wrote nothing). */
export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
	try {
		return await write();
	} catch (error) {
		if (isQuotaError(error)) throw new StorageFullError();
		throw error;
	}
}

/** ProgressStore over IndexedDB through dexie. */
export class DexieProgressStore implements ProgressStore {
	readonly #db: LeukodexDB;
	readonly #now: () => number;
	readonly #newId: () => string;

	constructor(db: LeukodexDB, options: RepositoryOptions = {}) {
		this.#db = db;
		this.#now = options.now ?? Date.now;
		this.#newId = options.newId ?? (() => crypto.randomUUID());
	}

	/** for tests: the database underneath */
	get db(): LeukodexDB {
		return this.#db;
	}

	async listLearners(): Promise<Learner[]> {
		const learners = await this.#db.learners.toArray();
		return learners.sort((a, b) => a.createdAt - b.createdAt);
	}

	async createLearner(name: string): Promise<Learner> {
		const learner: Learner = { schemaVersion: RECORD_SCHEMA_VERSION, id: this.#newId(), name: cleanName(name), createdAt: this.#now() };
		await guardQuota(() => this.#db.learners.add(learner));
		return learner;
	}

	async renameLearner(id: string, name: string): Promise<void> {
		const updated = await guardQuota(() => this.#db.learners.update(id, { name: cleanName(name) }));
		if (updated === 0) throw new Error(`No learner with id ${id}.`);
	}

	async deleteLearner(id: string): Promise<void> {
		const db = this.#db;
		await db.transaction('rw', [db.learners, db.drills, db.attempts, db.settings, db.inbox, db.schedules], async () => {
			await db.attempts.where('learnerId').equals(id).delete();
			await db.inbox.where('learnerId').equals(id).delete();
			await db.schedules.where('learnerId').equals(id).delete();
			await db.drills.where('learnerId').equals(id).delete();
			await db.learners.delete(id);
			const current = await db.settings.get(CURRENT_LEARNER_KEY);
			if (current?.value === id) await db.settings.delete(CURRENT_LEARNER_KEY);
		});
	}

	async getCurrentLearnerId(): Promise<string | null> {
		const db = this.#db;
		return db.transaction('r', [db.settings, db.learners], async () => {
			const setting = await db.settings.get(CURRENT_LEARNER_KEY);
			if (!setting) return null;
			// a deleted learner is not current, even if the setting was left behind
			return (await db.learners.get(setting.value)) ? setting.value : null;
		});
	}

	async setCurrentLearnerId(id: string): Promise<void> {
		const db = this.#db;
		await guardQuota(() =>
			db.transaction('rw', [db.settings, db.learners], async () => {
				if (!(await db.learners.get(id))) throw new Error(`No learner with id ${id}.`);
				await db.settings.put({ key: CURRENT_LEARNER_KEY, value: id });
			})
		);
	}

	async startDrill(spec: StartDrill): Promise<Drill> {
		if (spec.itemIds.length === 0) throw new Error('A drill needs at least one item.');
		if (new Set(spec.itemIds).size !== spec.itemIds.length) throw new Error('A drill cannot list the same item twice.');
		const drill: Drill = {
			schemaVersion: RECORD_SCHEMA_VERSION,
			id: this.#newId(),
			learnerId: spec.learnerId,
			kind: spec.kind,
			...(spec.assignmentId !== undefined ? { assignmentId: spec.assignmentId } : {}),
			classes: [...spec.classes],
			...(spec.imageMix !== undefined ? { imageMix: spec.imageMix } : {}),
			itemIds: [...spec.itemIds],
			position: 0,
			seed: spec.seed,
			startedAt: this.#now(),
			...(spec.contrasts?.length ? { contrasts: spec.contrasts.map((c) => ({ ...c })) } : {})
		};
		const db = this.#db;
		await guardQuota(() =>
			db.transaction('rw', [db.learners, db.drills], async () => {
				if (!(await db.learners.get(spec.learnerId))) throw new Error(`No learner with id ${spec.learnerId}.`);
				await db.drills.add(drill);
			})
		);
		return drill;
	}

	getDrill(id: string): Promise<Drill | undefined> {
		return this.#db.drills.get(id);
	}

	async getActiveDrill(learnerId: string): Promise<Drill | undefined> {
		const newestFirst = await this.#db.drills
			.where('[learnerId+startedAt]')
			.between([learnerId, 0], [learnerId, MAX_KEY])
			.reverse()
			.toArray();
		return newestFirst.find(isResumable);
	}

	async leaveFeedback(drillId: string): Promise<Drill> {
		const db = this.#db;
		return guardQuota(() =>
			db.transaction('rw', db.drills, async () => {
				const drill = await db.drills.get(drillId);
				if (!drill) throw new Error(`No drill with id ${drillId}.`);
				if (drill.feedbackOn === undefined) return drill;
				const { feedbackOn: _, ...rest } = drill;
				await db.drills.put(rest);
				return rest;
			})
		);
	}

	async abandonDrill(id: string): Promise<void> {
		const db = this.#db;
		await guardQuota(() =>
			db.transaction('rw', db.drills, async () => {
				const drill = await db.drills.get(id);
				if (!drill) throw new Error(`No drill with id ${id}.`);
				if (drill.finishedAt === undefined && drill.abandonedAt === undefined) {
					await db.drills.update(id, { abandonedAt: this.#now() });
				} else if (drill.feedbackOn !== undefined) {
					// a finished drill set aside on its last feedback: nothing left to resume
					const { feedbackOn: _, ...rest } = drill;
					await db.drills.put(rest);
				}
			})
		);
	}

	async recordAttempt(input: NewAttempt): Promise<{ attempt: Attempt; drill: Drill }> {
		const db = this.#db;
		// before the transaction: a transaction must not wait on anything but the database
		const { cardsAfterAttempt, classKey, itemKey } = await scheduleCode();
		return guardQuota(() =>
			db.transaction('rw', [db.drills, db.attempts, db.schedules], async () => {
				const drill = await db.drills.get(input.drillId);
				if (!drill) throw new Error(`No drill with id ${input.drillId}.`);
				if (drill.learnerId !== input.learnerId) throw new Error('This attempt belongs to another learner than its drill.');
				const index = drill.itemIds.indexOf(input.itemId);
				if (index < 0) throw new Error(`Item ${input.itemId} is not part of drill ${drill.id}.`);

				const existing = await db.attempts.where('[drillId+itemId]').equals([input.drillId, input.itemId]).first();
				if (existing) return { attempt: existing, drill };

				const attempt: Attempt = {
					...input,
					schemaVersion: RECORD_SCHEMA_VERSION,
					correct: input.trueClass === input.answeredClass
				};
				attempt.id = await db.attempts.add(attempt);
				// the spaced-repetition schedule moves with the answer, in the same transaction
				const [classCard, itemCard] = await db.schedules.bulkGet([
					[input.learnerId, classKey(input.trueClass)],
					[input.learnerId, itemKey(input.itemId)]
				]);
				await db.schedules.bulkPut(cardsAfterAttempt(attempt, { classCard, itemCard }));

				const position = Math.max(drill.position, index + 1);
				const next: Drill = { ...drill, position, feedbackOn: input.itemId };
				if (position >= drill.itemIds.length && next.finishedAt === undefined) next.finishedAt = input.at;
				await db.drills.put(next);
				return { attempt, drill: next };
			})
		);
	}

	async listAttempts(learnerId: string, query: AttemptQuery = {}): Promise<Attempt[]> {
		const since = query.since ?? 0;
		if (query.drillId !== undefined) {
			// one drill's attempts: its own index is far narrower than the learner's whole history
			return ofDrillFor(await this.#db.attempts.where('drillId').equals(query.drillId).toArray(), learnerId, since);
		}
		return this.#db.attempts.where('[learnerId+at]').between([learnerId, since], [learnerId, MAX_KEY], true, true).toArray();
	}

	async listDrills(learnerId: string): Promise<Drill[]> {
		return this.#db.drills.where('[learnerId+startedAt]').between([learnerId, 0], [learnerId, MAX_KEY]).toArray();
	}

	async exportLearner(learnerId: string): Promise<string> {
		const db = this.#db;
		const { serializeBackup } = await backupCode();
		return db.transaction('r', [db.learners, db.drills, db.attempts, db.judgements], async () => {
			const learner = await db.learners.get(learnerId);
			if (!learner) throw new Error(`No learner with id ${learnerId}.`);
			const drills = await this.listDrills(learnerId);
			const attempts = await this.listAttempts(learnerId);
			const judgements = await db.judgements.where('learnerId').equals(learnerId).sortBy('at');
			return serializeBackup(learner, drills, attempts, new Date(this.#now()), judgements);
		});
	}

	async importLearner(text: string): Promise<ImportResult> {
		// validate everything before the first write: a bad file writes nothing
		const [{ parseBackup }, { cardsAfterAttempt, classKey, itemKey }] = await Promise.all([backupCode(), scheduleCode()]);
		const backup = parseBackup(text);
		const db = this.#db;
		return guardQuota(() =>
			db.transaction('rw', [db.learners, db.drills, db.attempts, db.schedules, db.judgements], async () => {
				let learner = await db.learners.get(backup.learner.id);
				if (!learner) {
					learner = { ...backup.learner, schemaVersion: RECORD_SCHEMA_VERSION };
					await db.learners.add(learner);
				}

				let drillsAdded = 0;
				const presentDrills = await db.drills.bulkGet(backup.drills.map((d) => d.id));
				for (const [i, incoming] of backup.drills.entries()) {
					const present = presentDrills[i];
					if (!present) {
						await db.drills.add({ ...incoming, schemaVersion: RECORD_SCHEMA_VERSION });
						drillsAdded++;
					} else if (present.learnerId !== learner.id) {
						throw new Error(`Drill ${incoming.id} in the file belongs to another learner on this device; nothing was imported.`);
					} else if (incoming.position > present.position) {
						// the other device got further in the same drill: keep the further state
						await db.drills.put({ ...present, position: incoming.position, finishedAt: present.finishedAt ?? incoming.finishedAt });
					}
				}

				// one read of what is already here, one bulk write: thousands of attempts import in a blink
				const key = (a: { drillId: string; itemId: string }) => `${a.drillId}\u0000${a.itemId}`;
				const drillIds = backup.drills.map((d) => d.id);
				const seen = new Set((await db.attempts.where('drillId').anyOf(drillIds).toArray()).map(key));
				const added: Attempt[] = [];
				for (const { id: _id, ...incoming } of backup.attempts) {
					// already on this device, or listed twice in the file: the first answer stands
					if (seen.has(key(incoming))) continue;
					seen.add(key(incoming));
					added.push({ ...incoming, schemaVersion: RECORD_SCHEMA_VERSION, correct: incoming.trueClass === incoming.answeredClass });
				}
				await db.attempts.bulkAdd(added);
				// imported answers move the spaced-repetition schedule as answers given here do, oldest first
				const cards = new Map((await db.schedules.where('learnerId').equals(learner.id).toArray()).map((c) => [c.key, c]));
				for (const a of [...added].sort((x, y) => x.at - y.at)) {
					for (const card of cardsAfterAttempt(a, { classCard: cards.get(classKey(a.trueClass)), itemCard: cards.get(itemKey(a.itemId)) }))
						cards.set(card.key, card);
				}
				if (added.length > 0) await db.schedules.bulkPut([...cards.values()]);
				// "real or synthetic" answers: the same learner, item and moment is the same answer
				const judgementKey = (j: { itemId: string; at: number }) => `${j.itemId}\u0000${j.at}`;
				const judged = new Set((await db.judgements.where('learnerId').equals(learner.id).toArray()).map(judgementKey));
				const newJudgements = (backup.judgements ?? []).filter((j) => !judged.has(judgementKey(j)) && judged.add(judgementKey(j)));
				await db.judgements.bulkAdd(newJudgements.map(({ id: _id, ...j }) => ({ ...j, schemaVersion: j.schemaVersion })));
				const attemptsAdded = added.length;
				const attemptsAlreadyPresent = backup.attempts.length - attemptsAdded;
				return { learner, attemptsAdded, attemptsAlreadyPresent, drillsAdded };
			})
		);
	}
}

function cleanName(name: string): string {
	const trimmed = name.trim().replace(/\s+/g, ' ');
	if (!trimmed) throw new Error('A learner needs a name.');
	if (trimmed.length > NAME_MAX_LENGTH) throw new Error(`A learner name can be at most ${NAME_MAX_LENGTH} characters.`);
	return trimmed;
}

/** A store over the given IndexedDB (tests pass fake-indexeddb) or, by default, the browser's. */
export function createProgressStore(deps?: IndexedDBDeps & { name?: string }, options?: RepositoryOptions): DexieProgressStore {
	return new DexieProgressStore(openDatabase(deps?.name, deps), options);
}

let singleton: DexieProgressStore | undefined;

/** The app's store; the database opens on first use. */
export function getProgressStore(): ProgressStore {
	singleton ??= createProgressStore();
	return singleton;
}

/** The app's database, shared with the assignment store (assignment-repository.ts). */
export function getDatabase(): LeukodexDB {
	singleton ??= createProgressStore();
	return singleton.db;
}
