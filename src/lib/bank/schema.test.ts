import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { bankItem } from '$test-data/builders.ts';
import {
	BANK_SCHEMA_VERSION,
	BankSchema,
	BankSchemaError,
	isExactBank,
	isExactPredictions,
	parseBank,
	parsePredictions,
	PREDICTIONS_SCHEMA_VERSION,
	PredictionsSchema,
	PredictionsSchemaError
} from './schema.ts';

function validBank(): Record<string, unknown> {
	return {
		schemaVersion: BANK_SCHEMA_VERSION,
		createdAt: '2026-12-03T08:00:00Z',
		split: { algorithm: 'sha1-70-15-15', included: 'test' },
		sources: [{ name: 'pbc', rows: 10, inBank: 3, grouped: 1, skipped: 0 }],
		classes: ['basophil', 'lymphocyte'],
		imageBytes: 12345,
		model: { name: 'm', createdAt: '2026-12-01T00:00:00Z', classes: ['basophil', 'lymphocyte'] },
		items: [
			bankItem('pbc:BA_1', 'basophil', { attributes: { cell_size: 'big', granularity: 'yes' } }),
			bankItem('pbc:LY_2', 'lymphocyte'),
			bankItem('synthetic:3', 'lymphocyte', { provenance: 'synthetic', imitates: ['pbc'] })
		],
		realism: [bankItem('synthetic:4', 'basophil', { provenance: 'synthetic', imitates: ['pbc'] })]
	};
}

/** The value as JSON.parse would give it (a fresh copy, no prototypes), keeping NaN, which JSON cannot carry. */
function asParsedJson(value: unknown): unknown {
	return JSON.parse(
		JSON.stringify(value, (_k, x) => (Number.isNaN(x) ? '__nan__' : x)),
		(_k, x) => (x === '__nan__' ? Number.NaN : x)
	);
}

/**
 * A fast check is never looser than its schema: when it accepts, the input is exactly what the schema would output;
 * and the parser's answer is the schema's either way.
 */
function expectFastCheckAgrees<T>(
	json: unknown,
	{
		schema,
		isExact,
		parse,
		SchemaError
	}: {
		schema: v.GenericSchema<unknown, T>;
		isExact: (json: unknown) => boolean;
		parse: (json: unknown) => T;
		SchemaError: new (detail: string) => Error;
	}
) {
	const reference = v.safeParse(schema, json);
	if (isExact(json)) {
		expect(reference.success).toBe(true);
		expect(json).toEqual(reference.output);
	}
	if (reference.success) {
		expect(parse(json)).toEqual(reference.output);
	} else expect(() => parse(json)).toThrow(SchemaError);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mutation reaches into any field of the JSON value
type Mutation = [what: string, change: (bank: any) => void];

/** One change per field and per way a field can be wrong; some keep the bank valid (extra keys, optional fields). */
const MUTATIONS: Mutation[] = [
	['no change', () => {}],
	['schema version', (b) => (b.schemaVersion = BANK_SCHEMA_VERSION + 1)],
	['createdAt a number', (b) => (b.createdAt = 5)],
	['split missing', (b) => delete b.split],
	['split included val', (b) => (b.split.included = 'val')],
	['split extra key', (b) => (b.split.note = 'x')],
	['sources not an array', (b) => (b.sources = {})],
	['source rows a string', (b) => (b.sources[0].rows = '10')],
	['source rows NaN', (b) => (b.sources[0].rows = Number.NaN)],
	['source extra key', (b) => (b.sources[0].url = 'x')],
	['unknown class', (b) => b.classes.push('smudge')],
	['imageBytes missing', (b) => delete b.imageBytes],
	['imageBytes fractional', (b) => (b.imageBytes = 1.5)],
	['imageBytes negative', (b) => (b.imageBytes = -1)],
	['model null', (b) => (b.model = null)],
	['model missing', (b) => delete b.model],
	['model classes not strings', (b) => (b.model.classes = [1])],
	['model extra key', (b) => (b.model.version = 2)],
	['items missing', (b) => delete b.items],
	['item null', (b) => (b.items[1] = null)],
	['item an array', (b) => (b.items[1] = [])],
	['item id a number', (b) => (b.items[0].id = 1)],
	['item label unknown', (b) => (b.items[0].label = 'smudge')],
	['item width fractional', (b) => (b.items[0].width = 320.5)],
	['item height missing', (b) => delete b.items[2].height],
	['item provenance other', (b) => (b.items[0].provenance = 'drawn')],
	['item attributes missing', (b) => delete b.items[0].attributes],
	['item attribute not a string', (b) => (b.items[0].attributes.cell_size = 3)],
	['item attributes an array', (b) => (b.items[0].attributes = ['big'])],
	['item attribute key "constructor"', (b) => (b.items[0].attributes = JSON.parse('{"constructor":"x"}'))],
	['item attribute key "__proto__"', (b) => (b.items[0].attributes = JSON.parse('{"__proto__":"x"}'))],
	['item extra key', (b) => (b.items[0].label_name = 'Basophil')],
	['item imitates missing', (b) => delete b.items[2].imitates],
	['item imitates a string', (b) => (b.items[2].imitates = 'pbc')],
	['item imitates holds a number', (b) => (b.items[2].imitates = ['pbc', 2])],
	['realism missing', (b) => delete b.realism],
	['realism not an array', (b) => (b.realism = {})],
	['realism item label unknown', (b) => (b.realism[0].label = 'smudge')],
	['realism item extra key', (b) => (b.realism[0].note = 'x')],
	['bank extra key', (b) => (b.comment = 'x')],
	['bank an array', (b) => (b.items = [b.items])]
];

describe('isExactBank (the fast check parseBank tries first)', () => {
	it.each(MUTATIONS)('agrees with BankSchema: %s', (_what, change) => {
		const bank = validBank();
		change(bank);
		expectFastCheckAgrees(asParsedJson(bank), { schema: BankSchema, isExact: isExactBank, parse: parseBank, SchemaError: BankSchemaError });
	});

	it('takes the fast path for a valid bank with optional fields present or absent', () => {
		const bank = validBank();
		expect(isExactBank(bank)).toBe(true);
		delete bank.imageBytes;
		(bank.items as Record<string, unknown>[]).forEach((item) => delete item.attributes);
		expect(isExactBank(bank)).toBe(true);
		expect(isExactBank({ ...bank, model: null })).toBe(true);
	});

	it('leaves extra keys to the schema, which drops them', () => {
		const bank = { ...validBank(), comment: 'x' };
		expect(isExactBank(bank)).toBe(false);
		expect(parseBank(bank)).not.toHaveProperty('comment');
	});

	it('the bank parseBank returns on the fast path is the same object (no copy of ~2,000 items)', () => {
		const bank = validBank();
		expect(parseBank(bank)).toBe(bank);
	});
});

function validPredictions(): Record<string, unknown> {
	return {
		schemaVersion: PREDICTIONS_SCHEMA_VERSION,
		bankCreatedAt: '2026-12-03T08:00:00Z',
		model: { name: 'm', createdAt: '2026-12-01T00:00:00Z' },
		items: {
			'pbc:BA_1': {
				top: [
					{ cellClass: 'basophil', p: 0.9 },
					{ cellClass: 'eosinophil', p: 0.06 },
					{ cellClass: 'monocyte', p: 0.01 }
				],
				attributes: { cell_size: { value: 'big', p: 0.8 }, granularity: { value: 'yes', p: 0.99 } }
			},
			'pbc:LY_2': { top: [{ cellClass: 'lymphocyte', p: 1 }], attributes: {} }
		}
	};
}

/** One change per field and per way it can be wrong, as for the bank above. */
const PREDICTION_MUTATIONS: Mutation[] = [
	['no change', () => {}],
	['schema version', (x) => (x.schemaVersion = PREDICTIONS_SCHEMA_VERSION + 1)],
	['bankCreatedAt missing', (x) => delete x.bankCreatedAt],
	['model name a number', (x) => (x.model.name = 1)],
	['model extra key', (x) => (x.model.classes = [])],
	['extra key', (x) => (x.comment = 'x')],
	['items an array', (x) => (x.items = [])],
	['items null', (x) => (x.items = null)],
	['item null', (x) => (x.items['pbc:LY_2'] = null)],
	['item id "__proto__"', (x) => (x.items = JSON.parse('{"__proto__":{"top":[{"cellClass":"basophil","p":1}],"attributes":{}}}'))],
	['item extra key', (x) => (x.items['pbc:LY_2'].model = 'm')],
	['top empty', (x) => (x.items['pbc:LY_2'].top = [])],
	['top of four', (x) => x.items['pbc:BA_1'].top.push({ cellClass: 'lymphocyte', p: 0 })],
	['top class unknown', (x) => (x.items['pbc:BA_1'].top[1].cellClass = 'smudge')],
	['top p above 1', (x) => (x.items['pbc:BA_1'].top[0].p = 1.2)],
	['top p negative', (x) => (x.items['pbc:BA_1'].top[2].p = -0.1)],
	['top p NaN', (x) => (x.items['pbc:BA_1'].top[0].p = Number.NaN)],
	['top p a string', (x) => (x.items['pbc:BA_1'].top[0].p = '0.9')],
	['top extra key', (x) => (x.items['pbc:BA_1'].top[0].name = 'Basophil')],
	['attributes missing', (x) => delete x.items['pbc:BA_1'].attributes],
	['attribute a string', (x) => (x.items['pbc:BA_1'].attributes.cell_size = 'big')],
	['attribute value a number', (x) => (x.items['pbc:BA_1'].attributes.cell_size.value = 3)],
	['attribute p missing', (x) => delete x.items['pbc:BA_1'].attributes.cell_size.p],
	['attribute extra key', (x) => (x.items['pbc:BA_1'].attributes.cell_size.q = 0.1)],
	['attribute key "constructor"', (x) => (x.items['pbc:BA_1'].attributes = JSON.parse('{"constructor":{"value":"x","p":1}}'))]
];

describe('isExactPredictions (the fast check parsePredictions tries first)', () => {
	it.each(PREDICTION_MUTATIONS)('agrees with PredictionsSchema: %s', (_what, change) => {
		const predictions = validPredictions();
		change(predictions);
		expectFastCheckAgrees(asParsedJson(predictions), {
			schema: PredictionsSchema,
			isExact: isExactPredictions,
			parse: parsePredictions,
			SchemaError: PredictionsSchemaError
		});
	});

	it('takes the fast path for valid predictions and returns them without a copy', () => {
		const predictions = validPredictions();
		expect(isExactPredictions(predictions)).toBe(true);
		expect(parsePredictions(predictions)).toBe(predictions);
	});
});
