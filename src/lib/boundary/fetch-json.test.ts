import { describe, expect, it } from 'vitest';
import { fetchJson, LoadCache } from './fetch-json.ts';

const respond = (body: string, status = 200): typeof fetch => (async () => new Response(body, { status })) as typeof fetch;
const parseN = (json: unknown) => {
	if (typeof (json as { n?: unknown }).n !== 'number')
		throw Object.assign(new Error('The file is not valid: n: expected a number'), { detail: 'n: expected a number' });
	return (json as { n: number }).n;
};

describe('fetchJson', () => {
	it('gives the parsed value', async () => {
		expect(await fetchJson('/x.json', parseN, respond('{"n":3}'))).toEqual({ ok: true, value: 3 });
	});

	it('tells each way of failing apart', async () => {
		const down = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch;
		expect(await fetchJson('/x.json', parseN, down)).toEqual({ ok: false, problem: { kind: 'unreachable', detail: 'Failed to fetch' } });
		expect(await fetchJson('/x.json', parseN, respond('', 404))).toEqual({ ok: false, problem: { kind: 'missing' } });
		expect(await fetchJson('/x.json', parseN, respond('', 503))).toEqual({ ok: false, problem: { kind: 'http', status: 503 } });
		expect(await fetchJson('/x.json', parseN, respond('{"n":'))).toEqual({ ok: false, problem: { kind: 'damaged' } });
		expect(await fetchJson('/x.json', parseN, respond('{"n":"3"}'))).toEqual({
			ok: false,
			problem: { kind: 'invalid', detail: 'n: expected a number' }
		});
	});
});

describe('LoadCache', () => {
	it('shares a success and forgets a failure', async () => {
		const cache = new LoadCache<number>();
		let calls = 0;
		const failing = () => (calls++, Promise.reject(new Error('no')));
		await expect(cache.get('a', failing)).rejects.toThrow('no');
		const ok = () => (calls++, Promise.resolve(7));
		expect(await cache.get('a', ok)).toBe(7);
		expect(await cache.get('a', ok)).toBe(7);
		expect(calls).toBe(2);
	});
});
