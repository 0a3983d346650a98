import type { Learner } from '$lib/progress/records.ts';
import { NAME_MAX_LENGTH } from '$lib/cells/schema.ts';

/** The store's own limit (repository.ts cleanName); checked here first so the message is translated. */
export const MAX_LEARNER_NAME = NAME_MAX_LENGTH;

export type NameProblem = 'empty' | 'tooLong' | 'taken';

/** Why a learner name cannot be used, or null. Names are compared as the store saves them. */
export function nameProblem(name: string, others: readonly Pick<Learner, 'name'>[]): NameProblem | null {
	const clean = name.trim().replace(/\s+/g, ' ');
	if (!clean) return 'empty';
	if (clean.length > MAX_LEARNER_NAME) return 'tooLong';
	const folded = clean.toLocaleLowerCase();
	if (others.some((l) => l.name.toLocaleLowerCase() === folded)) return 'taken';
	return null;
}
