import { at } from '../arrays.ts';
import { frontmatterIssues, type LessonFrontmatter } from './lesson-schema.ts';
import { cellClass, cellName, isCellClassId, type CellClassId, type Locale } from './taxonomy.ts';

/**
 * Lessons: lessons/<locale>/<class id>.md, one per cell class and language.
 *
 * A lesson file is a frontmatter block followed by Markdown:
 *
 *   ---
 *   class: myeloblast
 *   size_um: [12, 20]
 *   look_alikes: [promyelocyte, lymphocyte]
 *   ---
 *   ## Morphology
 *   ...
 *
 * The frontmatter is a small, strict subset of YAML (deliberately not a YAML library, whose
 * implicit typing turns `no` into false and `1:2` into a number):
 *   - one `key: value` per line; keys are lower_snake_case and may not repeat;
 *   - blank lines and lines starting with `#` are ignored; nothing is nested or multi-line;
 *   - a value is `null`, a number (`12`, `1.5`, `-3`), a "double-quoted string" (escapes \" and
 *     \\), a list `[a, b, 3]` of such scalars (bare list items may not contain `,` `[` `]` `"`),
 *     or a bare string: the rest of the line, trimmed.
 *
 * The body must have these level-2 sections, in this order (headings per language in
 * SECTION_HEADINGS): morphology, look-alikes, clinical significance, sources. The look-alike
 * section has one level-3 subsection per look-alike, headed with exactly that class's taxonomy
 * name in the lesson's language (so the page can link it).
 */

export type Scalar = string | number | null;
export type FrontmatterValue = Scalar | Scalar[];

export class LessonFormatError extends Error {
	constructor(
		readonly file: string,
		readonly issues: string[]
	) {
		super(`${file}: ${issues.join('; ')}`);
	}
}

const KEY = /^[a-z][a-z0-9_]*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export function splitFrontmatter(text: string): { frontmatter: string; body: string; bodyLine: number } {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	if (lines[0]?.trim() !== '---') throw new Error('line 1: the file must start with a frontmatter block opened by "---"');
	const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
	if (end === -1) throw new Error('the frontmatter block is not closed by a "---" line');
	return { frontmatter: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

function parseQuoted(raw: string, where: string): { value: string; rest: string } {
	let out = '';
	for (let i = 1; i < raw.length; i++) {
		const ch = raw[i];
		if (ch === '\\') {
			const next = raw[i + 1];
			if (next !== '"' && next !== '\\') throw new Error(`${where}: only \\" and \\\\ escapes are allowed`);
			out += next;
			i++;
		} else if (ch === '"') {
			return { value: out, rest: raw.slice(i + 1) };
		} else {
			out += ch;
		}
	}
	throw new Error(`${where}: unterminated string`);
}

function parseScalar(raw: string, where: string, inList: boolean): Scalar {
	if (raw === '') throw new Error(`${where}: missing value`);
	if (raw === 'null') return null;
	if (NUMBER.test(raw)) return Number(raw);
	if (raw.startsWith('"')) {
		const { value, rest } = parseQuoted(raw, where);
		if (rest.trim() !== '') throw new Error(`${where}: unexpected text after the closing quote`);
		return value;
	}
	if (/^['{]/.test(raw)) throw new Error(`${where}: use double quotes for strings; single quotes and {…} are not supported`);
	if (inList && /[[\]"]/.test(raw)) throw new Error(`${where}: quote list items that contain [ ] or "`);
	if (!inList && raw.startsWith('[')) throw new Error(`${where}: a list must end with "]"`);
	return raw;
}

function parseList(raw: string, where: string): Scalar[] {
	const inner = raw.slice(1, -1);
	const items: Scalar[] = [];
	let rest = inner.trim();
	if (rest === '') return items;
	for (;;) {
		let item: Scalar;
		if (rest.startsWith('"')) {
			const quoted = parseQuoted(rest, where);
			item = quoted.value;
			rest = quoted.rest.trim();
		} else {
			const comma = rest.indexOf(',');
			const token = (comma === -1 ? rest : rest.slice(0, comma)).trim();
			item = parseScalar(token, where, true);
			rest = comma === -1 ? '' : rest.slice(comma);
		}
		items.push(item);
		if (rest === '') return items;
		if (!rest.startsWith(',')) throw new Error(`${where}: expected "," between list items`);
		rest = rest.slice(1).trim();
		if (rest === '') throw new Error(`${where}: trailing "," in list`);
	}
}

/** Parses the frontmatter subset described above into a plain object (not yet validated). */
export function parseFrontmatter(source: string, firstLine = 2): Record<string, FrontmatterValue> {
	const out: Record<string, FrontmatterValue> = {};
	source.split('\n').forEach((line, index) => {
		const where = `line ${firstLine + index}`;
		const trimmed = line.trim();
		if (trimmed === '' || trimmed.startsWith('#')) return;
		if (/^\s/.test(line)) throw new Error(`${where}: nested or indented values are not supported`);
		const colon = line.indexOf(':');
		if (colon === -1) throw new Error(`${where}: expected "key: value"`);
		const key = line.slice(0, colon).trim();
		if (!KEY.test(key)) throw new Error(`${where}: "${key}" is not a valid key (lower_snake_case)`);
		if (Object.hasOwn(out, key)) throw new Error(`${where}: duplicate key "${key}"`);
		const raw = line.slice(colon + 1).trim();
		const keyWhere = `${where} (${key})`;
		out[key] = raw.startsWith('[') && raw.endsWith(']') ? parseList(raw, keyWhere) : parseScalar(raw, keyWhere, false);
	});
	return out;
}

export const LESSON_SECTIONS = ['morphology', 'lookAlikes', 'clinical', 'sources'] as const;
export type LessonSectionKey = (typeof LESSON_SECTIONS)[number];

export const SECTION_HEADINGS: Record<Locale, Record<LessonSectionKey, string>> = {
	en: {
		morphology: 'Morphology',
		lookAlikes: 'How to tell it from its look-alikes',
		clinical: 'Clinical significance',
		sources: 'Sources'
	},
	'zh-TW': {
		morphology: '形態特徵',
		lookAlikes: '與相似細胞的鑑別',
		clinical: '臨床意義',
		sources: '參考資料'
	}
};

export interface Heading {
	depth: 2 | 3;
	text: string;
	line: number;
}

/** ATX headings of depth 2 and 3 outside fenced code blocks. */
export function headings(body: string, firstLine = 1): Heading[] {
	const found: Heading[] = [];
	let fenced = false;
	body.split('\n').forEach((line, index) => {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		if (fenced) return;
		const match = /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
		if (match) found.push({ depth: match[1]!.length as 2 | 3, text: match[2]!.trim(), line: firstLine + index });
	});
	return found;
}

export interface Lesson {
	cellClass: CellClassId;
	locale: Locale;
	frontmatter: LessonFrontmatter;
	/** Markdown after the frontmatter */
	body: string;
	/** look-alike subsections in the order they appear, by class id */
	lookAlikeSections: CellClassId[];
}

/** Which look-alike a level-3 heading names, if any (exact taxonomy name in that language). */
export function lookAlikeForHeading(text: string, candidates: readonly CellClassId[], locale: Locale): CellClassId | undefined {
	return candidates.find((id) => cellName(id, locale) === text);
}

/**
 * Parses and checks one lesson file. Throws LessonFormatError listing every problem found, so
 * an author sees them all at once.
 */
export function parseLesson(text: string, expected: { cellClass: string; locale: Locale; file?: string }): Lesson {
	const file = expected.file ?? `lessons/${expected.locale}/${expected.cellClass}.md`;
	const issues: string[] = [];
	if (!isCellClassId(expected.cellClass)) throw new LessonFormatError(file, [`"${expected.cellClass}" is not a taxonomy id`]);
	const id = expected.cellClass;

	let parts: ReturnType<typeof splitFrontmatter>;
	let data: Record<string, FrontmatterValue>;
	try {
		parts = splitFrontmatter(text);
		data = parseFrontmatter(parts.frontmatter);
	} catch (error) {
		throw new LessonFormatError(file, [(error as Error).message]);
	}

	const checked = frontmatterIssues(data);
	if (!checked.ok) throw new LessonFormatError(file, checked.issues);
	const frontmatter = checked.value;

	const taxonomyLookAlikes = cellClass(id).lookAlikes;
	if (frontmatter.class !== id) issues.push(`class is "${frontmatter.class}" but the file is for "${id}"`);
	if (frontmatter.look_alikes.join() !== taxonomyLookAlikes.join()) {
		issues.push(`look_alikes must be [${taxonomyLookAlikes.join(', ')}] as in taxonomy.ts`);
	}

	const all = headings(parts.body, parts.bodyLine);
	const wanted = SECTION_HEADINGS[expected.locale];
	const h2 = all.filter((h) => h.depth === 2);
	const order = LESSON_SECTIONS.map((key) => h2.findIndex((h) => h.text === wanted[key]));
	LESSON_SECTIONS.forEach((key, i) => {
		if (order[i] === -1) issues.push(`missing section "## ${wanted[key]}"`);
	});
	const present = order.filter((i) => i !== -1);
	if (present.some((value, i) => i > 0 && value < at(present, i - 1))) {
		issues.push(`sections must come in this order: ${LESSON_SECTIONS.map((k) => wanted[k]).join(', ')}`);
	}

	const lookAlikeSections: CellClassId[] = [];
	const start = at(order, 1);
	if (start !== -1) {
		const startLine = at(h2, start).line;
		const endLine = h2.find((h) => h.line > startLine)?.line ?? Infinity;
		for (const h of all) {
			if (h.depth !== 3 || h.line <= startLine || h.line >= endLine) continue;
			const other = lookAlikeForHeading(h.text, taxonomyLookAlikes, expected.locale);
			if (!other) issues.push(`line ${h.line}: "### ${h.text}" is not the name of one of this class's look-alikes`);
			else if (lookAlikeSections.includes(other)) issues.push(`line ${h.line}: a second subsection for ${other}`);
			else lookAlikeSections.push(other);
		}
		for (const other of taxonomyLookAlikes) {
			if (!lookAlikeSections.includes(other)) issues.push(`missing subsection "### ${cellName(other, expected.locale)}"`);
		}
	}

	if (issues.length > 0) throw new LessonFormatError(file, issues);
	return { cellClass: id, locale: expected.locale, frontmatter, body: parts.body, lookAlikeSections };
}

/** Frontmatter fields that must be identical in every language of a lesson. */
export function languageMismatches(a: LessonFrontmatter, b: LessonFrontmatter): string[] {
	const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
	return (['class', 'size_um', 'nc_ratio_range', 'look_alikes'] as const)
		.filter((key) => !same(a[key], b[key]))
		.map((key) => `${key} differs: ${JSON.stringify(a[key])} vs ${JSON.stringify(b[key])}`);
}

// Lazy: each file becomes its own small chunk, so lesson text never lands in another route's bundle.
// Outside Vite (Node CLI tools such as eval:explain, which pass their own files) there is no glob.
const bundledFiles = (import.meta.env ? import.meta.glob('/lessons/**/*.md', { query: '?raw', import: 'default' }) : {}) as LessonFiles;

/** Lesson file loaders keyed by path from the project root, e.g. "/lessons/en/monocyte.md". */
export type LessonFiles = Record<string, () => Promise<string>>;

export function lessonFile(id: CellClassId, locale: Locale): string {
	return `/lessons/${locale}/${id}.md`;
}

export interface LoadedLesson {
	lesson: Lesson;
	/** true when the requested language had no lesson and English is shown instead */
	fallback: boolean;
}

export class LessonMissingError extends Error {}

/** The lesson in the requested language, or the English one (flagged) if that language has none. */
export async function loadLesson(id: CellClassId, locale: Locale, files: LessonFiles = bundledFiles): Promise<LoadedLesson> {
	const has = (l: Locale) => Object.hasOwn(files, lessonFile(id, l));
	const chosen: Locale | null = has(locale) ? locale : has('en') ? 'en' : null;
	if (chosen === null) throw new LessonMissingError(`There is no lesson for ${cellName(id, 'en')} yet.`);
	const text = await files[lessonFile(id, chosen)]!();
	return { lesson: parseLesson(text, { cellClass: id, locale: chosen }), fallback: chosen !== locale };
}
