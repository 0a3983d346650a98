/**
 * The model card turned into rows for the model page: pure, no DOM. Everything is put in
 * taxonomy order so the model page reads like the rest of the app.
 */
import { at, cell, sum } from '../../lib/arrays.ts';
import { inTaxonomyOrder, type CellClassId } from '../../lib/cells/taxonomy.ts';
import type { ConfusionMatrix } from '../../lib/cells/confusion.ts';
import type { Metrics, ModelCard } from '../../lib/classifier/card.ts';
import { modelClassIds } from '../../lib/classifier/outputs.ts';

/** The card's confusion (card class order) as the charts' ConfusionMatrix (taxonomy order). */
export function cardConfusion(confusion: Metrics['confusion']): ConfusionMatrix {
	const labels = modelClassIds(confusion.labels);
	const n = labels.length;
	if (confusion.matrix.length !== n || confusion.matrix.some((row) => row.length !== n)) {
		throw new Error(`The confusion matrix is not ${n} × ${n}, as its labels say.`);
	}
	const classes = inTaxonomyOrder(labels);
	const from = classes.map((id) => labels.indexOf(id));
	const counts = from.map((r) => from.map((c) => cell(confusion.matrix, r, c)));
	const rowTotals = counts.map((row) => sum(row));
	const colTotals = classes.map((_, j) => sum(counts.map((row) => at(row, j))));
	const total = sum(rowTotals);
	const correct = sum(counts.map((row, i) => at(row, i)));
	return { classes, counts, rowTotals, colTotals, total, correct };
}

export interface PerClassRow {
	cellClass: CellClassId;
	precision: number;
	recall: number;
	f1: number;
	support: number;
}

export function perClassRows(metrics: Metrics): PerClassRow[] {
	return inTaxonomyOrder(modelClassIds(Object.keys(metrics.per_class))).map((cellClass) => ({
		cellClass,
		...metrics.per_class[cellClass]! // one of the record's own keys
	}));
}

export interface CountRow {
	cellClass: CellClassId;
	train: number;
	val: number;
	test: number;
	total: number;
}

/** Images per class per split (card.training.counts is split → class → n), with a total row. */
export function countRows(card: Pick<ModelCard, 'classes' | 'training'>): { rows: CountRow[]; total: Omit<CountRow, 'cellClass'> } {
	const counts = card.training.counts;
	const get = (split: string, id: string) => counts[split]?.[id] ?? 0;
	const rows = inTaxonomyOrder(modelClassIds(card.classes)).map((cellClass) => {
		const train = get('train', cellClass);
		const val = get('val', cellClass);
		const test = get('test', cellClass);
		return { cellClass, train, val, test, total: train + val + test };
	});
	const column = (key: 'train' | 'val' | 'test' | 'total') => sum(rows.map((row) => row[key]));
	return { rows, total: { train: column('train'), val: column('val'), test: column('test'), total: column('total') } };
}

/** Per-attribute accuracy in the card's attribute order; attributes without a figure are left out. */
export function attributeAccuracyRows(card: Pick<ModelCard, 'attributes'>, metrics: Metrics): { name: string; accuracy: number }[] {
	const accuracy = metrics.attribute_accuracy ?? {};
	return card.attributes.flatMap(({ name }) => {
		const value = Object.hasOwn(accuracy, name) ? accuracy[name] : undefined;
		return value === undefined ? [] : [{ name, accuracy: value }];
	});
}

/** Predicted classes for a group label, most frequent first, as taxonomy ids with counts. */
export function groupedPredictions(predicted: Record<string, number>): { cellClass: CellClassId; count: number }[] {
	return modelClassIds(Object.keys(predicted))
		.map((cellClass) => ({ cellClass, count: predicted[cellClass] ?? 0 }))
		.sort((a, b) => b.count - a.count);
}

/** What the training did to its images, as steps a technician can read (the page words each one in its language). */
export type AugmentationStep =
	'geometry' | 'framing' | 'mildFraming' | 'stain' | 'illumination' | 'resolution' | 'jpeg' | 'focus' | 'noise' | 'outliers';

/** The training script's robustness measures (models/training/classifier/augment.py MEASURES), in its order. */
const MEASURES = ['framing', 'stain', 'illumination', 'resolution', 'jpeg', 'focus', 'noise'] as const;

/**
 * The augmentation of the card's last training stage as plain steps: turning and flipping always, each robustness
 * measure that was on, a narrow zoom when the wide framing was off, and outlier exposure. Null when the card does not
 * record its measures or names one this page does not know: the page then shows the card's own wording only.
 */
export function augmentationSteps(training: Pick<ModelCard['training'], 'stages'>): AugmentationStep[] | null {
	const last = training.stages?.at(-1);
	if (!last?.measures) return null;
	const known = new Set<string>(MEASURES);
	if (last.measures.some((m) => !known.has(m))) return null;
	const on = new Set(last.measures);
	return [
		'geometry',
		...(on.has('framing') ? [] : (['mildFraming'] as const)),
		...MEASURES.filter((m) => on.has(m)),
		...((last.outliers_per_batch ?? 0) > 0 ? (['outliers'] as const) : [])
	];
}
