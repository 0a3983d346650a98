import { at } from '$lib/arrays.ts';
import type { BankItem } from '$lib/bank/schema.ts';
import type { CellClassId } from '$lib/cells/taxonomy.ts';

/**
 * Example images for a lesson: up to `count` items of the class, real images before synthetic
 * ones, spread evenly over the items sorted by id. Sorting makes the choice stable between
 * visits; spreading means a class drawn from several sources shows images from each.
 */
export function pickExamples(items: readonly BankItem[], cellClass: CellClassId, count = 6): BankItem[] {
	if (count <= 0) return [];
	const byId = (a: BankItem, b: BankItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	const ofClass = items.filter((item) => item.label === cellClass);
	const real = ofClass.filter((item) => item.provenance === 'real').sort(byId);
	const synthetic = ofClass.filter((item) => item.provenance !== 'real').sort(byId);
	return [...spread(real, count), ...spread(synthetic, count)].slice(0, count);
}

function spread<T>(sorted: readonly T[], count: number): T[] {
	if (sorted.length <= count) return [...sorted];
	return Array.from({ length: count }, (_, i) => at(sorted, Math.floor((i * sorted.length) / count)));
}
