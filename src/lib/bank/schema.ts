import * as v from 'valibot';
import { CELL_CLASS_IDS } from '../cells/taxonomy.ts';

/**
 * bank.json: the contract between the question-bank importer (writes static/bank/bank.json)
 * and the app (reads it). Bump BANK_SCHEMA_VERSION on any incompatible change.
 */
export const BANK_SCHEMA_VERSION = 1;

export const CellClassIdSchema = v.picklist(CELL_CLASS_IDS);

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
	/** path under the app's base URL, e.g. "bank/images/pbc/BA_100102.jpg" */
	image: v.string(),
	width: v.pipe(v.number(), v.integer()),
	height: v.pipe(v.number(), v.integer()),
	provenance: v.picklist(['real', 'synthetic']),
	/** WBCAtt morphology attributes from the expert annotation, where the image has them */
	attributes: v.optional(v.record(v.string(), v.string())),
	/** the classifier's answer, computed once at import time (absent if no model was available) */
	prediction: v.optional(ItemPredictionSchema)
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
	/** the model whose predictions are stored, if any */
	model: v.nullable(v.object({ name: v.string(), createdAt: v.string(), classes: v.array(v.string()) })),
	items: v.array(BankItemSchema)
});

export type Bank = v.InferOutput<typeof BankSchema>;
export type BankItem = v.InferOutput<typeof BankItemSchema>;
export type ItemPrediction = v.InferOutput<typeof ItemPredictionSchema>;

/** bank.json does not match the schema; `detail` lists the first few problems by path. */
export class BankSchemaError extends Error {
	constructor(readonly detail: string) {
		super(`The question bank (bank.json) is not valid: ${detail}`);
	}
}

export function parseBank(json: unknown): Bank {
	const result = v.safeParse(BankSchema, json);
	if (!result.success) {
		throw new BankSchemaError(result.issues.slice(0, 5).map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`).join('; '));
	}
	return result.output;
}
