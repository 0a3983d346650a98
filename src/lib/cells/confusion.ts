import { at, cell, sum } from '../arrays.ts';
import { inTaxonomyOrder, type CellClassId } from './taxonomy.ts';

/**
 * Grading arithmetic over cell classes: the confusion matrix of a set of answers and what follows
 * from it (per-class recall, precision and F1, accuracy, macro-F1). Shared by the learner's progress,
 * the classifier's model card and the instructor's dashboard. Pure functions.
 */

/** One graded answer: what the cell was and what was answered (by the learner or the model). */
export interface Answer {
	trueClass: CellClassId;
	answeredClass: CellClassId;
}

export interface ConfusionMatrix {
	/** row and column order, taxonomy order */
	classes: CellClassId[];
	/** counts[row = true class][column = answered class] */
	counts: number[][];
	rowTotals: number[];
	colTotals: number[];
	total: number;
	correct: number;
}

/**
 * Builds the confusion matrix. The classes are the given list plus every class that occurs in the
 * answers (so no answer is silently dropped), in taxonomy order.
 */
export function confusionMatrix(answers: readonly Answer[], classes: readonly CellClassId[] = []): ConfusionMatrix {
	const all = inTaxonomyOrder([...classes, ...answers.flatMap((a) => [a.trueClass, a.answeredClass])]);
	const index = new Map(all.map((c, i) => [c, i]));
	const counts = all.map(() => all.map(() => 0));
	for (const a of answers) {
		const row = at(counts, index.get(a.trueClass)!);
		const col = index.get(a.answeredClass)!;
		row[col] = at(row, col) + 1;
	}
	const rowTotals = counts.map((row) => sum(row));
	const colTotals = all.map((_, j) => sum(counts.map((row) => at(row, j))));
	const correct = sum(all.map((_, i) => cell(counts, i, i)));
	return { classes: all, counts, rowTotals, colTotals, total: answers.length, correct };
}

/** Share of the row (true class) answered as the column's class; null for an empty row. */
export function rowShare(m: ConfusionMatrix, row: number, col: number): number | null {
	const total = at(m.rowTotals, row);
	return total === 0 ? null : cell(m.counts, row, col) / total;
}

export interface ClassMetrics {
	cellClass: CellClassId;
	/** attempts whose true class is this one */
	support: number;
	/** times this class was the answer */
	answered: number;
	truePositives: number;
	/** of the cells that were this class, the share answered correctly; null without support */
	recall: number | null;
	/** of the answers naming this class, the share that were right; null if never answered */
	precision: number | null;
	/** harmonic mean of the two, 0 when either is 0 or undefined; null if the class never occurs */
	f1: number | null;
}

export function classMetrics(m: ConfusionMatrix): ClassMetrics[] {
	return m.classes.map((cellClass, i) => {
		const tp = cell(m.counts, i, i);
		const support = at(m.rowTotals, i);
		const answered = at(m.colTotals, i);
		const recall = support === 0 ? null : tp / support;
		const precision = answered === 0 ? null : tp / answered;
		let f1: number | null = null;
		if (support > 0 || answered > 0) f1 = recall && precision ? (2 * recall * precision) / (recall + precision) : 0;
		return { cellClass, support, answered, truePositives: tp, recall, precision, f1 };
	});
}

/**
 * Mean F1 over the classes that occur as true class or as answer (the scikit-learn convention:
 * naming a class that was never shown costs that class an F1 of 0). Null with no answers.
 */
export function macroF1(metrics: readonly ClassMetrics[]): number | null {
	const scored = metrics.filter((c) => c.f1 !== null).map((c) => c.f1!);
	return scored.length === 0 ? null : sum(scored) / scored.length;
}

export function accuracy(m: ConfusionMatrix): number | null {
	return m.total === 0 ? null : m.correct / m.total;
}

export interface Summary {
	matrix: ConfusionMatrix;
	perClass: ClassMetrics[];
	accuracy: number | null;
	macroF1: number | null;
}

export function summarize(answers: readonly Answer[], classes: readonly CellClassId[] = []): Summary {
	const matrix = confusionMatrix(answers, classes);
	const perClass = classMetrics(matrix);
	return { matrix, perClass, accuracy: accuracy(matrix), macroF1: macroF1(perClass) };
}
