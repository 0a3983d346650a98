import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LessonFrontmatter } from '../../cells/lesson-schema.ts';
import { parseLesson, type Lesson } from '../../cells/lessons.ts';
import { CELL_CLASS_IDS, type CellClassId, type Locale } from '../../cells/taxonomy.ts';

/** The shipped lessons read from disk (Node only: unit tests and eval:explain). */
const root = join(import.meta.dirname, '../../../../lessons');

const cache = new Map<string, Lesson>();

export function diskLesson(cellClass: CellClassId, locale: Locale): Lesson {
	const key = `${locale}/${cellClass}`;
	let lesson = cache.get(key);
	if (!lesson) {
		lesson = parseLesson(readFileSync(join(root, locale, `${cellClass}.md`), 'utf8'), { cellClass, locale });
		cache.set(key, lesson);
	}
	return lesson;
}

export function diskFrontmatters(locale: Locale): Record<CellClassId, LessonFrontmatter> {
	return Object.fromEntries(CELL_CLASS_IDS.map((id) => [id, diskLesson(id, locale).frontmatter])) as Record<CellClassId, LessonFrontmatter>;
}
