import type { LessonFrontmatter } from '../cells/lesson-schema.ts';
import { loadLesson } from '../cells/lessons.ts';
import type { CellClassId, Locale } from '../cells/taxonomy.ts';

/** Lesson frontmatter for the classes an explanation needs, in the UI language (English where a lesson is missing). */
export async function loadFrontmatters(
	ids: readonly CellClassId[],
	locale: Locale
): Promise<Partial<Record<CellClassId, LessonFrontmatter>>> {
	const loaded = await Promise.all(ids.map(async (id) => [id, (await loadLesson(id, locale)).lesson.frontmatter] as const));
	return Object.fromEntries(loaded);
}
