import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGeneratorCard, parseGeneratorCard } from './generator-card.ts';

const committed = JSON.parse(readFileSync('models/generator/card.json', 'utf8'));

describe('the generator card', () => {
	it('as Python wrote it matches the contract the model page reads, per class and overall', () => {
		const card = parseGeneratorCard(committed);
		expect(Object.keys(card.per_class).length).toBeGreaterThan(0);
		for (const m of [card.overall, ...Object.values(card.per_class)]) expect(m!.frechet_real_floor).toBeGreaterThanOrEqual(0);
	});

	it('says how its latents were drawn: a truncation bound, none (null), or nothing (cards before it was recorded)', () => {
		expect(parseGeneratorCard({ ...committed, sampling: { truncation: 1 } }).sampling?.truncation).toBe(1);
		expect(parseGeneratorCard({ ...committed, sampling: { truncation: null } }).sampling?.truncation).toBeNull();
		const { sampling: _, ...before } = committed as Record<string, unknown>;
		expect(parseGeneratorCard(before).sampling).toBeUndefined();
		expect(() => parseGeneratorCard({ ...committed, sampling: { truncation: -1 } })).toThrow(/sampling/);
	});

	it('loads as null, not as an error, when the app has none', async () => {
		const notFound = (async () => new Response('', { status: 404 })) as typeof fetch;
		expect(await loadGeneratorCard('/nowhere/card.json', notFound)).toBeNull();
	});
});
