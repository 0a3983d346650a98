import { describe, expect, it } from 'vitest';
import { splitOf } from '../../src/lib/bank/split.ts';
import { matekNeutrophilsNotTrainedOn } from './held-out.ts';
import type { ManifestRow } from './manifest.ts';

const rows = Array.from({ length: 60 }, (_, i) => ({ id: `NGS_${i}`, label: 'segmented_neutrophil', path: `/x/${i}.tiff` }) as ManifestRow);
rows.push({ id: 'MYB_1', label: 'myeloblast', path: '/x/m.tiff' } as ManifestRow);

describe('the Matek neutrophils a model never trained on', () => {
	it('are all of them when the card holds the group out', () => {
		const held = matekNeutrophilsNotTrainedOn(rows, ['matek-aml:segmented_neutrophil']);
		expect(held.rows).toHaveLength(60);
		expect(held.what).toContain('all images (held out');
	});

	it('are those outside the training split when the training split was trained on', () => {
		const held = matekNeutrophilsNotTrainedOn(rows, ['matek-aml:segmented_neutrophil:val+test']);
		expect(held.rows.length).toBeGreaterThan(0);
		expect(held.rows.length).toBeLessThan(60);
		expect(held.rows.every((r) => splitOf('matek-aml', r.id) !== 'train')).toBe(true);
		expect(held.what).toContain('val and test splits');
	});

	it('are said to be partly trained on when the card holds nothing out', () => {
		const held = matekNeutrophilsNotTrainedOn(rows, []);
		expect(held.rows).toHaveLength(60);
		expect(held.what).toContain('trained on part of them');
	});
});
