import { at, sum } from '../arrays.ts';
import type { LessonFrontmatter } from '../cells/lesson-schema.ts';
import { cellClass as taxonomyClass, type CellClassId, type Locale } from '../cells/taxonomy.ts';
import { explain, explanationText, type Explanation } from './explanation.ts';
import { gatherFacts } from './facts.ts';
import { attributeClaims, validateAnswer } from './validator.ts';
import type { ValidatorCase } from './validator-cases.ts';

/**
 * eval:explain's measurements, pure so that they are unit-tested: the consistency of grounded
 * explanations with the expert annotation, and the validator's precision and recall.
 */

export interface AnnotatedItem {
	id: string;
	label: CellClassId;
	attributes: Record<string, string>;
}

export interface Inconsistency {
	itemId: string;
	locale: Locale;
	answered: CellClassId;
	problem: string;
}

export interface ConsistencyReport {
	n: number;
	consistent: number;
	failures: Inconsistency[];
	/** characters per explanation (lead + sentences), per locale */
	lengths: Record<Locale, number[]>;
	sentences: Record<Locale, number[]>;
}

/** Every way an explanation can disagree with the annotation it was built from. */
export function inconsistencies(explanation: Explanation, item: AnnotatedItem): string[] {
	const problems: string[] = [];
	for (const sentence of explanation.sentences) {
		for (const ref of sentence.refs) {
			if (ref.kind === 'attribute' && item.attributes[ref.fact.name] !== ref.fact.value) {
				problems.push(`states ${ref.fact.name} = ${ref.fact.value}, annotated ${item.attributes[ref.fact.name] ?? 'nothing'}`);
			}
		}
		// read back what the words say, independently of the refs
		for (const [attribute, stated] of attributeClaims(sentence.text)) {
			const annotated = item.attributes[attribute];
			if (annotated !== undefined && !stated.includes(annotated))
				problems.push(`"${sentence.text}" reads as ${attribute} ∈ {${stated.join(', ')}}, annotated ${annotated}`);
		}
	}
	const facts = {
		cellClass: item.label,
		attributes: Object.entries(item.attributes).map(([name, value]) => ({ name, value, origin: 'expert' as const }))
	};
	const check = validateAnswer(explanationText(explanation), facts as Parameters<typeof validateAnswer>[1]);
	for (const p of check.problems) problems.push(`validator: ${JSON.stringify(p)}`);
	return problems;
}

/** Grounded explanations for the right answer and for each look-alike wrong answer of every item, in both languages. */
export function checkConsistency(
	items: readonly AnnotatedItem[],
	lessons: Record<Locale, Record<CellClassId, LessonFrontmatter>>
): ConsistencyReport {
	const report: ConsistencyReport = {
		n: 0,
		consistent: 0,
		failures: [],
		lengths: { en: [], 'zh-TW': [] },
		sentences: { en: [], 'zh-TW': [] }
	};
	for (const item of items) {
		for (const locale of ['en', 'zh-TW'] as const) {
			for (const answered of [item.label, ...taxonomyClass(item.label).lookAlikes]) {
				const facts = gatherFacts({
					cellClass: item.label,
					basis: 'label',
					locale,
					lessons: lessons[locale],
					expertAttributes: item.attributes,
					answered
				});
				const explanation = explain(facts);
				const problems = inconsistencies(explanation, item);
				report.n++;
				report.lengths[locale].push(explanationText(explanation).length);
				report.sentences[locale].push(explanation.sentences.length);
				if (problems.length === 0) report.consistent++;
				else for (const problem of problems) report.failures.push({ itemId: item.id, locale, answered, problem });
			}
		}
	}
	return report;
}

export interface ValidatorScore {
	n: number;
	/** bad answers rejected */
	truePositives: number;
	/** good answers rejected */
	falsePositives: number;
	/** bad answers let through */
	falseNegatives: number;
	trueNegatives: number;
	precision: number;
	recall: number;
	mistakes: { id: string; expectedBad: boolean; problems: string[] }[];
}

/** "Positive" = the validator rejects the answer. */
export function scoreValidator(cases: readonly ValidatorCase[]): ValidatorScore {
	const score: ValidatorScore = {
		n: cases.length,
		truePositives: 0,
		falsePositives: 0,
		falseNegatives: 0,
		trueNegatives: 0,
		precision: 0,
		recall: 0,
		mistakes: []
	};
	for (const c of cases) {
		const result = validateAnswer(c.answer, { cellClass: c.cellClass, attributes: c.attributes });
		const rejected = !result.ok;
		if (rejected && c.bad) score.truePositives++;
		else if (rejected) score.falsePositives++;
		else if (c.bad) score.falseNegatives++;
		else score.trueNegatives++;
		if (rejected !== c.bad) score.mistakes.push({ id: c.id, expectedBad: c.bad, problems: result.problems.map((p) => p.kind) });
	}
	const flagged = score.truePositives + score.falsePositives;
	const bad = score.truePositives + score.falseNegatives;
	score.precision = flagged === 0 ? 1 : score.truePositives / flagged;
	score.recall = bad === 0 ? 1 : score.truePositives / bad;
	return score;
}

export function summarize(values: readonly number[]): { mean: number; median: number; min: number; max: number } {
	if (values.length === 0) return { mean: 0, median: 0, min: 0, max: 0 };
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return {
		mean: sum(values) / values.length,
		median: sorted.length % 2 ? at(sorted, mid) : (at(sorted, mid - 1) + at(sorted, mid)) / 2,
		min: at(sorted, 0),
		max: at(sorted, sorted.length - 1)
	};
}
