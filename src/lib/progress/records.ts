import type { CellClassId } from '../cells/taxonomy.ts';

/**
 * The records kept in IndexedDB, one learner's data on one device. Every record carries
 * schemaVersion so that backups and future migrations know what they hold.
 * Only src/lib/progress/db.ts touches IndexedDB; everything else uses these plain types.
 */
export const RECORD_SCHEMA_VERSION = 1;

export interface Learner {
	schemaVersion: number;
	/** random UUID */
	id: string;
	name: string;
	createdAt: number;
}

export type DrillKind = 'drill' | 'review' | 'assignment';

export interface Drill {
	schemaVersion: number;
	id: string;
	learnerId: string;
	kind: DrillKind;
	assignmentId?: string;
	/** classes chosen for this drill */
	classes: CellClassId[];
	/** the planned sequence of bank item ids, fixed at start so a reload resumes the same drill */
	itemIds: string[];
	/** index in itemIds of the next item to answer (== itemIds.length when all are answered) */
	position: number;
	seed: number;
	startedAt: number;
	finishedAt?: number;
	/** set when the learner gave the drill up unfinished; its attempts are kept */
	abandonedAt?: number;
	/** items of itemIds shown side by side with a foil of a look-alike class (review drills) */
	contrasts?: { itemId: string; foilId: string }[];
	/**
	 * The item whose feedback is on screen: set with its attempt, cleared when the learner moves
	 * on, so a reload shows the same feedback again instead of the next item.
	 */
	feedbackOn?: string;
}

export interface Attempt {
	schemaVersion: number;
	/** auto-increment key, set by the database */
	id?: number;
	learnerId: string;
	drillId: string;
	itemId: string;
	/** image path of the item, kept so the progress page can show it again */
	image: string;
	provenance: 'real' | 'synthetic';
	trueClass: CellClassId;
	answeredClass: CellClassId;
	correct: boolean;
	/** from the item being shown to the answer, in milliseconds */
	msToAnswer: number;
	/** epoch milliseconds when the answer was given */
	at: number;
	/** the classifier's answer on the same item, if the bank had one */
	modelClass?: CellClassId;
	modelConfidence?: number;
}

export type NewAttempt = Omit<Attempt, 'id' | 'schemaVersion' | 'correct'>;
