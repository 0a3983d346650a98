import { describe, expect, it } from 'vitest';
import { attributeAccuracy, classMetrics, expectedCalibrationError, mergedLabels, parseClassMap } from './metrics.ts';

describe('classMetrics', () => {
	// truth:     a a a b b c ; predicted: a a b b a a  (c never predicted, nothing predicted as c)
	const labels = ['a', 'b', 'c', 'd'];
	const truth = [0, 0, 0, 1, 1, 2];
	const probs = [
		[0.9, 0.1, 0, 0],
		[0.6, 0.4, 0, 0],
		[0.3, 0.7, 0, 0],
		[0.2, 0.8, 0, 0],
		[0.5, 0.3, 0.2, 0],
		[0.4, 0.3, 0.3, 0]
	];
	const m = classMetrics(labels, truth, probs);

	it('counts the confusion matrix with true classes as rows', () => {
		expect(m.confusion.matrix).toEqual([
			[2, 1, 0, 0],
			[1, 1, 0, 0],
			[1, 0, 0, 0],
			[0, 0, 0, 0]
		]);
		expect(m.n).toBe(6);
		expect(m.accuracy).toBeCloseTo(3 / 6, 12);
	});

	it('computes per-class scores and macro-F1 over classes with support only', () => {
		expect(m.per_class.a).toEqual({ precision: 2 / 4, recall: 2 / 3, f1: expect.closeTo(4 / 7, 12), support: 3 });
		expect(m.per_class.b).toEqual({ precision: 1 / 2, recall: 1 / 2, f1: 0.5, support: 2 });
		expect(m.per_class.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
		expect(m.per_class.d.support).toBe(0);
		expect(m.macro_f1).toBeCloseTo((4 / 7 + 0.5 + 0) / 3, 12);
	});

	it('computes ECE over 15 bins of the top confidence', () => {
		// confidences 0.9 ✓, 0.6 ✓, 0.7 ✗, 0.8 ✓, 0.5 ✗, 0.4 ✗ — each in its own bin
		const expected = (0.1 + 0.4 + 0.7 + 0.2 + 0.5 + 0.4) / 6;
		expect(m.ece).toBeCloseTo(expected, 12);
		// same bin (0.8, 13/15]: |1/2 − 0.85| weighted by 2/2
		expect(expectedCalibrationError([0.84, 0.86], [true, false])).toBeCloseTo(0.35, 12);
		// zero belongs to the first bin; empty input is 0
		expect(expectedCalibrationError([0], [false])).toBe(0);
		expect(expectedCalibrationError([], [])).toBe(0);
	});

	it('handles an empty evaluation', () => {
		const empty = classMetrics(['a', 'b'], [], []);
		expect(empty).toMatchObject({ n: 0, accuracy: 0, macro_f1: 0, ece: 0 });
	});
});

describe('class maps', () => {
	const classes = ['band_neutrophil', 'segmented_neutrophil', 'lymphocyte'];
	it('parses and validates --map', () => {
		expect([...parseClassMap('band_neutrophil=neutrophil, segmented_neutrophil=neutrophil', classes)]).toEqual([
			['band_neutrophil', 'neutrophil'],
			['segmented_neutrophil', 'neutrophil']
		]);
		expect(() => parseClassMap('band=neutrophil', classes)).toThrow(/not one of the model's classes/);
		expect(() => parseClassMap('band_neutrophil', classes)).toThrow(/model_class=label/);
	});

	it('adds up the probabilities of merged classes', () => {
		const { labels, merge } = mergedLabels(classes, parseClassMap('band_neutrophil=neutrophil,segmented_neutrophil=neutrophil', classes));
		expect(labels).toEqual(['neutrophil', 'lymphocyte']);
		expect(Array.from(merge([0.3, 0.3, 0.4]))).toEqual([0.6, 0.4]);
	});
});

describe('attributeAccuracy', () => {
	it('scores each attribute over the rows annotated with it', () => {
		const rows: { truth: Record<string, string>; predicted: Record<string, string> }[] = [
			{ truth: { size: 'big', shape: 'round' }, predicted: { size: 'big', shape: 'band' } },
			{ truth: { size: 'small' }, predicted: { size: 'big', shape: 'round' } },
			{ truth: { size: 'small', shape: '' }, predicted: { size: 'small', shape: 'round' } }
		];
		expect(attributeAccuracy(['size', 'shape', 'colour'], rows)).toEqual({
			attribute_accuracy: { size: 2 / 3, shape: 0 },
			mean_attribute_accuracy: 1 / 3
		});
		expect(attributeAccuracy(['colour'], rows)).toBeUndefined();
	});
});
