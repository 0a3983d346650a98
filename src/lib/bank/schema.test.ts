import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { bankItem } from '$test-data/builders.ts';
import { BANK_SCHEMA_VERSION, BankSchema, BankSchemaError, isExactBank, parseBank } from './schema.ts';

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
			bankItem('synthetic:3', 'lymphocyte', { provenance: 'synthetic' })
		]
	};
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
	['bank extra key', (b) => (b.comment = 'x')],
	['bank an array', (b) => (b.items = [b.items])]
];

describe('isExactBank (the fast check parseBank tries first)', () => {
	it.each(MUTATIONS)('agrees with BankSchema: %s', (_what, change) => {
		const bank = validBank();
		change(bank);
		const json: unknown = JSON.parse(
			JSON.stringify(bank, (_k, value) => (Number.isNaN(value) ? '__nan__' : value)),
			(_k, value) => (value === '__nan__' ? Number.NaN : value)
		);
		const reference = v.safeParse(BankSchema, json);
		const fast = isExactBank(json);
		// never looser than the schema; when it accepts, the input is exactly what the schema would output
		if (fast) {
			expect(reference.success).toBe(true);
			expect(json).toEqual(reference.output);
		}
		// and parseBank's answer is the schema's either way
		if (reference.success) {
			expect(parseBank(json)).toEqual(reference.output);
		} else expect(() => parseBank(json)).toThrow(BankSchemaError);
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
