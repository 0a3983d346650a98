import { at, cell } from '$lib/arrays.ts';
import { isCellClassId, type CellClassId } from '$lib/cells/taxonomy.ts';
import type { Metrics, ModelCard } from '$lib/classifier/card.ts';
import { cardConfusion, perClassRows } from './card-view.ts';

/** What a technician needs first from the model card: how often it is right, and where it is not. */
export interface PlainSummary {
	n: number;
	accuracy: number;
	/** classes it finds least often, lowest recall first (at most 3, only those below 90%) */
	weakest: { cellClass: CellClassId; recall: number; support: number }[];
	/** its most frequent mistakes on the test images (at most 3) */
	mistakes: { trueClass: CellClassId; answeredClass: CellClassId; count: number; share: number }[];
}

export function plainSummary(metrics: Metrics): PlainSummary {
	const weakest = perClassRows(metrics)
		.filter((r) => r.support > 0 && r.recall < 0.9)
		.sort((a, b) => a.recall - b.recall)
		.slice(0, 3)
		.map(({ cellClass, recall, support }) => ({ cellClass, recall, support }));
	const m = cardConfusion(metrics.confusion);
	const mistakes: PlainSummary['mistakes'] = [];
	m.classes.forEach((trueClass, i) =>
		m.classes.forEach((answeredClass, j) => {
			const count = cell(m.counts, i, j);
			if (i !== j && count > 0) mistakes.push({ trueClass, answeredClass, count, share: count / at(m.rowTotals, i) });
		})
	);
	mistakes.sort((a, b) => b.count - a.count || b.share - a.share);
	return { n: metrics.n, accuracy: metrics.accuracy, weakest, mistakes: mistakes.slice(0, 3) };
}

/** Two cell types the dataset's own experts disagree on, and how often they and the model agree (card: expert_agreement). */
export interface ExpertDisagreement {
	classes: [CellClassId, CellClassId];
	/** cells judged by both groups of experts, and the share they agree on */
	images: number;
	experts: number;
	/** the model's agreement with the dataset's label on test cells of the two types it called one of them */
	model: number;
	modelImages: number;
}

export function expertDisagreement(card: ModelCard): ExpertDisagreement | null {
	const found = card.evaluation.expert_agreement;
	if (!found || found.images === 0) return null;
	const [a, b] = found.classes;
	if (!isCellClassId(a) || !isCellClassId(b)) return null;
	return { classes: [a, b], images: found.images, experts: found.experts, model: found.model, modelImages: found.model_images };
}
