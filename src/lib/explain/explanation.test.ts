import { describe, expect, it } from 'vitest';
import { explain, explanationText } from './explanation.ts';
import { gatherFacts, imageAttributes } from './facts.ts';
import { checkConsistency, inconsistencies } from './evaluate.ts';
import { diskFrontmatters } from './test-data/lessons.ts';

const lessons = { en: diskFrontmatters('en'), 'zh-TW': diskFrontmatters('zh-TW') };
const segAttributes = { nucleus_shape: 'segmented-multilobed', granule_colour: 'pink', cytoplasm_vacuole: 'no' };
const prediction = {
	top: [
		{ cellClass: 'monocyte' as const, p: 0.7 },
		{ cellClass: 'reactive_lymphocyte' as const, p: 0.2 }
	],
	attributes: { cytoplasm_texture: { value: 'frosted', p: 0.9 }, nucleus_shape: { value: 'unsegmented-indented', p: 0.8 } }
};

describe('facts', () => {
	it('prefer the expert annotation and mark where each attribute comes from', () => {
		expect(imageAttributes('segmented_neutrophil', segAttributes, prediction)).toEqual([
			{ name: 'nucleus_shape', value: 'segmented-multilobed', origin: 'expert' },
			{ name: 'granule_colour', value: 'pink', origin: 'expert' },
			{ name: 'cytoplasm_vacuole', value: 'no', origin: 'expert' }
		]);
	});

	it('use the classifier’s attributes, with their probability, only for the five mature types it learned them on', () => {
		expect(imageAttributes('monocyte', undefined, prediction)).toContainEqual({
			name: 'cytoplasm_texture',
			value: 'frosted',
			origin: 'model',
			p: 0.9
		});
		for (const cellClass of ['myeloblast', 'promyelocyte', 'metamyelocyte', 'erythroblast', 'platelet', 'smudge_cell'] as const) {
			expect(imageAttributes(cellClass, undefined, prediction), cellClass).toEqual([]);
		}
	});

	it('take the key features from the lesson in the learner’s language', () => {
		const facts = gatherFacts({ cellClass: 'band_neutrophil', basis: 'label', locale: 'zh-TW', lessons: lessons['zh-TW'] });
		expect(facts.keyFeatures.map((f) => f.key)).toEqual(['nucleus_shape', 'granules']);
		expect(facts.keyFeatures[0]!.text).toBe(lessons['zh-TW'].band_neutrophil.nucleus_shape);
	});
});

describe('grounded explanation', () => {
	it('gives a right answer the class’s key features and what this image shows', () => {
		const e = explain(
			gatherFacts({
				cellClass: 'segmented_neutrophil',
				basis: 'label',
				locale: 'en',
				lessons: lessons.en,
				expertAttributes: segAttributes,
				answered: 'segmented_neutrophil'
			})
		);
		expect(e.lead).toBe('What makes this a segmented neutrophil');
		const text = explanationText(e);
		expect(text).toContain(lessons.en.segmented_neutrophil.nucleus_shape);
		expect(text).toContain(
			'In this image the expert annotators recorded Nucleus shape: segmented, several lobes, as expected for a segmented neutrophil.'
		);
		expect(e.sentences.every((s) => s.refs.length > 0)).toBe(true);
	});

	it('gives a wrong answer the feature that separates the two classes and this image’s value for it', () => {
		const e = explain(
			gatherFacts({
				cellClass: 'segmented_neutrophil',
				basis: 'label',
				locale: 'en',
				lessons: lessons.en,
				expertAttributes: segAttributes,
				answered: 'band_neutrophil'
			})
		);
		expect(e.lead).toBe('How to tell a segmented neutrophil from a band neutrophil');
		const text = explanationText(e);
		expect(text).toContain('Look at the narrowest point of the nucleus (ICSH one-third rule).');
		expect(text).toContain('Band neutrophil: no part of the nucleus narrows below one-third');
		expect(text).toContain('recorded Nucleus shape: segmented, several lobes, as expected for a segmented neutrophil.');
	});

	it('says so when the annotation is the usual look of the chosen class instead', () => {
		const e = explain(
			gatherFacts({
				cellClass: 'segmented_neutrophil',
				basis: 'label',
				locale: 'zh-TW',
				lessons: lessons['zh-TW'],
				expertAttributes: { nucleus_shape: 'unsegmented-band' },
				answered: 'band_neutrophil'
			})
		);
		expect(explanationText(e)).toContain('這張影像的專家註記為細胞核形狀：未分葉，帶狀，較常見於帶狀嗜中性球');
	});

	it('compares key features when the two classes are not look-alikes', () => {
		const e = explain(gatherFacts({ cellClass: 'basophil', basis: 'label', locale: 'en', lessons: lessons.en, answered: 'platelet' }));
		expect(explanationText(e)).toContain('Basophil and Platelet are not a listed look-alike pair');
		expect(explanationText(e)).toContain(lessons.en.platelet.granules);
	});

	it('on the Check page explains the classifier’s answer as such and contrasts its runner-up', () => {
		const facts = gatherFacts({
			cellClass: 'monocyte',
			basis: 'model',
			locale: 'en',
			lessons: lessons.en,
			prediction,
			other: 'reactive_lymphocyte'
		});
		const e = explain(facts);
		expect(e.lead).toContain('the classifier’s answer, not a verified label');
		const text = explanationText(e);
		expect(text).toContain('the classifier estimates Cytoplasm texture: frosted (90% confidence), as expected for a monocyte.');
		expect(text).toContain('Reactive (atypical) lymphocyte: clear blue cytoplasm');
	});

	it('says that no annotation is available rather than inventing one', () => {
		const e = explain(
			gatherFacts({ cellClass: 'myeloblast', basis: 'label', locale: 'en', lessons: lessons.en, prediction, answered: 'myeloblast' })
		);
		expect(e.sentences.some((s) => s.refs.some((r) => r.kind === 'attribute'))).toBe(false);
		expect(explanationText(e)).toContain('No morphology annotation is available for this image');
	});
});

describe('consistency check (eval:explain)', () => {
	it('passes explanations built from the annotation and catches one that states another value', () => {
		const item = { id: 'x', label: 'segmented_neutrophil' as const, attributes: segAttributes };
		expect(checkConsistency([item], lessons)).toMatchObject({ n: 6, consistent: 6 }); // right + 2 look-alikes, 2 languages;
		const e = explain(
			gatherFacts({ cellClass: 'segmented_neutrophil', basis: 'label', locale: 'en', lessons: lessons.en, expertAttributes: segAttributes })
		);
		const tampered = { ...e, sentences: [...e.sentences, { text: 'In this image the nucleus is not segmented, band.', refs: [] }] };
		expect(inconsistencies(tampered, item).length).toBeGreaterThan(0);
	});
});
