import * as v from 'valibot';
import { IMAGE_MIXES } from '../bank/mix.ts';
import { CellClassIdSchema, NAME_MAX_LENGTH } from '../cells/schema.ts';

/**
 * The records kept in IndexedDB, one learner's data on one device. Every record carries
 * schemaVersion so that backups and future migrations know what they hold.
 * Only src/lib/progress/db.ts touches IndexedDB; everything else uses these plain types.
 * Each record is described once, as a schema (which also checks records read from a backup file);
 * the types are inferred from it.
 */
export const RECORD_SCHEMA_VERSION = 1;

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const EpochMs = v.pipe(v.number(), v.integer(), v.minValue(0));
const SchemaVersion = v.pipe(v.number(), v.integer(), v.minValue(1));

export const LearnerSchema = v.object({
	schemaVersion: SchemaVersion,
	/** random UUID */
	id: Id,
	name: v.pipe(v.string(), v.maxLength(NAME_MAX_LENGTH)),
	createdAt: EpochMs
});
export type Learner = v.InferOutput<typeof LearnerSchema>;

export const DRILL_KINDS = ['drill', 'review', 'assignment'] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

export const DrillSchema = v.object({
	schemaVersion: SchemaVersion,
	id: Id,
	learnerId: Id,
	kind: v.picklist(DRILL_KINDS),
	assignmentId: v.optional(v.string()),
	/** classes chosen for this drill */
	classes: v.array(CellClassIdSchema),
	/** which images the drill drew from (bank/mix.ts); absent in drills from before synthetic images */
	imageMix: v.optional(v.picklist(IMAGE_MIXES)),
	/** the planned sequence of bank item ids, fixed at start so a reload resumes the same drill */
	itemIds: v.array(Id),
	/** index in itemIds of the next item to answer (== itemIds.length when all are answered) */
	position: v.pipe(v.number(), v.integer(), v.minValue(0)),
	seed: v.number(),
	startedAt: EpochMs,
	finishedAt: v.optional(EpochMs),
	/** set when the learner gave the drill up unfinished; its attempts are kept */
	abandonedAt: v.optional(EpochMs),
	/** items of itemIds shown side by side with a foil of a look-alike class (review drills) */
	contrasts: v.optional(v.array(v.object({ itemId: Id, foilId: Id }))),
	/**
	 * The item whose feedback is on screen: set with its attempt, cleared when the learner moves
	 * on, so a reload shows the same feedback again instead of the next item.
	 */
	feedbackOn: v.optional(Id)
});
export type Drill = v.InferOutput<typeof DrillSchema>;

/** The drill a learner comes back to: not given up, and unfinished or still showing its last feedback. */
export function isResumable(drill: Drill): boolean {
	return drill.abandonedAt === undefined && (drill.finishedAt === undefined || drill.feedbackOn !== undefined);
}

/** Where the app keeps its records: the IndexedDB database's name, and its schema version in db.ts. */
export const DB_NAME = 'leukodex';
export const DB_VERSION = 4;
/** The setting that names the current learner. */
export const CURRENT_LEARNER_KEY = 'currentLearnerId';

export const AttemptSchema = v.object({
	schemaVersion: SchemaVersion,
	/** auto-increment key, set by the database (in a backup: the exporting device's key, ignored on import) */
	id: v.optional(v.number()),
	learnerId: Id,
	drillId: Id,
	itemId: Id,
	/** image path of the item, kept so the progress page can show it again */
	image: v.string(),
	provenance: v.picklist(['real', 'synthetic']),
	trueClass: CellClassIdSchema,
	answeredClass: CellClassIdSchema,
	correct: v.boolean(),
	/** from the item being shown to the answer, in milliseconds */
	msToAnswer: v.pipe(v.number(), v.minValue(0)),
	/** epoch milliseconds when the answer was given */
	at: EpochMs,
	/** the classifier's answer on the same item, if the bank had one */
	modelClass: v.optional(CellClassIdSchema),
	modelConfidence: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1)))
});
export type Attempt = v.InferOutput<typeof AttemptSchema>;

/** One drill's attempts (read by its drillId index) that belong to the learner, from `since`, oldest first. */
export function ofDrillFor(attempts: Attempt[], learnerId: string, since: number): Attempt[] {
	return attempts.filter((a) => a.learnerId === learnerId && a.at >= since).sort((a, b) => a.at - b.at);
}

export type NewAttempt = Omit<Attempt, 'id' | 'schemaVersion' | 'correct'>;
