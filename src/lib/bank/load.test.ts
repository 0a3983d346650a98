import { describe, expect, it, vi } from 'vitest';
import { loadPredictions } from './load.ts';
import { BANK_SCHEMA_VERSION, PREDICTIONS_SCHEMA_VERSION, type Bank, type Predictions } from './schema.ts';

function bank(createdAt: string, withModel = true): Bank {
	return {
		schemaVersion: BANK_SCHEMA_VERSION,
		createdAt,
		split: { algorithm: 'test', included: 'test' },
		sources: [],
		classes: ['basophil'],
		model: withModel ? { name: 'm', createdAt: '2026-01-01T00:00:00Z', classes: ['basophil'] } : null,
		items: [{ id: 'pbc:1', source: 'pbc', label: 'basophil', image: 'bank/images/pbc/1.jpg', width: 8, height: 8, provenance: 'real' }]
	};
}

function predictions(bankCreatedAt: string): Predictions {
	return {
		schemaVersion: PREDICTIONS_SCHEMA_VERSION,
		bankCreatedAt,
		model: { name: 'm', createdAt: '2026-01-01T00:00:00Z' },
		items: { 'pbc:1': { top: [{ cellClass: 'basophil', p: 0.9 }], attributes: { cell_size: { value: 'small', p: 0.8 } } } }
	};
}

const respond = (body: unknown, status = 200) =>
	vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('loadPredictions', () => {
	it('gives the answers by item id, fetched once per bank build', async () => {
		const fetcher = respond(predictions('b1'));
		const answers = await loadPredictions(bank('b1'), '/base', fetcher);
		expect(answers.get('pbc:1')?.top[0]).toEqual({ cellClass: 'basophil', p: 0.9 });
		expect(fetcher).toHaveBeenCalledWith('/base/bank/predictions.json', { cache: 'no-cache' });
		await loadPredictions(bank('b1'), '/base', fetcher);
		expect(fetcher).toHaveBeenCalledTimes(1);
	});

	it('fetches nothing for a bank built without a model', async () => {
		const fetcher = respond(predictions('b2'));
		expect((await loadPredictions(bank('b2', false), '', fetcher)).size).toBe(0);
		expect(fetcher).not.toHaveBeenCalled();
	});

	it('refuses answers written for another build of the bank', async () => {
		await expect(loadPredictions(bank('b3'), '', respond(predictions('older')))).rejects.toThrow(/another build/);
	});

	it('says what is wrong with a missing, damaged or invalid file, and tries again after a failure', async () => {
		await expect(loadPredictions(bank('b4'), '', respond('', 404))).rejects.toThrow(/HTTP 404/);
		await expect(loadPredictions(bank('b4'), '', respond('{"schemaVersion": 1,'))).rejects.toThrow(/not valid JSON/);
		await expect(loadPredictions(bank('b4'), '', respond({ ...predictions('b4'), items: { x: { top: [] } } }))).rejects.toThrow(
			/predictions\.json.*not valid: items\.x/
		);
		const unreachable = vi.fn(async () => {
			throw new TypeError('Failed to fetch');
		}) as unknown as typeof fetch;
		await expect(loadPredictions(bank('b4'), '', unreachable)).rejects.toThrow(/not reachable/);
		expect((await loadPredictions(bank('b4'), '', respond(predictions('b4')))).size).toBe(1);
	});
});
