import * as v from 'valibot';
import { CellClassIdSchema, NAME_MAX_LENGTH } from '../cells/schema.ts';

/**
 * The assignment spec: what an instructor composed, as it travels to trainees in a link, a QR code
 * or a .json file. Versioned and validated in full before anything is stored. The items are not
 * listed: they follow from `seed` over the bank named in `bank` (see plan.ts), so a link stays
 * short enough for a QR code, and `items.hash` lets a trainee's device check that it would show
 * exactly the items the instructor's did.
 *
 * Bump ASSIGNMENT_SCHEMA_VERSION on any incompatible change; a newer spec is refused by name.
 */
export const ASSIGNMENT_FORMAT = 'leukodex-assignment';
export const ASSIGNMENT_SCHEMA_VERSION = 1;
export const MAX_ITEMS_PER_CLASS = 100;
export const MAX_ITEMS = 300;
export const MAX_TITLE = 120;
export const MAX_INSTRUCTIONS = 2000;

const IsoDay = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD'));

export const CompositionSchema = v.pipe(
	v.array(
		v.object({ cellClass: CellClassIdSchema, count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ITEMS_PER_CLASS)) })
	),
	v.minLength(1, 'needs at least one class'),
	v.check((rows) => new Set(rows.map((r) => r.cellClass)).size === rows.length, 'lists a class twice'),
	v.check((rows) => rows.reduce((n, r) => n + r.count, 0) <= MAX_ITEMS, `has more than ${MAX_ITEMS} items`)
);

export const AssignmentSpecSchema = v.object({
	format: v.literal(ASSIGNMENT_FORMAT),
	schemaVersion: v.literal(ASSIGNMENT_SCHEMA_VERSION),
	/** random, made when the instructor creates it; results name it */
	id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8 to 64 letters, digits or dashes')),
	title: v.pipe(v.string(), v.trim(), v.minLength(1, 'is empty'), v.maxLength(MAX_TITLE)),
	instructions: v.pipe(v.string(), v.maxLength(MAX_INSTRUCTIONS)),
	/** the instructor's name as they entered it */
	author: v.pipe(v.string(), v.maxLength(NAME_MAX_LENGTH)),
	/** ISO 8601 */
	createdAt: v.pipe(v.string(), v.isoTimestamp()),
	/** how many items of each class (taxonomy order); the answer buttons are these classes */
	composition: CompositionSchema,
	/** the class whose look-alikes the composition was built around, if the instructor chose that */
	emphasis: v.optional(CellClassIdSchema),
	/** 'real': expert-labelled images only; 'any': synthetic images may be drawn as well */
	provenance: v.picklist(['real', 'any']),
	/** practice: feedback after each item; test: feedback only at the end */
	mode: v.picklist(['practice', 'test']),
	timeLimitMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600))),
	/** last day to hand in, in the trainee's own time zone */
	dueDay: v.optional(IsoDay),
	seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff)),
	/** the question bank the items come from: version = content hash (see bankVersion) */
	bank: v.object({ version: v.pipe(v.string(), v.regex(/^[0-9a-f]{14}$/)), createdAt: v.string() }),
	/** the planned items: how many and the checksum of their ids in order */
	items: v.object({
		count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ITEMS)),
		hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{14}$/))
	})
});

export type AssignmentSpec = v.InferOutput<typeof AssignmentSpecSchema>;
export type Composition = v.InferOutput<typeof CompositionSchema>;
