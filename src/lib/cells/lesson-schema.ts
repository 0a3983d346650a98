import * as v from 'valibot';
import { CELL_CLASS_IDS } from './taxonomy.ts';

/**
 * Lesson frontmatter: the structured key features of one cell class, shown as a table on the
 * lesson page and read by other areas (e.g. explanations). Every lesson carries exactly these
 * keys, in both languages; numbers and ids must be identical between the English and the
 * Traditional Chinese file of a class, only the text fields are translated.
 */
const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200, 'keep it short (at most 200 characters)'));

const Range = (min: number, max: number) =>
	v.pipe(
		v.tuple([v.number(), v.number()], 'must be a list of two numbers: [min, max]'),
		v.check(([lo, hi]) => lo >= min && hi <= max && lo <= hi, `must be [min, max] with ${min} ≤ min ≤ max ≤ ${max}`)
	);

export const LessonFrontmatterSchema = v.strictObject({
	/** taxonomy id; must equal the file name */
	class: v.picklist(CELL_CLASS_IDS, 'must be a taxonomy id'),
	title: Text,
	/** diameter on a well-spread film, µm; null where a size is not meaningful (a smudged remnant) */
	size_um: v.nullable(Range(0.5, 60)),
	/** qualitative nucleus : cytoplasm ratio, e.g. "High" */
	nc_ratio: Text,
	/** approximate fraction of the cell's area taken by the nucleus (0–1); null if anucleate or not assessable */
	nc_ratio_range: v.nullable(Range(0, 1)),
	nucleus_shape: Text,
	chromatin: Text,
	nucleoli: Text,
	cytoplasm_colour: Text,
	granules: Text,
	/** what a normal adult peripheral-blood differential contains, e.g. "Absent" or "20–40% of leukocytes" */
	normal_in_adult_blood: Text,
	/** the classes this one is most often confused with; equals the taxonomy's lookAlikes */
	look_alikes: v.array(v.picklist(CELL_CLASS_IDS, 'must be a taxonomy id'))
});

export type LessonFrontmatter = v.InferOutput<typeof LessonFrontmatterSchema>;

/** Keys in the order the key-features table shows them. */
export const LESSON_FEATURE_KEYS = [
	'size_um',
	'nc_ratio',
	'nucleus_shape',
	'chromatin',
	'nucleoli',
	'cytoplasm_colour',
	'granules',
	'normal_in_adult_blood'
] as const satisfies readonly (keyof LessonFrontmatter)[];

export type LessonFeatureKey = (typeof LESSON_FEATURE_KEYS)[number];

/** Human-readable list of what is wrong with a frontmatter object, empty if it is valid. */
export function frontmatterIssues(data: unknown): { ok: true; value: LessonFrontmatter } | { ok: false; issues: string[] } {
	const result = v.safeParse(LessonFrontmatterSchema, data);
	if (result.success) return { ok: true, value: result.output };
	return {
		ok: false,
		issues: result.issues.map((issue) => {
			const path = v.getDotPath(issue);
			if (issue.type === 'strict_object' && path) return `${path}: unknown key`;
			return `${path ?? '(frontmatter)'}: ${issue.message}`;
		})
	};
}
