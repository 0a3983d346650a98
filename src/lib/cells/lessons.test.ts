import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSON_FEATURE_KEYS } from './lesson-schema.ts';
import {
	LessonFormatError,
	SECTION_HEADINGS,
	headings,
	languageMismatches,
	loadLesson,
	parseFrontmatter,
	parseLesson,
	type Lesson
} from './lessons.ts';
import { CELL_CLASS_IDS, cellClass, type Locale } from './taxonomy.ts';

const LOCALES: Locale[] = ['en', 'zh-TW'];
const root = join(import.meta.dirname, '../../../lessons');
const read = (locale: Locale, file: string) => readFileSync(join(root, locale, file), 'utf8');

function issuesOf(fn: () => unknown): string[] {
	try {
		fn();
	} catch (error) {
		if (error instanceof LessonFormatError) return error.issues;
		throw error;
	}
	throw new Error('expected a LessonFormatError');
}

describe('frontmatter subset parser', () => {
	it('reads strings, numbers, null and lists', () => {
		const parsed = parseFrontmatter(
			[
				'# a comment',
				'class: myeloblast',
				'title: Myeloblast (blast): the first stage',
				'size_um: [12, 20.5]',
				'empty: []',
				'nothing: null',
				'quoted: "a \\"quoted\\" word, with comma"',
				'mixed: [a, "b, c", 3]',
				''
			].join('\n')
		);
		expect(parsed).toEqual({
			class: 'myeloblast',
			title: 'Myeloblast (blast): the first stage',
			size_um: [12, 20.5],
			empty: [],
			nothing: null,
			quoted: 'a "quoted" word, with comma',
			mixed: ['a', 'b, c', 3]
		});
	});

	it.each([
		['title Myeloblast', /expected "key: value"/],
		['Title: x', /not a valid key/],
		['a: 1\na: 2', /line 3: duplicate key "a"/],
		['a: "open', /unterminated string/],
		['a: [1, 2', /list must end/],
		['a: [1, , 2]', /missing value/],
		['a: [1, 2,]', /trailing ","/],
		["a: 'single'", /double quotes/],
		['  a: 1', /indented/],
		['a:', /missing value/],
		['a: "x" y', /after the closing quote/],
		['a: "bad \\n escape"', /escapes/]
	])('rejects %j', (source, message) => {
		expect(() => parseFrontmatter(source)).toThrow(message);
	});
});

const valid = [
	'---',
	'class: platelet',
	'title: Platelet',
	'size_um: [1.5, 3]',
	'nc_ratio: Not applicable',
	'nc_ratio_range: null',
	'nucleus_shape: None',
	'chromatin: None',
	'nucleoli: None',
	'cytoplasm_colour: Pale blue',
	'granules: Fine purple',
	'normal_in_adult_blood: 150–400 × 10⁹/L',
	'look_alikes: [giant_platelet]',
	'---',
	'## Morphology',
	'Text.',
	'## How to tell it from its look-alikes',
	'### Giant platelet',
	'Size.',
	'## Clinical significance',
	'Text.',
	'## Sources',
	'- A source.'
].join('\n');

describe('parseLesson', () => {
	it('accepts a well-formed lesson', () => {
		const lesson = parseLesson(valid, { cellClass: 'platelet', locale: 'en' });
		expect(lesson.frontmatter.size_um).toEqual([1.5, 3]);
		expect(lesson.frontmatter.nc_ratio_range).toBeNull();
		expect(lesson.lookAlikeSections).toEqual(['giant_platelet']);
		expect(lesson.body.startsWith('## Morphology')).toBe(true);
	});

	it('rejects a file for another class', () => {
		expect(issuesOf(() => parseLesson(valid, { cellClass: 'giant_platelet', locale: 'en' }))).toContain(
			'class is "platelet" but the file is for "giant_platelet"'
		);
	});

	it('reports invalid, unknown and missing frontmatter keys together', () => {
		const broken = valid
			.replace('size_um: [1.5, 3]', 'size_um: [3, 1.5]')
			.replace('granules: Fine purple', 'granule: Fine purple')
			.replace('look_alikes: [giant_platelet]', 'look_alikes: [giant_platelets]');
		const issues = issuesOf(() => parseLesson(broken, { cellClass: 'platelet', locale: 'en' }));
		expect(issues.some((i) => i.startsWith('size_um'))).toBe(true);
		expect(issues).toContain('granule: unknown key');
		expect(issues.some((i) => i.startsWith('granules'))).toBe(true);
		expect(issues.some((i) => i.startsWith('look_alikes.0'))).toBe(true);
	});

	it('requires look_alikes to match the taxonomy', () => {
		const other = valid.replace('look_alikes: [giant_platelet]', 'look_alikes: [giant_platelet, lymphocyte]');
		expect(issuesOf(() => parseLesson(other, { cellClass: 'platelet', locale: 'en' }))).toEqual([
			'look_alikes must be [giant_platelet] as in taxonomy.ts'
		]);
	});

	it('requires every section, in order, and one subsection per look-alike', () => {
		const noSources = valid.replace('## Sources', '## References');
		expect(issuesOf(() => parseLesson(noSources, { cellClass: 'platelet', locale: 'en' }))).toEqual(['missing section "## Sources"']);
		const swapped = valid
			.replace('## Morphology', '## Tmp')
			.replace('## Clinical significance', '## Morphology')
			.replace('## Tmp', '## Clinical significance');
		expect(issuesOf(() => parseLesson(swapped, { cellClass: 'platelet', locale: 'en' }))[0]).toMatch(/must come in this order/);
		const wrongSub = valid.replace('### Giant platelet', '### Large platelet');
		expect(issuesOf(() => parseLesson(wrongSub, { cellClass: 'platelet', locale: 'en' }))).toEqual([
			'line 18: "### Large platelet" is not the name of one of this class\'s look-alikes',
			'missing subsection "### Giant platelet"'
		]);
	});

	it('checks headings in the lesson language', () => {
		const issues = issuesOf(() => parseLesson(valid, { cellClass: 'platelet', locale: 'zh-TW' }));
		expect(issues).toContain(`missing section "## ${SECTION_HEADINGS['zh-TW'].morphology}"`);
	});

	it('ignores headings inside fenced code', () => {
		expect(headings('## A\n```\n## not a heading\n```\n### B').map((h) => h.text)).toEqual(['A', 'B']);
	});
});

describe('the shipped lessons', () => {
	const lessons = new Map<string, Lesson>();

	it.each(LOCALES)('%s: one valid file per taxonomy class and nothing else', (locale) => {
		const files = readdirSync(join(root, locale))
			.filter((f) => f.endsWith('.md'))
			.sort();
		expect(files).toEqual(CELL_CLASS_IDS.map((id) => `${id}.md`).sort());
		const problems: string[] = [];
		for (const id of CELL_CLASS_IDS) {
			try {
				lessons.set(`${locale}/${id}`, parseLesson(read(locale, `${id}.md`), { cellClass: id, locale }));
			} catch (error) {
				problems.push((error as Error).message);
			}
		}
		expect(problems).toEqual([]);
	});

	it('every lesson names real classes as look-alikes, cites the standard sources and is substantial', () => {
		for (const [key, lesson] of lessons) {
			expect(lesson.frontmatter.look_alikes, key).toEqual(cellClass(lesson.cellClass).lookAlikes);
			expect(lesson.body, key).toMatch(/ICSH recommendations for the standardization/);
			expect(lesson.body, key).toMatch(/Bain BJ/);
			for (const feature of LESSON_FEATURE_KEYS) expect(lesson.frontmatter[feature], `${key} ${feature}`).toBeDefined();
			// Chinese carries about twice the content per character
			expect(lesson.body.length, key).toBeGreaterThan(lesson.locale === 'en' ? 1200 : 600);
		}
	});

	it('English and Traditional Chinese agree on class, numbers and look-alikes', () => {
		const problems = CELL_CLASS_IDS.flatMap((id) => {
			const en = lessons.get(`en/${id}`);
			const zh = lessons.get(`zh-TW/${id}`);
			if (!en || !zh) return [`${id}: a language is missing`];
			return languageMismatches(en.frontmatter, zh.frontmatter).map((m) => `${id}: ${m}`);
		});
		expect(problems).toEqual([]);
	});

	it('Traditional Chinese lessons are written in Chinese, not left in English', () => {
		for (const id of CELL_CLASS_IDS) {
			const lesson = lessons.get(`zh-TW/${id}`);
			if (!lesson) continue;
			const prose = lesson.body.split(`## ${SECTION_HEADINGS['zh-TW'].sources}`)[0] ?? '';
			const han = prose.match(/\p{Script=Han}/gu)?.length ?? 0;
			expect(han / prose.length, id).toBeGreaterThan(0.3);
			for (const text of [lesson.frontmatter.title, lesson.frontmatter.nucleus_shape, lesson.frontmatter.chromatin]) {
				expect(text, id).toMatch(/\p{Script=Han}/u);
			}
		}
	});

	it('states the key rules precisely where they matter', () => {
		const en = (id: string) => read('en', `${id}.md`);
		expect(en('band_neutrophil')).toMatch(/narrower than one-third of the width of the widest part/);
		expect(en('band_neutrophil')).toMatch(/not be separated/);
		expect(en('metamyelocyte')).toMatch(/less than half/);
		expect(en('erythroblast')).toMatch(/per 100 leukocytes/);
		expect(en('erythroblast')).toMatch(/100 \/ \(100 \+ NRBC/);
		expect(en('myeloblast')).toMatch(/≥20% blasts/);
		expect(en('myeloblast')).toMatch(/Auer rods/);
		expect(en('giant_platelet')).toMatch(/larger than about 7 µm/);
		expect(en('smudge_cell')).toMatch(/albumin/);
		expect(en('reactive_lymphocyte')).toMatch(/rather than "atypical lymphocyte"/);
	});

	it('loadLesson falls back to English, flagged, and explains a lesson missing in every language', async () => {
		const files = { '/lessons/en/platelet.md': async () => valid };
		const loaded = await loadLesson('platelet', 'zh-TW', files);
		expect(loaded.fallback).toBe(true);
		expect(loaded.lesson.locale).toBe('en');
		await expect(loadLesson('giant_platelet', 'zh-TW', files)).rejects.toThrow('There is no lesson for Giant platelet yet.');
		const broken = { '/lessons/en/platelet.md': async () => valid.replace('## Sources', '') };
		await expect(loadLesson('platelet', 'en', broken)).rejects.toThrow(LessonFormatError);
	});

	it('loadLesson finds the files through the bundler glob', async () => {
		const { lesson, fallback } = await loadLesson('monocyte', 'zh-TW');
		expect(fallback).toBe(false);
		expect(lesson.locale).toBe('zh-TW');
		expect(lesson.frontmatter.class).toBe('monocyte');
	});
});
