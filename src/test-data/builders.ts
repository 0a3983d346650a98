/**
 * Builders for the records tests pass around: a bank item, a stored attempt, a run of items of one
 * class. Each gives a complete, valid record with plain defaults; a test states only what it is
 * about (`attempt({ trueClass: 'monocyte', answeredClass: 'lymphocyte' })`).
 */
import type { BankItem } from '$lib/bank/schema.ts';
import type { CellClassId } from '$lib/cells/taxonomy.ts';
import type { Attempt, NewAttempt } from '$lib/progress/records.ts';

/** A real bank item at the bank's one size; the source is the id's prefix ("pbc:LY_1" → "pbc"). */
export function bankItem(id: string, label: CellClassId, overrides: Partial<BankItem> = {}): BankItem {
	const source = id.includes(':') ? id.slice(0, id.indexOf(':')) : 'pbc';
	return { id, source, label, image: `bank/images/${id}.jpg`, width: 320, height: 320, provenance: 'real', ...overrides };
}

/** A stored attempt; `correct` follows the two classes unless given. */
export function attempt(fields: Partial<Attempt> & Pick<Attempt, 'trueClass' | 'answeredClass'>): Attempt {
	const itemId = fields.itemId ?? 'pbc:1';
	return {
		schemaVersion: 1,
		learnerId: 'l1',
		drillId: 'd1',
		itemId,
		image: `bank/images/${itemId}.jpg`,
		provenance: 'real',
		correct: fields.trueClass === fields.answeredClass,
		msToAnswer: 1000,
		at: 0,
		...fields
	};
}

/** An answer as a drill hands it to the store (no id yet): a real monocyte image, answered "monocyte" unless given. */
export function newAttempt(learnerId: string, drillId: string, itemId: string, fields: Partial<NewAttempt> = {}): NewAttempt {
	return {
		learnerId,
		drillId,
		itemId,
		image: `bank/images/${itemId}.jpg`,
		provenance: 'real',
		trueClass: 'monocyte',
		answeredClass: 'monocyte',
		msToAnswer: 1200,
		at: 0,
		...fields
	};
}

/** n items of one class and provenance, ids "<provenance>:<class>:0000"… (sortable); another source than the default goes in the id too. */
export function classItems<P extends 'real' | 'synthetic'>(
	label: CellClassId,
	provenance: P,
	n: number,
	source: string = provenance === 'real' ? 'pbc' : 'synthetic'
): { id: string; label: CellClassId; provenance: P; source: string }[] {
	const own = source === (provenance === 'real' ? 'pbc' : 'synthetic') ? '' : `${source}:`;
	return Array.from({ length: n }, (_, i) => ({
		id: `${provenance}:${label}:${own}${String(i).padStart(4, '0')}`,
		label,
		provenance,
		source
	}));
}
