import { inTaxonomyOrder, type CellClassId } from '../cells/taxonomy.ts';
import { mulberry32, shuffled } from '../bank/sampling.ts';
import { checksum } from './checksum.ts';
import type { AssignmentSpec, Composition } from './spec.ts';

/** What plan.ts needs of a bank item. */
export interface PlanItem {
	id: string;
	label: CellClassId;
	provenance: 'real' | 'synthetic';
}

/**
 * A content version of the bank: which items it holds under which labels. Rebuilding the same
 * data gives the same version (bank.createdAt changes on every build, so it cannot be the key).
 */
export function bankVersion(items: readonly { id: string; label: string }[]): string {
	return checksum(
		items
			.map((i) => `${i.id}\t${i.label}`)
			.sort()
			.join('\n')
	);
}

/**
 * The items of an assignment, fixed by its seed: for each class (taxonomy order) `count` distinct
 * items drawn from that class's pool (sorted, then shuffled by the seed), the whole then shuffled.
 * Pure: the same bank and spec give the same list on every device. Throws when a class has
 * fewer items than asked.
 */
export function planAssignment(
	items: readonly PlanItem[],
	spec: { composition: Composition; seed: number; provenance: 'real' | 'any' }
): string[] {
	const random = mulberry32(spec.seed);
	const picked: string[] = [];
	const byClass = new Map(spec.composition.map((r) => [r.cellClass, r.count]));
	for (const cellClass of inTaxonomyOrder(byClass.keys())) {
		const pool = [
			...new Set(items.filter((i) => i.label === cellClass && (spec.provenance === 'any' || i.provenance === 'real')).map((i) => i.id))
		].sort();
		const count = byClass.get(cellClass)!;
		if (pool.length < count) throw new RangeError(`The bank has ${pool.length} images of ${cellClass}, fewer than the ${count} asked for.`);
		picked.push(...shuffled(pool, random).slice(0, count));
	}
	return shuffled(picked, random);
}

export function itemsHash(itemIds: readonly string[]): string {
	return checksum(itemIds.join('\n'));
}

/** Why a valid spec cannot be taken with this device's bank. */
export type BankMismatch = { kind: 'other-bank'; made: string; here: string } | { kind: 'items-differ' };

/**
 * The spec's items over this bank, or why they are not the ones the instructor fixed: another
 * bank version, or (same version, different plan) a spec whose seed or composition was altered.
 */
export function itemsForSpec(
	items: readonly PlanItem[],
	bank: { createdAt: string },
	spec: AssignmentSpec
): { ok: true; itemIds: string[] } | { ok: false; problem: BankMismatch } {
	if (bankVersion(items) !== spec.bank.version)
		return { ok: false, problem: { kind: 'other-bank', made: spec.bank.createdAt, here: bank.createdAt } };
	let itemIds: string[];
	try {
		itemIds = planAssignment(items, spec);
	} catch {
		return { ok: false, problem: { kind: 'items-differ' } };
	}
	if (itemIds.length !== spec.items.count || itemsHash(itemIds) !== spec.items.hash)
		return { ok: false, problem: { kind: 'items-differ' } };
	return { ok: true, itemIds };
}

/**
 * "Emphasise the look-alikes of X": X and each of its look-alikes that the bank holds, `perClass`
 * items each (fewer where a class has fewer).
 */
export function lookAlikeComposition(
	cellClass: CellClassId,
	lookAlikes: readonly CellClassId[],
	available: ReadonlyMap<CellClassId, number>,
	perClass: number
): Composition {
	return inTaxonomyOrder([cellClass, ...lookAlikes])
		.filter((c) => (available.get(c) ?? 0) > 0)
		.map((c) => ({ cellClass: c, count: Math.min(perClass, available.get(c)!) }));
}
