import * as v from 'valibot';
import type { CellClassId } from '../cells/taxonomy.ts';
import { CellClassIdSchema, NAME_MAX_LENGTH } from '../cells/schema.ts';
import { ASSIGNMENT_FORMAT, ASSIGNMENT_SCHEMA_VERSION, AssignmentSpecSchema, type AssignmentSpec } from './spec.ts';
import { fromFileText, fromLinkPayload, toFileText, toLinkPayload, type Decoded, type Envelope } from './codec.ts';

/**
 * A trainee's results for one assignment, as a file or link handed back to the instructor.
 * `resultId` is the trainee's drill id: importing the same results twice (or a later export of the
 * same attempt, with more answers) replaces rather than adds.
 */
export const RESULTS_FORMAT = 'leukodex-results';
export const RESULTS_SCHEMA_VERSION = 1;

const EpochMs = v.pipe(v.number(), v.integer(), v.minValue(0));

export const ResultAttemptSchema = v.object({
	itemId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	trueClass: CellClassIdSchema,
	answeredClass: CellClassIdSchema,
	msToAnswer: v.pipe(v.number(), v.minValue(0)),
	at: EpochMs
});

export const ResultsSchema = v.object({
	format: v.literal(RESULTS_FORMAT),
	schemaVersion: v.literal(RESULTS_SCHEMA_VERSION),
	resultId: v.pipe(v.string(), v.minLength(8), v.maxLength(64)),
	assignment: v.object({
		id: AssignmentSpecSchema.entries.id,
		title: v.pipe(v.string(), v.maxLength(200)),
		itemsHash: v.string(),
		itemCount: v.pipe(v.number(), v.integer(), v.minValue(1))
	}),
	/** the trainee's name as they typed it when handing in */
	learnerName: v.pipe(v.string(), v.trim(), v.minLength(1, 'is empty'), v.maxLength(NAME_MAX_LENGTH)),
	startedAt: EpochMs,
	finishedAt: v.optional(EpochMs),
	/** the time limit ran out before every item was answered */
	timedOut: v.boolean(),
	attempts: v.pipe(
		v.array(ResultAttemptSchema),
		v.check((list) => new Set(list.map((a) => a.itemId)).size === list.length, 'lists an item twice')
	)
});

export type Results = v.InferOutput<typeof ResultsSchema>;
export type ResultAttempt = v.InferOutput<typeof ResultAttemptSchema>;

const resultsEnvelope: Envelope<Results> = { format: RESULTS_FORMAT, schemaVersion: RESULTS_SCHEMA_VERSION, schema: ResultsSchema };
const specEnvelope: Envelope<AssignmentSpec> = {
	format: ASSIGNMENT_FORMAT,
	schemaVersion: ASSIGNMENT_SCHEMA_VERSION,
	schema: AssignmentSpecSchema
};

export const resultsToFile = (results: Results): string => toFileText(results);
export const resultsToPayload = (results: Results): string => toLinkPayload(results);
export const resultsFromFile = (text: string): Decoded<Results> => fromFileText(text, resultsEnvelope);
export const resultsFromPayload = (payload: string): Decoded<Results> => fromLinkPayload(payload, resultsEnvelope);

export const specToFile = (spec: AssignmentSpec): string => toFileText(spec);
export const specToPayload = (spec: AssignmentSpec): string => toLinkPayload(spec);
export const specFromFile = (text: string): Decoded<AssignmentSpec> => fromFileText(text, specEnvelope);
export const specFromPayload = (payload: string): Decoded<AssignmentSpec> => fromLinkPayload(payload, specEnvelope);

/** Link to open on another device: `<app>/inbox#a=…` (assignment) or `<app>/instructor#r=…` (results). */
export function specLink(appUrl: string, spec: AssignmentSpec): string {
	return `${appUrl.replace(/\/$/, '')}/inbox#a=${specToPayload(spec)}`;
}

export function resultsLink(appUrl: string, results: Results): string {
	return `${appUrl.replace(/\/$/, '')}/instructor#r=${resultsToPayload(results)}`;
}

/** The results of one trainee's attempt: their answers to the assignment's items, in answer order. */
export function buildResults(input: {
	resultId: string;
	spec: Pick<AssignmentSpec, 'id' | 'title' | 'items'>;
	learnerName: string;
	startedAt: number;
	finishedAt?: number;
	timedOut: boolean;
	attempts: readonly { itemId: string; trueClass: CellClassId; answeredClass: CellClassId; msToAnswer: number; at: number }[];
}): Results {
	return {
		format: RESULTS_FORMAT,
		schemaVersion: RESULTS_SCHEMA_VERSION,
		resultId: input.resultId,
		assignment: { id: input.spec.id, title: input.spec.title, itemsHash: input.spec.items.hash, itemCount: input.spec.items.count },
		learnerName: input.learnerName.trim().replace(/\s+/g, ' '),
		startedAt: input.startedAt,
		...(input.finishedAt !== undefined ? { finishedAt: input.finishedAt } : {}),
		timedOut: input.timedOut,
		attempts: [...input.attempts]
			.sort((a, b) => a.at - b.at)
			.map((a) => ({
				itemId: a.itemId,
				trueClass: a.trueClass,
				answeredClass: a.answeredClass,
				msToAnswer: Math.round(a.msToAnswer),
				at: a.at
			}))
	};
}
