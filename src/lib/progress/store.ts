import type { ImageMix } from '../bank/mix.ts';
import type { CellClassId } from '../cells/taxonomy.ts';
import type { Attempt, Drill, DrillKind, Learner, NewAttempt } from './records.ts';

/**
 * What the rest of the app may ask of the learner records. Implemented over IndexedDB (dexie)
 * in repository.ts; routes and components use only this interface.
 */
export interface StartDrill {
	learnerId: string;
	kind: DrillKind;
	assignmentId?: string;
	classes: CellClassId[];
	itemIds: string[];
	seed: number;
	/** which images the drill drew from (bank/mix.ts) */
	imageMix?: ImageMix;
	/** items of itemIds shown side by side with a foil (review drills) */
	contrasts?: { itemId: string; foilId: string }[];
}

export interface AttemptQuery {
	/** only attempts at or after this epoch-ms time */
	since?: number;
	drillId?: string;
}

export interface ImportResult {
	learner: Learner;
	attemptsAdded: number;
	attemptsAlreadyPresent: number;
	drillsAdded: number;
}

export interface ProgressStore {
	listLearners(): Promise<Learner[]>;
	createLearner(name: string): Promise<Learner>;
	renameLearner(id: string, name: string): Promise<void>;
	/** deletes the learner and all their drills and attempts */
	deleteLearner(id: string): Promise<void>;
	/** the learner last chosen on this device, if any */
	getCurrentLearnerId(): Promise<string | null>;
	setCurrentLearnerId(id: string): Promise<void>;

	startDrill(spec: StartDrill): Promise<Drill>;
	getDrill(id: string): Promise<Drill | undefined>;
	/**
	 * The learner's unfinished drill (the most recent), to resume after a reload; also a finished
	 * one whose last feedback the learner has not yet moved past.
	 */
	getActiveDrill(learnerId: string): Promise<Drill | undefined>;
	/** The learner moved past the feedback on screen (clears Drill.feedbackOn). */
	leaveFeedback(drillId: string): Promise<Drill>;
	/** abandon an unfinished drill (its attempts are kept) */
	abandonDrill(id: string): Promise<void>;
	/**
	 * Stores the attempt and advances the drill's position in one transaction, before any feedback
	 * is shown. Answering the same item of the same drill twice keeps the first answer (idempotent
	 * under double clicks and reload races). Marks the drill finished after its last item.
	 */
	recordAttempt(attempt: NewAttempt): Promise<{ attempt: Attempt; drill: Drill }>;
	listAttempts(learnerId: string, query?: AttemptQuery): Promise<Attempt[]>;
	listDrills(learnerId: string): Promise<Drill[]>;

	/** a learner's whole record as a versioned JSON backup (see backup.ts) */
	exportLearner(learnerId: string): Promise<string>;
	/** validates a backup file's text and merges it in; throws a clear Error when invalid */
	importLearner(text: string): Promise<ImportResult>;
}

/** Thrown when the browser refuses to store more (quota full, private mode); nothing was written. */
export class StorageFullError extends Error {
	constructor(message = 'This device has no room left to save your answers. Export your records, free some space, and try again.') {
		super(message);
		this.name = 'StorageFullError';
	}
}
