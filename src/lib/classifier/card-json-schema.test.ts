import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardJsonSchemaText } from './card-json-schema.ts';

describe('the model card JSON Schema that Python validates against', () => {
	it('is the one generated from the TypeScript card schema (run npm run schema:card after changing card.ts)', () => {
		const committed = readFileSync(new URL('../../../models/classifier/card.schema.json', import.meta.url), 'utf8');
		expect(committed).toBe(cardJsonSchemaText());
	});
});
