import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCard } from './card-fixture.ts';
import { checkShippedModel } from './static-models.ts';

const validCard = fixtureCard();

function folder(card: unknown, model: string | null) {
	const dir = mkdtempSync(join(tmpdir(), 'leukodex-model-'));
	if (card !== null) writeFileSync(join(dir, 'card.json'), typeof card === 'string' ? card : JSON.stringify(card));
	if (model !== null) writeFileSync(join(dir, 'model.onnx'), model);
	return [join(dir, 'card.json'), join(dir, 'model.onnx')] as const;
}

describe('checkShippedModel', () => {
	it('accepts a valid card with its model, and no model at all', () => {
		expect(checkShippedModel(...folder(validCard, 'abcd'))).toBeNull();
		expect(checkShippedModel(...folder(null, null))).toBeNull();
	});

	it('rejects an invalid card, a missing model and a model of another size', () => {
		expect(checkShippedModel(...folder('{oops', 'abcd'))).toMatch(/JSON|Unexpected|Expected/);
		expect(checkShippedModel(...folder({ ...validCard, schema_version: 2 }, 'abcd'))).toMatch(/model card is not valid/);
		expect(checkShippedModel(...folder(validCard, null))).toMatch(/model.onnx is missing/);
		expect(checkShippedModel(...folder(validCard, 'abcdef'))).toMatch(/6 bytes; its card says 4/);
	});

	it('accepts the model in models/classifier when one has been trained', () => {
		const dir = 'models/classifier';
		const problem = checkShippedModel(`${dir}/card.json`, `${dir}/model.onnx`);
		expect(problem).toBeNull();
	});
});
