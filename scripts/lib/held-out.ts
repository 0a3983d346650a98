import { splitOf } from '../../src/lib/bank/split.ts';
import type { ManifestRow } from './manifest.ts';

/**
 * What the card's `training.held_out` says of the Matek segmented neutrophils
 * (written from models/training/classifier/config.py: HELD_OUT_ALL, HELD_OUT_EVAL_ONLY).
 */
const ALL = 'matek-aml:segmented_neutrophil';
const EVAL_ONLY = 'matek-aml:segmented_neutrophil:val+test';

/**
 * The Matek segmented neutrophils the model never trained on, and how to name them: all of them when the card holds
 * the group out; those of the val and test splits when it trained on the training split's (the source adversary);
 * all of them, said to be partly trained on, otherwise.
 */
export function matekNeutrophilsNotTrainedOn(
	rows: readonly ManifestRow[],
	heldOut: readonly string[] | undefined
): { rows: ManifestRow[]; what: string } {
	const neutrophils = rows.filter((r) => r.label === 'segmented_neutrophil');
	if (heldOut?.includes(ALL))
		return { rows: neutrophils, what: 'Matek segmented neutrophils, all images (held out of training and selection)' };
	if (heldOut?.includes(EVAL_ONLY))
		return {
			rows: neutrophils.filter((r) => splitOf('matek-aml', r.id) !== 'train'),
			what: 'Matek segmented neutrophils of the val and test splits (held out; the training split’s were trained on)'
		};
	return { rows: neutrophils, what: 'Matek segmented neutrophils, all images (this model trained on part of them)' };
}
