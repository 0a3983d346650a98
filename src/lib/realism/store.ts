import type { LeukodexDB } from '../progress/db.ts';
import { getDatabase, guardQuota } from '../progress/repository.ts';
import { JUDGEMENT_SCHEMA_VERSION, JudgementSchema, type Judgement, type NewJudgement } from './realism.ts';
import * as v from 'valibot';

/** "Real or synthetic?" answers in IndexedDB: one learner's, and everyone's on this device. */
export class RealismStore {
	readonly #db: LeukodexDB;

	constructor(db: LeukodexDB) {
		this.#db = db;
	}

	/** Stores one answer before its feedback is shown; a full disk becomes StorageFullError. */
	async record(judgement: NewJudgement): Promise<Judgement> {
		const record = v.parse(JudgementSchema, { ...judgement, schemaVersion: JUDGEMENT_SCHEMA_VERSION });
		const id = await guardQuota(() => this.#db.judgements.add(record));
		return { ...record, id };
	}

	forLearner(learnerId: string): Promise<Judgement[]> {
		return this.#db.judgements.where('learnerId').equals(learnerId).sortBy('at');
	}

	/** every learner's answers on this device (the game's overall table) */
	all(): Promise<Judgement[]> {
		return this.#db.judgements.orderBy('id').toArray();
	}
}

let singleton: RealismStore | undefined;

export function getRealismStore(): RealismStore {
	singleton ??= new RealismStore(getDatabase());
	return singleton;
}
