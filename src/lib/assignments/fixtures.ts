import type { CellClassId } from '../cells/taxonomy.ts';
import { bankVersion, itemsHash, planAssignment, type PlanItem } from './plan.ts';
import { ASSIGNMENT_FORMAT, ASSIGNMENT_SCHEMA_VERSION, type AssignmentSpec, type Composition } from './spec.ts';

/** Test data for assignments: a small bank and a valid spec over it. Used by unit tests and the bench. */
export function fixtureBankItems(
	perClass = 30,
	classes: CellClassId[] = ['band_neutrophil', 'segmented_neutrophil', 'lymphocyte', 'monocyte', 'eosinophil']
): PlanItem[] {
	return classes.flatMap((label) =>
		Array.from({ length: perClass }, (_, i) => ({ id: `pbc:${label}_${String(i).padStart(3, '0')}`, label, provenance: 'real' as const }))
	);
}

export function fixtureSpec(items: readonly PlanItem[], overrides: Partial<AssignmentSpec> = {}): AssignmentSpec {
	const composition: Composition = overrides.composition ?? [
		{ cellClass: 'band_neutrophil', count: 4 },
		{ cellClass: 'segmented_neutrophil', count: 4 },
		{ cellClass: 'lymphocyte', count: 2 }
	];
	const seed = overrides.seed ?? 12345;
	const provenance = overrides.provenance ?? 'real';
	const itemIds = planAssignment(items, { composition, seed, provenance });
	return {
		format: ASSIGNMENT_FORMAT,
		schemaVersion: ASSIGNMENT_SCHEMA_VERSION,
		id: 'a1b2c3d4-0000-4000-8000-000000000001',
		title: 'Band or segmented?',
		instructions: 'Look at the nucleus: a band has no thread-like constriction.',
		author: 'Dr. Lin',
		createdAt: '2026-11-30T08:00:00.000Z',
		composition,
		provenance,
		mode: 'practice',
		seed,
		bank: { version: bankVersion(items), createdAt: '2026-11-01T00:00:00.000Z' },
		items: { count: itemIds.length, hash: itemsHash(itemIds) },
		...overrides
	};
}
