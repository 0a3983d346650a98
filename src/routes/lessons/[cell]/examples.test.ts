import { describe, expect, it } from 'vitest';
import type { BankItem } from '$lib/bank/schema.ts';
import { bankItem } from '$test-data/builders.ts';
import { pickExamples } from './examples.ts';

const item = (id: string, label: BankItem['label'], provenance: BankItem['provenance'] = 'real') => bankItem(id, label, { provenance });

describe('pickExamples', () => {
	it('takes only the requested class, spread over sources, stable regardless of input order', () => {
		const items = [
			...Array.from({ length: 10 }, (_, i) => item(`pbc:SNE_${i}`, 'segmented_neutrophil')),
			...Array.from({ length: 10 }, (_, i) => item(`matek-aml:NGS_${i}`, 'segmented_neutrophil')),
			item('pbc:LY_1', 'lymphocyte')
		];
		const picked = pickExamples(items, 'segmented_neutrophil', 6);
		expect(picked).toHaveLength(6);
		expect(picked.every((p) => p.label === 'segmented_neutrophil')).toBe(true);
		expect(new Set(picked.map((p) => p.source))).toEqual(new Set(['pbc', 'matek-aml']));
		expect(new Set(picked.map((p) => p.id)).size).toBe(6);
		expect(pickExamples([...items].reverse(), 'segmented_neutrophil', 6)).toEqual(picked);
	});

	it('prefers real images and fills with synthetic ones only when short', () => {
		const items = [item('gen:a', 'platelet', 'synthetic'), item('pbc:b', 'platelet'), item('gen:c', 'platelet', 'synthetic')];
		expect(pickExamples(items, 'platelet', 2).map((p) => p.id)).toEqual(['pbc:b', 'gen:a']);
	});

	it('returns nothing for a class without images', () => {
		expect(pickExamples([item('pbc:LY_1', 'lymphocyte')], 'smudge_cell')).toEqual([]);
		expect(pickExamples([item('pbc:LY_1', 'lymphocyte')], 'lymphocyte', 0)).toEqual([]);
	});
});
