import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCard } from '../../src/lib/classifier/card-fixture.ts';
import { checkGeneratorCard, checkShippedModel } from './static-models.ts';

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

describe('checkGeneratorCard', () => {
	it('accepts the committed card, no card at all, and fails the build on a damaged one', () => {
		expect(checkGeneratorCard('models/generator/card.json')).toBeNull();
		const dir = mkdtempSync(join(tmpdir(), 'leukodex-generator-'));
		expect(checkGeneratorCard(join(dir, 'card.json'))).toBeNull();
		const committed = JSON.parse(readFileSync('models/generator/card.json', 'utf8'));
		writeFileSync(join(dir, 'card.json'), JSON.stringify({ ...committed, overall: { ...committed.overall, classifier_agreement: 2 } }));
		expect(checkGeneratorCard(join(dir, 'card.json'))).toMatch(/does not match its contract/);
	});
});
