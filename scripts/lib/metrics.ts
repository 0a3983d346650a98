import type { Metrics } from '../../src/lib/classifier/card.ts';

/**
 * Classifier metrics with the model card's definitions (models/training/train_classifier.py):
 * rows of the confusion matrix are true classes; precision/recall/F1 are 0 where undefined;
 * macro-F1 averages the classes that have support; ECE uses 15 equal-width bins of the top
 * confidence, the first bin closed at 0.
 */

export type ClassMetrics = Pick<Metrics, 'n' | 'accuracy' | 'macro_f1' | 'per_class' | 'confusion'> & { ece: number };

export function argmax(values: ArrayLike<number>): number {
	let best = 0;
	for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
	return best;
}

/** `truth[i]` indexes `labels`; `probs[i]` is a distribution over `labels`. */
export function classMetrics(labels: readonly string[], truth: readonly number[], probs: readonly ArrayLike<number>[]): ClassMetrics {
	const k = labels.length;
	const n = truth.length;
	const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
	const predicted = probs.map(argmax);
	truth.forEach((t, i) => matrix[t][predicted[i]]++);
	const per_class: Metrics['per_class'] = {};
	const f1s: number[] = [];
	let correct = 0;
	labels.forEach((label, c) => {
		const tp = matrix[c][c];
		correct += tp;
		const support = matrix[c].reduce((s, v) => s + v, 0);
		const predictedAs = matrix.reduce((s, row) => s + row[c], 0);
		const precision = predictedAs ? tp / predictedAs : 0;
		const recall = support ? tp / support : 0;
		const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
		per_class[label] = { precision, recall, f1, support };
		if (support) f1s.push(f1);
	});
	return {
		n,
		accuracy: n ? correct / n : 0,
		macro_f1: f1s.length ? f1s.reduce((s, v) => s + v, 0) / f1s.length : 0,
		per_class,
		confusion: { labels: [...labels], matrix },
		ece: expectedCalibrationError(
			probs.map((p, i) => p[predicted[i]]),
			predicted.map((p, i) => p === truth[i])
		)
	};
}

export function expectedCalibrationError(confidence: readonly number[], correct: readonly boolean[], bins = 15): number {
	const n = confidence.length;
	if (n === 0) return 0;
	let ece = 0;
	for (let b = 0; b < bins; b++) {
		const lo = b / bins;
		const hi = (b + 1) / bins;
		let count = 0;
		let conf = 0;
		let hits = 0;
		for (let i = 0; i < n; i++) {
			const c = confidence[i];
			if ((b === 0 ? c >= lo : c > lo) && c <= hi) {
				count++;
				conf += c;
				if (correct[i]) hits++;
			}
		}
		if (count) ece += (count / n) * Math.abs(hits / count - conf / count);
	}
	return ece;
}

/** "band_neutrophil=neutrophil,segmented_neutrophil=neutrophil" → Map; rejects names the model lacks. */
export function parseClassMap(spec: string, modelClasses: readonly string[]): Map<string, string> {
	const map = new Map<string, string>();
	for (const part of spec
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)) {
		const [from, to, extra] = part.split('=').map((s) => s.trim());
		if (!from || !to || extra !== undefined) throw new Error(`--map entry "${part}" is not model_class=label.`);
		if (!modelClasses.includes(from)) throw new Error(`--map: "${from}" is not one of the model's classes (${modelClasses.join(', ')}).`);
		map.set(from, to);
	}
	return map;
}

/**
 * Model classes renamed through `map`, with the probabilities of classes that land on the same
 * label added up (so "neutrophil" gets band + segmented). Labels keep first-appearance order.
 */
export function mergedLabels(modelClasses: readonly string[], map: ReadonlyMap<string, string>) {
	const labels: string[] = [];
	const target = modelClasses.map((c) => {
		const label = map.get(c) ?? c;
		let i = labels.indexOf(label);
		if (i < 0) i = labels.push(label) - 1;
		return i;
	});
	return {
		labels,
		merge(probs: ArrayLike<number>): Float64Array {
			const out = new Float64Array(labels.length);
			for (let c = 0; c < target.length; c++) out[target[c]] += probs[c];
			return out;
		}
	};
}

/** Accuracy per attribute over the rows that carry it; undefined where no row does. */
export function attributeAccuracy(
	attributes: readonly string[],
	rows: readonly { truth: Record<string, string>; predicted: Record<string, string> }[]
): { attribute_accuracy: Record<string, number>; mean_attribute_accuracy: number } | undefined {
	const attribute_accuracy: Record<string, number> = {};
	for (const name of attributes) {
		const annotated = rows.filter((r) => r.truth[name] !== undefined && r.truth[name] !== '');
		if (annotated.length === 0) continue;
		attribute_accuracy[name] = annotated.filter((r) => r.predicted[name] === r.truth[name]).length / annotated.length;
	}
	const values = Object.values(attribute_accuracy);
	if (values.length === 0) return undefined;
	return { attribute_accuracy, mean_attribute_accuracy: values.reduce((s, v) => s + v, 0) / values.length };
}
