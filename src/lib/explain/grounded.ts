import type { CellClassId, Locale } from '../cells/taxonomy.ts';
import { explain, type Explanation } from './explanation.ts';
import { gatherFacts, type Facts, type FactsInput } from './facts.ts';
import { loadFrontmatters } from './lessons.ts';

/**
 * Everything a page needs to show a grounded explanation, in one module that pages import
 * dynamically: the contrast table and sentence templates (both languages) stay out of the drill's
 * first-load JavaScript and arrive, with the lesson files, when the first answer is given.
 */
export async function groundedExplanation(
	input: Omit<FactsInput, 'lessons' | 'locale'>,
	locale: Locale
): Promise<{ facts: Facts; explanation: Explanation }> {
	const ids: CellClassId[] = [input.cellClass];
	for (const other of [input.answered, input.other]) if (other && !ids.includes(other)) ids.push(other);
	const lessons = await loadFrontmatters(ids, locale);
	const facts = gatherFacts({ ...input, locale, lessons });
	return { facts, explanation: explain(facts) };
}
