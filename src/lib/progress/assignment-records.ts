import type { CellClassId } from '../cells/taxonomy.ts';
import type { AssignmentSpec } from '../assignments/spec.ts';
import type { Results } from '../assignments/results.ts';

/**
 * Records added in database version 3 (db.ts): the trainee's inbox of assignments, the instructor
 * profile with the assignments it made and the results it imported, and the spaced-repetition
 * schedule. Plain types; only db.ts and the repositories touch IndexedDB.
 */
export const ASSIGNMENT_RECORD_VERSION = 1;

/** An assignment a learner received (by link or file). Key: [learnerId+assignmentId]. */
export interface InboxEntry {
	schemaVersion: number;
	learnerId: string;
	assignmentId: string;
	spec: AssignmentSpec;
	receivedAt: number;
	/** the drill that takes it, once started (kind 'assignment') */
	drillId?: string;
	/** the name the learner handed the results in under, once they did */
	handedInAs?: string;
}

/** An instructor profile: kept apart from learners, so a class's results never mix with one's own drills. */
export interface Instructor {
	schemaVersion: number;
	id: string;
	name: string;
	createdAt: number;
}

/** An assignment an instructor created. Key: id (the spec's id). */
export interface AuthoredAssignment {
	schemaVersion: number;
	id: string;
	instructorId: string;
	spec: AssignmentSpec;
	createdAt: number;
}

/** One trainee's results imported by an instructor. Key: [instructorId+resultId]. */
export interface ImportedResults {
	schemaVersion: number;
	instructorId: string;
	resultId: string;
	assignmentId: string;
	/** the file's checksum: the same file imported again changes nothing */
	checksum: string;
	importedAt: number;
	results: Results;
}

export type ScheduleKind = 'class' | 'item';

/**
 * One FSRS card: a learner's memory of a cell class, or of one image they missed. Key:
 * [learnerId+key], key = "class:<id>" or "item:<bank item id>". Dates are epoch ms.
 */
export interface ScheduleCard {
	schemaVersion: number;
	learnerId: string;
	key: string;
	kind: ScheduleKind;
	cellClass: CellClassId;
	itemId?: string;
	image?: string;
	due: number;
	stability: number;
	difficulty: number;
	scheduledDays: number;
	learningSteps: number;
	reps: number;
	lapses: number;
	/** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning */
	state: number;
	lastReview?: number;
	/** times answered wrong (FSRS lapses count only failures after a card was learnt) */
	misses: number;
	/** the wrong answers given, most recent last (at most 5) */
	wrongAnswers: CellClassId[];
}
