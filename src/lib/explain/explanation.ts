import { cellName, type CellClassId, type Locale } from '../cells/taxonomy.ts';
import type { LessonFeatureKey } from '../cells/lesson-schema.ts';
import { format } from '../i18n/define.ts';
import { explainText } from '../i18n/catalog/explain.ts';
import { attributeKey, attributeLabels, attributeValueKey } from '../i18n/catalog/check.ts';
import { ATTRIBUTE_TRAINED_CLASSES, typicalValues } from './attributes.ts';
import { attributeForFeature, type AttributeFact, type Facts } from './facts.ts';

/**
 * The grounded explanation: a few sentences built only from facts (facts.ts), each carrying the
 * facts it states, so that every sentence can be traced and checked (eval:explain does).
 * Instant, no model: this is what every learner sees, and what replaces a tutor answer that fails
 * the validator.
 */

/** What a sentence rests on. */
export type FactRef =
	| { kind: 'class'; cellClass: CellClassId }
	| { kind: 'feature'; cellClass: CellClassId; key: LessonFeatureKey }
	| { kind: 'contrast'; pair: readonly [CellClassId, CellClassId]; part: 'feature' | 'side' | 'tip'; cellClass?: CellClassId }
	| { kind: 'attribute'; fact: AttributeFact }
	| { kind: 'model' }
	| { kind: 'note' };

export interface Sentence {
	text: string;
	refs: FactRef[];
}

export interface Explanation {
	locale: Locale;
	/** a heading: what the explanation answers */
	lead: string;
	sentences: Sentence[];
}

type Key = keyof (typeof explainText)['en'];

function article(name: string): string {
	const lower = /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
	return `${/^[aeiou]/i.test(lower) ? 'an' : 'a'} ${lower}`;
}

function makeT(locale: Locale) {
	return (key: Key, values: Record<string, string> = {}) => format(explainText[locale][key], values);
}

function names(locale: Locale, cellClass: CellClassId, other?: CellClassId): Record<string, string> {
	const name = cellName(cellClass, locale);
	// Chinese has no articles: {aName} is the bare name there, so both languages have the same placeholders
	const withArticle = (n: string) => (locale === 'en' ? article(n) : n);
	const values: Record<string, string> = { name, aName: withArticle(name) };
	if (other) {
		const otherName = cellName(other, locale);
		values.other = otherName;
		values.aOther = withArticle(otherName);
	}
	return values;
}

export function attributeLabel(name: string, locale: Locale): string {
	const key = attributeKey(name);
	return key ? attributeLabels[locale][key] : name.replaceAll('_', ' ');
}

export function attributeValueLabel(value: string, locale: Locale): string {
	const key = attributeValueKey(value);
	return key ? attributeLabels[locale][key] : value;
}

function percent(p: number, locale: Locale): string {
	return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(p);
}

/** "In this image … recorded X: v" plus whether that is the usual look of the class or of the other one. */
function imageSentence(facts: Facts, fact: AttributeFact, other?: CellClassId): Sentence {
	const { locale, cellClass } = facts;
	const t = makeT(locale);
	const values = {
		attribute: attributeLabel(fact.name, locale),
		value: attributeValueLabel(fact.value, locale),
		p: fact.p === undefined ? '' : percent(fact.p, locale),
		...names(locale, cellClass, other)
	};
	const head = t(fact.origin === 'expert' ? 'imageExpert' : 'imageModel', values);
	const typical = typicalValues(cellClass, fact.name);
	const otherTypical = other ? typicalValues(other, fact.name) : undefined;
	let tail: Key = 'plain';
	if (typical?.includes(fact.value)) tail = 'asExpected';
	else if (otherTypical?.includes(fact.value)) tail = 'moreLike';
	else if (typical) tail = 'notTypical';
	return {
		text: head + t(tail, values),
		refs: [
			{ kind: 'attribute', fact },
			{ kind: 'class', cellClass }
		]
	};
}

function featureLabel(key: LessonFeatureKey, locale: Locale): string {
	return explainText[locale][`f.${key}`];
}

function rightSentences(facts: Facts): Sentence[] {
	const { locale, cellClass } = facts;
	const t = makeT(locale);
	const sentences: Sentence[] = [];
	const used = new Set<string>();
	for (const feature of facts.keyFeatures) {
		sentences.push({
			text: t('keyFeature', { feature: featureLabel(feature.key, locale), text: feature.text, ...names(locale, cellClass) }),
			refs: [{ kind: 'feature', cellClass, key: feature.key }]
		});
		const fact = attributeForFeature(facts, feature.key);
		if (fact && !used.has(fact.name)) {
			used.add(fact.name);
			sentences.push(imageSentence(facts, fact));
		}
	}
	return sentences;
}

function wrongSentences(facts: Facts, other: NonNullable<Facts['other']>): Sentence[] {
	const { locale, cellClass } = facts;
	const t = makeT(locale);
	const contrast = other.contrast;
	if (!contrast) {
		const sentences: Sentence[] = [{ text: t('noContrast', names(locale, cellClass, other.cellClass)), refs: [{ kind: 'note' }] }];
		// feature by feature: the true class's two most telling features, and the same feature of the other class
		for (const mine of facts.keyFeatures.slice(0, 2)) {
			const theirs = other.keyFeatures.find((f) => f.key === mine.key);
			sentences.push({
				text: t('sideFeature', { ...names(locale, cellClass), feature: featureLabel(mine.key, locale), text: mine.text }),
				refs: [{ kind: 'feature', cellClass, key: mine.key }]
			});
			if (theirs) {
				sentences.push({
					text: t('sideFeature', { ...names(locale, other.cellClass), feature: featureLabel(theirs.key, locale), text: theirs.text }),
					refs: [{ kind: 'feature', cellClass: other.cellClass, key: theirs.key }]
				});
			}
		}
		const first = facts.keyFeatures[0];
		const fact = first ? attributeForFeature(facts, first.key) : undefined;
		if (fact) sentences.push(imageSentence(facts, fact, other.cellClass));
		return sentences;
	}
	const pair = contrast.pair;
	const sentences: Sentence[] = [
		{ text: t('lookAt', { feature: contrast.feature[locale] }), refs: [{ kind: 'contrast', pair, part: 'feature' }] }
	];
	for (const side of [cellClass, other.cellClass]) {
		const text = contrast.sides[side]?.[locale];
		if (text)
			sentences.push({
				text: t('side', { ...names(locale, side), text }),
				refs: [{ kind: 'contrast', pair, part: 'side', cellClass: side }]
			});
	}
	const fact = contrast.attribute ? facts.attributes.find((a) => a.name === contrast.attribute) : undefined;
	if (fact) sentences.push(imageSentence(facts, fact, other.cellClass));
	if (contrast.tip) sentences.push({ text: t('tip', { text: contrast.tip[locale] }), refs: [{ kind: 'contrast', pair, part: 'tip' }] });
	return sentences;
}

/**
 * The explanation for a drill answer (facts.basis 'label'; right when there is no `other`) or for
 * the classifier's answer on the Check page (basis 'model'; `other` = its runner-up, if any).
 */
export function explain(facts: Facts): Explanation {
	const { locale, cellClass } = facts;
	const t = makeT(locale);
	const other = facts.other;
	if (facts.basis === 'model') {
		const sentences = rightSentences(facts);
		if (!ATTRIBUTE_TRAINED_CLASSES.includes(cellClass)) sentences.push({ text: t('noAttributeHeads'), refs: [{ kind: 'note' }] });
		// the runner-up is what the learner should rule out next: the same look-alike contrast as a drill miss
		if (other) sentences.push(...wrongSentences(facts, other));
		return { locale, lead: t('leadModel', names(locale, cellClass)), sentences };
	}
	if (other) return { locale, lead: t('leadWrong', names(locale, cellClass, other.cellClass)), sentences: wrongSentences(facts, other) };
	const sentences = rightSentences(facts);
	if (facts.attributes.length === 0) sentences.push({ text: t('noImageFacts'), refs: [{ kind: 'note' }] });
	return { locale, lead: t('leadRight', names(locale, cellClass)), sentences };
}

/** The explanation as plain text (the tutor's fallback, tests). */
export function explanationText(explanation: Explanation): string {
	const sep = explanation.locale === 'zh-TW' ? '' : ' ';
	return [explanation.lead + (explanation.locale === 'zh-TW' ? '：' : ': '), explanation.sentences.map((s) => s.text).join(sep)].join('');
}
