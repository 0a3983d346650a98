import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitOf, splitUnit, type Split } from '../src/lib/bank/split.ts';
import { isGroupLabel } from '../src/lib/cells/taxonomy.ts';
import { readManifest } from '../scripts/lib/manifest.ts';

// The split the importer uses: equal to the committed vectors (which Python checks too), and
// about 70/15/15 within every label of the real datasets.

const vectors = JSON.parse(readFileSync(new URL('./split-vectors.json', import.meta.url), 'utf8')) as {
	vectors: { source: string; id: string; unit: number; split: Split }[];
};

describe('split', () => {
	it('matches every committed split vector', () => {
		expect(vectors.vectors.length).toBeGreaterThan(40);
		for (const v of vectors.vectors) {
			expect(splitUnit(v.source, v.id)).toBe(v.unit);
			expect(splitOf(v.source, v.id)).toBe(v.split);
		}
	});

	const datasets = new URL('../../shared/datasets/', import.meta.url).pathname;
	const sources = ['pbc', 'matek-aml'].filter((s) => existsSync(`${datasets}${s}/manifest.csv`));
	it.skipIf(sources.length === 0)('splits each label of the real manifests about 70/15/15', async () => {
		for (const source of sources) {
			const manifest = await readManifest(`${datasets}${source}/manifest.csv`);
			const counts = new Map<string, Record<Split, number>>();
			for (const row of manifest.rows) {
				const c = counts.get(row.label) ?? { train: 0, val: 0, test: 0 };
				c[splitOf(source, row.id)]++;
				counts.set(row.label, c);
			}
			for (const [label, c] of counts) {
				const n = c.train + c.val + c.test;
				// Class labels (≥ 500 images each) must be within ±4 points. Group labels are tiny
				// (50 and 151 images), where ±4 points is under two binomial standard deviations,
				// so they get 3.5 standard deviations instead; they never reach the bank anyway.
				for (const [split, target] of [
					['train', 0.7],
					['val', 0.15],
					['test', 0.15]
				] as const) {
					const tolerance = isGroupLabel(label) ? 3.5 * Math.sqrt((target * (1 - target)) / n) : 0.04;
					expect(Math.abs(c[split] / n - target), `${source} ${label} ${split}: ${c[split]}/${n}`).toBeLessThanOrEqual(tolerance);
				}
			}
		}
	});
});
