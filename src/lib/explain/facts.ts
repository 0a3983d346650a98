import { LESSON_FEATURE_KEYS, type LessonFeatureKey, type LessonFrontmatter } from '../cells/lesson-schema.ts';
import type { CellClassId, Locale } from '../cells/taxonomy.ts';
import { ATTRIBUTE_TRAINED_CLASSES, FEATURE_ATTRIBUTES, KEY_FEATURES, isAttributeName, type AttributeName } from './attributes.ts';
import { contrastFor, type Contrast } from './contrasts.ts';

/**
 * The typed facts an explanation (grounded or from the tutor) may use about one image. Nothing
 * here is computed from text: every field comes from the bank, the lessons, the model's output,
 * or the learner's answer.
 */

export interface AttributeFact {
	name: AttributeName;
	value: string;
	/** expert: the WBCAtt annotation in the bank; model: the classifier's attribute head */
	origin: 'expert' | 'model';
	/** the model's probability for this value (model facts only) */
	p?: number;
}

export interface FeatureFact {
	key: LessonFeatureKey;
	/** the lesson frontmatter's text for this feature, in the lesson's language */
	text: string;
}

export interface Facts {
	/** the class explained: the expert label in a drill, the classifier's answer on the Check page */
	cellClass: CellClassId;
	/** label: cellClass is the expert label (the answer key); model: it is only the classifier's answer */
	basis: 'label' | 'model';
	locale: Locale;
	/** the two or three lesson features that make cellClass what it is */
	keyFeatures: FeatureFact[];
	/** this image's morphology attributes; empty where none may be used */
	attributes: AttributeFact[];
	/** the classifier's top answer on this image, if known */
	model?: { cellClass: CellClassId; p: number };
	/** the learner's answer, in a drill */
	answered?: CellClassId;
	/** the class cellClass is contrasted with: the learner's wrong answer, or the model's runner-up */
	/**
	 * keyFeatures: the other class's lesson features (all morphology keys), to compare feature by feature
	 * where there is no contrast entry
	 */
	other?: { cellClass: CellClassId; keyFeatures: FeatureFact[]; contrast?: Contrast };
}

export interface FactsInput {
	cellClass: CellClassId;
	basis: 'label' | 'model';
	locale: Locale;
	/** lesson frontmatter of cellClass (and of `other`, if given), in the UI language where there is one */
	lessons: Partial<Record<CellClassId, LessonFrontmatter>>;
	/** the bank item's expert WBCAtt annotation */
	expertAttributes?: Record<string, string>;
	/** the classifier's answer for this image */
	prediction?: { top: readonly { cellClass: CellClassId; p: number }[]; attributes: Record<string, { value: string; p: number }> };
	answered?: CellClassId;
	/** the class to contrast with (defaults to the learner's answer when it is wrong) */
	other?: CellClassId;
}

/** The class's key features, as written in its lesson. */
export function keyFeatures(cellClass: CellClassId, lesson: LessonFrontmatter | undefined): FeatureFact[] {
	if (!lesson) return [];
	return KEY_FEATURES[cellClass].map((key) => ({ key, text: String(lessonValue(lesson, key)) }));
}

/** Every morphology feature of a lesson (not the normal count). */
export function allFeatures(lesson: LessonFrontmatter | undefined): FeatureFact[] {
	if (!lesson) return [];
	return LESSON_FEATURE_KEYS.filter((key) => key !== 'normal_in_adult_blood').map((key) => ({ key, text: lessonValue(lesson, key) }));
}

function lessonValue(lesson: LessonFrontmatter, key: LessonFeatureKey): string {
	const value = lesson[key];
	if (key === 'size_um') return value === null ? '—' : `${(value as [number, number]).join('–')} µm`;
	return String(value);
}

/**
 * The image's attributes an explanation may state: the expert annotation where the bank has one;
 * otherwise the classifier's predictions, but only for a class its attribute heads learned
 * (WBCAtt covers the five mature types), with their probabilities. For immature cells, blasts,
 * NRBCs, platelets and smudge cells nothing is predicted here: the class's key features stand.
 */
export function imageAttributes(
	cellClass: CellClassId,
	expert?: Record<string, string>,
	predicted?: FactsInput['prediction']
): AttributeFact[] {
	const facts: AttributeFact[] = [];
	if (expert && Object.keys(expert).length > 0) {
		for (const [name, value] of Object.entries(expert)) if (isAttributeName(name) && value) facts.push({ name, value, origin: 'expert' });
		return facts;
	}
	if (!predicted || !ATTRIBUTE_TRAINED_CLASSES.includes(cellClass)) return facts;
	for (const [name, { value, p }] of Object.entries(predicted.attributes)) {
		if (isAttributeName(name)) facts.push({ name, value, origin: 'model', p });
	}
	return facts;
}

export function gatherFacts(input: FactsInput): Facts {
	const { cellClass, basis, locale, lessons, answered } = input;
	const otherClass = input.other ?? (answered !== undefined && answered !== cellClass ? answered : undefined);
	const top = input.prediction?.top[0];
	return {
		cellClass,
		basis,
		locale,
		keyFeatures: keyFeatures(cellClass, lessons[cellClass]),
		attributes: imageAttributes(cellClass, input.expertAttributes, input.prediction),
		...(top ? { model: { cellClass: top.cellClass, p: top.p } } : {}),
		...(answered ? { answered } : {}),
		...(otherClass && otherClass !== cellClass
			? { other: { cellClass: otherClass, keyFeatures: allFeatures(lessons[otherClass]), contrast: contrastFor(cellClass, otherClass) } }
			: {})
	};
}

/** The image attribute that shows a lesson feature, if the facts hold one. */
export function attributeForFeature(facts: Facts, key: LessonFeatureKey): AttributeFact | undefined {
	for (const name of FEATURE_ATTRIBUTES[key] ?? []) {
		const found = facts.attributes.find((a) => a.name === name);
		if (found) return found;
	}
	return undefined;
}
