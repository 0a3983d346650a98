import * as v from 'valibot';
import { CellClassIdSchema } from '../cells/schema.ts';
import { CELL_CLASS_IDS } from '../cells/taxonomy.ts';
import { issuesText } from '../boundary/issues.ts';

/**
 * The question bank's contract between the importer (writes static/bank/) and the app (reads it):
 * - bank.json: the items (what a drill needs before its first image);
 * - predictions.json: the classifier's answer for each item, computed once at import time. It is
 *   kept apart because it is larger than the items themselves and is only needed once the learner
 *   answers, so the first image does not wait for it.
 * Bump the schema version of a file on any incompatible change.
 */
export const BANK_SCHEMA_VERSION = 2;
export const PREDICTIONS_SCHEMA_VERSION = 1;

export { CellClassIdSchema };

export const ItemPredictionSchema = v.object({
	/** top classes by probability, best first (at most 3) */
	top: v.pipe(
		v.array(v.object({ cellClass: CellClassIdSchema, p: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) })),
		v.minLength(1),
		v.maxLength(3)
	),
	/** the most probable value of each WBCAtt attribute, with its probability */
	attributes: v.record(v.string(), v.object({ value: v.string(), p: v.number() }))
});

export const BankItemSchema = v.object({
	/** globally unique: "<source>:<id in that source's manifest>" */
	id: v.string(),
	source: v.string(),
	label: CellClassIdSchema,
	/**
	 * path under the app's base URL, e.g. "bank/images/3f9c0a…e1.jpg": named by content, so the
	 * name tells nothing of the class or the source
	 */
	image: v.string(),
	width: v.pipe(v.number(), v.integer()),
	height: v.pipe(v.number(), v.integer()),
	provenance: v.picklist(['real', 'synthetic']),
	/** WBCAtt morphology attributes from the expert annotation, where the image has them */
	attributes: v.optional(v.record(v.string(), v.string())),
	/**
	 * a synthetic item's: the sources whose real images the generator learnt its class from; the "Real or synthetic?"
	 * game pairs it only with real items of those sources (absent: any source)
	 */
	imitates: v.optional(v.array(v.string()))
});

export const BankSchema = v.object({
	schemaVersion: v.literal(BANK_SCHEMA_VERSION),
	createdAt: v.string(),
	/** which split of each source is in the bank (only the test split: the model never trained on it) */
	split: v.object({ algorithm: v.string(), included: v.literal('test') }),
	sources: v.array(
		v.object({
			name: v.string(),
			rows: v.number(),
			inBank: v.number(),
			/** rows left out because their label names a group (e.g. immature_granulocyte) */
			grouped: v.number(),
			skipped: v.number()
		})
	),
	/** classes that have at least one item, in taxonomy order */
	classes: v.array(CellClassIdSchema),
	/** total size of the bank's image files in bytes (what "available offline" downloads) */
	imageBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
	/** the model whose answers are in predictions.json beside bank.json; null: no model, no such file */
	model: v.nullable(v.object({ name: v.string(), createdAt: v.string(), classes: v.array(v.string()) })),
	items: v.array(BankItemSchema),
	/**
	 * Synthetic images only the "Real or synthetic?" game shows: of classes whose generated images do not yet pass
	 * the generator's class gate (question-bank/synthetic-set.ts). Kept out of `items`, so no drill, assignment or
	 * review can draw them. Absent in banks built before it existed.
	 */
	realism: v.optional(v.array(BankItemSchema))
});

export const PredictionsSchema = v.object({
	schemaVersion: v.literal(PREDICTIONS_SCHEMA_VERSION),
	/** the createdAt of the bank.json written with this file: answers from another import are not used */
	bankCreatedAt: v.string(),
	model: v.object({ name: v.string(), createdAt: v.string() }),
	/** by item id; an item without an entry has no answer (its image could not be classified) */
	items: v.record(v.string(), ItemPredictionSchema)
});

export type Bank = v.InferOutput<typeof BankSchema>;
export type BankItem = v.InferOutput<typeof BankItemSchema>;
export type ItemPrediction = v.InferOutput<typeof ItemPredictionSchema>;
export type Predictions = v.InferOutput<typeof PredictionsSchema>;

/** bank.json does not match the schema; `detail` lists the first few problems by path. */
export class BankSchemaError extends Error {
	constructor(readonly detail: string) {
		super(`The question bank (bank.json) is not valid: ${detail}`);
	}
}

/**
 * bank.json is read before the drill's first image, and valibot's walk over its ~2,000 items is a noticeable
 * part of that on a slow phone (about 0.15 s at a 4× CPU slow-down, most of it the first, unoptimised pass).
 * This hand-written check accepts exactly the banks for which BankSchema's output would equal its input:
 * valid, with no key the schema does not name (valibot would drop it). Anything else — damaged, or merely
 * carrying extra keys — goes through valibot, which words the problem or strips the keys. A test holds the
 * two to agreement on the built bank and on mutations of each field.
 */
export function isExactBank(json: unknown): json is Bank {
	if (!isRecord(json) || !onlyKeys(json, BANK_KEYS)) return false;
	const { split, model, imageBytes } = json;
	return (
		json.schemaVersion === BANK_SCHEMA_VERSION &&
		typeof json.createdAt === 'string' &&
		isRecord(split) &&
		onlyKeys(split, SPLIT_KEYS) &&
		typeof split.algorithm === 'string' &&
		split.included === INCLUDED_SPLIT &&
		Array.isArray(json.sources) &&
		json.sources.every(isExactSource) &&
		Array.isArray(json.classes) &&
		json.classes.every(isCellClassId) &&
		(imageBytes === undefined || (Number.isInteger(imageBytes) && (imageBytes as number) >= 0)) &&
		(model === null ||
			(isRecord(model) &&
				onlyKeys(model, MODEL_KEYS) &&
				typeof model.name === 'string' &&
				typeof model.createdAt === 'string' &&
				Array.isArray(model.classes) &&
				model.classes.every((c) => typeof c === 'string'))) &&
		Array.isArray(json.items) &&
		json.items.every(isExactItem) &&
		(json.realism === undefined || (Array.isArray(json.realism) && json.realism.every(isExactItem)))
	);
}

const BANK_KEYS = new Set(Object.keys(BankSchema.entries));
const SPLIT_KEYS = new Set(Object.keys(BankSchema.entries.split.entries));
const SOURCE_KEYS = new Set(Object.keys(BankSchema.entries.sources.item.entries));
const MODEL_KEYS = new Set(Object.keys(BankSchema.entries.model.wrapped.entries));
const ITEM_KEYS = new Set(Object.keys(BankItemSchema.entries));
const CLASS_IDS: ReadonlySet<unknown> = new Set(CELL_CLASS_IDS);
// the literals the schema allows, read from it rather than written again
const INCLUDED_SPLIT = BankSchema.entries.split.entries.included.literal;
const PROVENANCES: ReadonlySet<unknown> = new Set(BankItemSchema.entries.provenance.options);
const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function isNumber(x: unknown): boolean {
	return typeof x === 'number' && !Number.isNaN(x);
}

function isRecord(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function onlyKeys(x: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
	for (const key in x) if (!keys.has(key)) return false;
	return true;
}

function isCellClassId(x: unknown): boolean {
	return CLASS_IDS.has(x);
}

function isExactSource(x: unknown): boolean {
	return (
		isRecord(x) &&
		onlyKeys(x, SOURCE_KEYS) &&
		typeof x.name === 'string' &&
		isNumber(x.rows) &&
		isNumber(x.inBank) &&
		isNumber(x.grouped) &&
		isNumber(x.skipped)
	);
}

function isExactItem(x: unknown): boolean {
	if (!isRecord(x) || !onlyKeys(x, ITEM_KEYS)) return false;
	const { attributes, imitates } = x;
	if (imitates !== undefined && !(Array.isArray(imitates) && imitates.every((s) => typeof s === 'string'))) return false;
	if (attributes !== undefined) {
		if (!isRecord(attributes)) return false;
		// valibot's record drops these keys from its output (prototype safety): leave such a bank to it
		for (const key in attributes) if (typeof attributes[key] !== 'string' || UNSAFE_KEYS.has(key)) return false;
	}
	return (
		typeof x.id === 'string' &&
		typeof x.source === 'string' &&
		CLASS_IDS.has(x.label) &&
		typeof x.image === 'string' &&
		Number.isInteger(x.width) &&
		Number.isInteger(x.height) &&
		PROVENANCES.has(x.provenance)
	);
}

export function parseBank(json: unknown): Bank {
	if (isExactBank(json)) return json;
	const result = v.safeParse(BankSchema, json);
	if (!result.success) throw new BankSchemaError(issuesText(result.issues));
	return result.output;
}

/** predictions.json does not match the schema; `detail` lists the first few problems by path. */
export class PredictionsSchemaError extends Error {
	constructor(readonly detail: string) {
		super(`The classifier's answers (predictions.json) are not valid: ${detail}`);
	}
}

const PREDICTIONS_KEYS = new Set(Object.keys(PredictionsSchema.entries));
const PREDICTIONS_MODEL_KEYS = new Set(Object.keys(PredictionsSchema.entries.model.entries));
const PREDICTION_KEYS = new Set(Object.keys(ItemPredictionSchema.entries));
const TOP_SCHEMA = ItemPredictionSchema.entries.top.pipe[0];
const TOP_KEYS = new Set(Object.keys(TOP_SCHEMA.item.entries));
const [, TOP_MIN, TOP_MAX] = ItemPredictionSchema.entries.top.pipe;
const ATTRIBUTE_ANSWER_KEYS = new Set(Object.keys(ItemPredictionSchema.entries.attributes.value.entries));

function isProbability(x: unknown): boolean {
	return typeof x === 'number' && x >= 0 && x <= 1;
}

function isExactTop(x: unknown): boolean {
	return isRecord(x) && onlyKeys(x, TOP_KEYS) && CLASS_IDS.has(x.cellClass) && isProbability(x.p);
}

function isExactPrediction(x: unknown): boolean {
	if (!isRecord(x) || !onlyKeys(x, PREDICTION_KEYS)) return false;
	const { top, attributes } = x;
	if (!Array.isArray(top) || top.length < TOP_MIN.requirement || top.length > TOP_MAX.requirement || !top.every(isExactTop)) return false;
	if (!isRecord(attributes)) return false;
	for (const key in attributes) {
		const answer = attributes[key];
		if (UNSAFE_KEYS.has(key) || !isRecord(answer) || !onlyKeys(answer, ATTRIBUTE_ANSWER_KEYS)) return false;
		if (typeof answer.value !== 'string' || !isNumber(answer.p)) return false;
	}
	return true;
}

/**
 * The fast check parsePredictions tries first, as isExactBank is for the bank: predictions.json (~1.5 MB, one
 * entry per item) is read just after the drill's first image, and valibot's copy of it held a phone's main thread
 * for ~150 ms (4× CPU slow-down) at the moment a learner may press an answer key. True only when the input is
 * exactly what PredictionsSchema would output; anything else goes to the schema, which words the problem.
 */
export function isExactPredictions(json: unknown): json is Predictions {
	if (!isRecord(json) || !onlyKeys(json, PREDICTIONS_KEYS)) return false;
	const { model, items } = json;
	if (json.schemaVersion !== PREDICTIONS_SCHEMA_VERSION || typeof json.bankCreatedAt !== 'string') return false;
	if (!isRecord(model) || !onlyKeys(model, PREDICTIONS_MODEL_KEYS) || typeof model.name !== 'string' || typeof model.createdAt !== 'string')
		return false;
	if (!isRecord(items)) return false;
	for (const id in items) if (UNSAFE_KEYS.has(id) || !isExactPrediction(items[id])) return false;
	return true;
}

export function parsePredictions(json: unknown): Predictions {
	if (isExactPredictions(json)) return json;
	const result = v.safeParse(PredictionsSchema, json);
	if (!result.success) throw new PredictionsSchemaError(issuesText(result.issues));
	return result.output;
}
