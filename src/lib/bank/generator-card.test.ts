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

	it('carries each class’s distances in the second yardstick when measured there, and is valid without them', () => {
		const card = parseGeneratorCard(committed);
		const [first] = Object.keys(card.per_class);
		const withSecond = parseGeneratorCard({
			...committed,
			per_class: { ...committed.per_class, [first!]: { ...committed.per_class[first!], frechet_second: 12.5, frechet_second_floor: 3 } }
		});
		expect(withSecond.per_class[first as keyof typeof withSecond.per_class]).toMatchObject({
			frechet_second: 12.5,
			frechet_second_floor: 3
		});
		const stripped = Object.fromEntries(
			Object.entries(committed.per_class as Record<string, Record<string, number>>).map(([k, m]) => {
				const { frechet_second: _a, frechet_second_floor: _b, ...rest } = m;
				return [k, rest];
			})
		);
		expect(() => parseGeneratorCard({ ...committed, per_class: stripped })).not.toThrow();
		expect(() =>
			parseGeneratorCard({
				...committed,
				per_class: { ...committed.per_class, [first!]: { ...committed.per_class[first!], frechet_second: -1 } }
			})
		).toThrow(/frechet_second/);
	});

	it('carries the lobe measure (nucleus in two or more pieces) as shares, synthetic and real, and is valid without it', () => {
		const card = parseGeneratorCard(committed);
		// on real test images the measure tells segmented neutrophils from bands, which is what it is for
		const { segmented_neutrophil: seg, band_neutrophil: band } = card.per_class;
		expect(seg!.nucleus_split_share_real).toBeGreaterThan(band!.nucleus_split_share_real! + 0.2);
		const [first] = Object.keys(card.per_class);
		const withShare = (share: number) => ({
			...committed,
			per_class: { ...committed.per_class, [first!]: { ...committed.per_class[first!], nucleus_split_share: share } }
		});
		expect(() => parseGeneratorCard(withShare(1.2))).toThrow(/nucleus_split_share/);
		const { nucleus_split_share: _a, nucleus_split_share_real: _b, ...without } = committed.per_class[first!];
		expect(parseGeneratorCard({ ...committed, per_class: { ...committed.per_class, [first!]: without } }).per_class).toHaveProperty(first!);
	});

	it('loads as null, not as an error, when the app has none', async () => {
		const notFound = (async () => new Response('', { status: 404 })) as typeof fetch;
		expect(await loadGeneratorCard('/nowhere/card.json', notFound)).toBeNull();
	});
});
