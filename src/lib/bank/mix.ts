import type { CellClassId } from '../cells/taxonomy.ts';

/**
 * Which images a drill may draw: the real/synthetic mix.
 *
 * - `real`: real, expert-labelled images only.
 * - `top-up` (the default): real images, and synthetic ones only for a class with fewer than
 *   TOP_UP_BELOW real images, up to that many in all. A rare class then repeats less often, and no
 *   class a learner could learn from real pictures is diluted with generated ones.
 * - `mixed`: every image of the bank, real and synthetic.
 */
export const IMAGE_MIXES = ['real', 'top-up', 'mixed'] as const;
export type ImageMix = (typeof IMAGE_MIXES)[number];
export const DEFAULT_IMAGE_MIX: ImageMix = 'top-up';

/**
 * 150 real test images per class is what the common classes have (170–250 in the default bank);
 * below it a learner who drills one class daily sees the same pictures within a few weeks.
 */
export const TOP_UP_BELOW = 150;

export interface MixableItem {
	id: string;
	label: CellClassId;
	provenance: 'real' | 'synthetic';
}

export function itemsForMix<T extends MixableItem>(items: readonly T[], mix: ImageMix): T[] {
	if (mix === 'mixed') return items.slice();
	const real = items.filter((i) => i.provenance === 'real');
	if (mix === 'real') return real;
	const realCount = new Map<CellClassId, number>();
	for (const item of real) realCount.set(item.label, (realCount.get(item.label) ?? 0) + 1);
	const room = new Map<CellClassId, number>();
	const topUp: T[] = [];
	// ids in a fixed order, so the same bank gives the same top-up on every device
	for (const item of items.filter((i) => i.provenance === 'synthetic').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
		const left = room.get(item.label) ?? TOP_UP_BELOW - (realCount.get(item.label) ?? 0);
		if (left <= 0) continue;
		room.set(item.label, left - 1);
		topUp.push(item);
	}
	return [...real, ...topUp];
}
