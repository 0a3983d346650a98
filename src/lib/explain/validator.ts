import type { CellClassId } from '../cells/taxonomy.ts';
import { typicalValues, type AttributeName } from './attributes.ts';
import type { AttributeFact } from './facts.ts';
import { ATTRIBUTE_CUES, GENERIC_CELL_WORDS, findClasses, maskClasses, type ClassMention } from './lexicon.ts';

/**
 * Checks a tutor's answer against the facts before it is shown. An answer stands only if it
 * - names the class the facts give (the expert label, or the classifier's answer on /check),
 *   without denying it or hedging ("probably", "could be either", 可能是…);
 * - presents no other class as the answer (naming a look-alike to contrast it is fine);
 * - states no attribute of this cell that contradicts the facts: the image's attributes, or for a
 *   class without them its typical values;
 * - says nothing about a patient's diagnosis.
 * Rule-based on purpose: deterministic, instant, and testable on a fixed set of answers
 * (validator-cases.ts; eval:explain reports precision and recall).
 */

export type ValidationProblem =
	| { kind: 'empty' }
	| { kind: 'missing-class' }
	| { kind: 'denies-class' }
	| { kind: 'hedged'; phrase: string }
	| { kind: 'other-class'; cellClass: CellClassId }
	| { kind: 'contradiction'; attribute: AttributeName; stated: readonly string[]; fact: string }
	| { kind: 'diagnosis'; phrase: string };

export interface Validation {
	ok: boolean;
	problems: ValidationProblem[];
}

export interface ValidatorFacts {
	cellClass: CellClassId;
	attributes: readonly AttributeFact[];
}

/** A model estimate below this is not held against an answer. */
const MODEL_FACT_MIN_P = 0.6;

const UNSURE =
	/\b(i('| a)m not (sure|certain)|not (entirely |completely )?(sure|certain)|uncertain|hard to (say|tell)|difficult to (say|tell)|can(no|')t (say|tell|be sure)|impossible to (say|tell)|i guess|could be either)\b|不確定|無法確定|很難說|難以判斷|不太確定|我猜|說不準|無法判斷|不好說/;
const HEDGE_BEFORE_EN =
	/\b(probably|likely|possibly|perhaps|maybe|might be|may be|could be|appears to be|seems to be|i think|i believe|either|or)\b[^.;]{0,24}$/;
const HEDGE_BEFORE_ZH = /(可能|也許|或許|大概|似乎|好像|應該是|我認為|或是|或者|或)[^，。；]{0,6}$/;
const NEGATION_BEFORE_EN = /\b(not|isn't|is not|never|no|nor)\s+(an?\s+|the\s+|really\s+|actually\s+)?$/;
const NEGATION_BEFORE_ZH = /(不是|並非|而非|而不是|非|不屬於|不像)$/;
const CONTRAST_BEFORE_EN =
	/\b(not|isn't|no|never|nor|rather than|instead of|unlike|than|versus|vs\.?|from|against|excludes?|rule out|ruling out|rules out|ruled out|confused with|confuse it with|mistaken for|mistake it for|resembles?|resembling|similar to|differs? from|different from|distinguish(ed|ing)?( it)? from|tell( it)? from|compared? (with|to)|and|or)\s+(an?\s+|the\s+|other\s+)?$/;
const CONTRAST_BEFORE_ZH = /(不是|並非|而非|而不是|非|不像|不同於|有別於|相較於?|與|和|跟|比|區分|排除|誤認為|誤判為|而)$/;
const PRESENTS_EN =
	/\b(this|it|the cell|this cell|the answer|answer)\b[^.;]{0,30}\b(is|'s|was|represents|would be|looks like|appears|seems|classif\w*|identif\w*|call(ed)?)\b[^.;]{0,12}$|\b(consistent with|compatible with|indicative of|in keeping with|suggestive of|suggests|favou?rs?|diagnostic of)\s+(an?\s+|the\s+)?$/;
const PRESENTS_ZH = /((這|此|該)(個|顆)?(細胞|影像)?[^，。；]{0,6}(是|為|屬於|應為|判為|歸為|看起來像|像|符合)|答案(是|為))[^，。；]{0,3}$/;
const DIAGNOSIS =
	/\b(the|this|your) patient (has|likely has|probably has|may have|might have|suffers|is suffering)\b|\bdiagnos(is|ed) (of|is|as|with)\b|病人(患有|罹患|得了|可能有)|病患(患有|罹患)|診斷為|確診/;

const GENERIC_EN = /\b(typically|usually|generally|in general|classically|tend to|tends to|would|normally|often)\b/;
const GENERIC_ZH = /(通常|典型|一般|往往|則|多半|常見)/;

function sentences(text: string): string[] {
	return text
		.split(/(?<=[.!?。！？])\s*|\n+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** A rule ("If you still cannot decide, call it …", 若…) states no fact about this cell. */
const CONDITIONAL = /^(if|when|once|as soon as|where|unless|look at|compare)\b|^(若|如果|當|一旦|只要|仍無法|剛好|請看|比較|請比較|把)/;
const THIS_BEFORE_CLASS = /(\b(this|these|that)\s+|(這|此|該)(個|顆|一個)?\s*)$/;
const DEICTIC = /\b(this|these|it|its|it's|here)\b|這|此|該/g;
const TURN_TO_OTHER = /\b(whereas|while|unlike|would|by contrast)\b|而|則|不像|相較/g;
const NEGATED_BEFORE = /(\b(not|never|nor)\s+(\w+\s+)?|不是|並非|而非|非|不)$/;

type Scope = 'this' | 'other';

/**
 * Who each part of a sentence is about: this cell (after "this", "it", "here", 這…, or at the
 * start of a sentence that names no class) or another class / cells in general (after a class
 * name, "neutrophils", "whereas", "would", 而…). An attribute stated in an "other" stretch is
 * not a claim about this image.
 */
function scopes(sentence: string, mentions: readonly ClassMention[]): { pos: number; scope: Scope }[] {
	const lower = sentence.toLowerCase();
	const events: { pos: number; scope: Scope }[] = [];
	for (const m of mentions) {
		// "this monocyte", "This is a monocyte with …", 這是單核球… : what follows is about this cell
		const before = lower.slice(0, m.start);
		const aboutThis =
			THIS_BEFORE_CLASS.test(before) || PRESENTS_EN.test(before.slice(-60).trimEnd() + ' ') || PRESENTS_ZH.test(before.slice(-12));
		events.push({ pos: m.start, scope: aboutThis ? 'this' : 'other' });
	}
	for (const m of maskClasses(lower, mentions).matchAll(GENERIC_CELL_WORDS)) events.push({ pos: m.index, scope: 'other' });
	for (const m of lower.matchAll(DEICTIC)) {
		if (!mentions.some((c) => c.start >= m.index && c.start <= m.index + m[0].length + 4)) events.push({ pos: m.index, scope: 'this' });
	}
	for (const m of lower.matchAll(TURN_TO_OTHER)) events.push({ pos: m.index, scope: 'other' });
	// "This is a basophil rather than a lymphocyte: the granules …" — after such a colon, this cell again
	let from = 0;
	for (const m of lower.matchAll(/[:：]/g)) {
		const head = lower.slice(from, m.index);
		if (/\b(this|it|it's|answer)\b|這|此|該|答案/.test(head)) events.push({ pos: m.index, scope: 'this' });
		from = m.index + 1;
	}
	return events.sort((a, b) => a.pos - b.pos);
}

const GLOBAL_CUES = ATTRIBUTE_CUES.map((cue) => ({ ...cue, global: new RegExp(cue.pattern.source, 'g') }));

/** What a sentence says about this cell's attributes: per attribute, the set of values it allows. */
export function attributeClaims(sentence: string): Map<AttributeName, string[]> {
	const claims = new Map<AttributeName, string[]>();
	if (CONDITIONAL.test(sentence.toLowerCase())) return claims;
	const mentions = findClasses(sentence);
	const events = scopes(sentence, mentions);
	const lower = maskClasses(joinValueLabels(sentence), mentions).toLowerCase();
	const generic = (/[\u4e00-\u9fff]/.test(sentence) ? GENERIC_ZH : GENERIC_EN).test(lower);
	for (const cue of GLOBAL_CUES) {
		for (const match of lower.matchAll(cue.global)) {
			if (NEGATED_BEFORE.test(lower.slice(Math.max(0, match.index - 12), match.index))) continue;
			const last = events.filter((e) => e.pos <= match.index).at(-1);
			const scope: Scope = last ? last.scope : generic ? 'other' : 'this';
			if (scope !== 'this') continue;
			const before = claims.get(cue.attribute);
			const narrowed = before ? before.filter((v) => cue.values.includes(v)) : [...cue.values];
			// cues that disagree: keep the later, more specific one ("has no granules": no, not yes)
			claims.set(cue.attribute, narrowed.length > 0 ? narrowed : [...cue.values]);
		}
	}
	return claims;
}

// attribute value labels contain a comma ("segmented, two lobes"; 分葉，兩葉): same length, no comma
function joinValueLabels(sentence: string): string {
	return sentence.replace(/(segmented|分葉)([,，])/gi, (_, word: string, comma: string) => word + (comma === ',' ? ' ' : '\u3000'));
}

/** The fact an attribute claim is held against: the image's attribute, else the class's typical values. */
function factValues(facts: ValidatorFacts, attribute: AttributeName): { values: readonly string[]; shown: string } | null {
	const fact = facts.attributes.find((a) => a.name === attribute);
	if (fact) {
		if (fact.origin === 'model' && (fact.p ?? 0) < MODEL_FACT_MIN_P) return null;
		return { values: [fact.value], shown: fact.value };
	}
	const typical = typicalValues(facts.cellClass, attribute);
	return typical ? { values: typical, shown: typical.join(' / ') } : null;
}

export function validateAnswer(answer: string, facts: ValidatorFacts): Validation {
	const problems: ValidationProblem[] = [];
	const text = answer.trim();
	if (text === '') return { ok: false, problems: [{ kind: 'empty' }] };

	const unsure = UNSURE.exec(text.toLowerCase());
	if (unsure) problems.push({ kind: 'hedged', phrase: unsure[0] });
	const diagnosis = DIAGNOSIS.exec(text.toLowerCase());
	if (diagnosis) problems.push({ kind: 'diagnosis', phrase: diagnosis[0] });

	let named = false;
	const others = new Set<CellClassId>();
	for (const sentence of sentences(text)) {
		const lower = sentence.toLowerCase();
		const mentions = findClasses(sentence);
		const conditional = CONDITIONAL.test(lower);
		for (const m of mentions) {
			const zh = /[\u4e00-\u9fff]/.test(sentence.slice(Math.max(0, m.start - 2), m.end));
			const before = lower.slice(0, m.start);
			if (m.cellClass === facts.cellClass) {
				if ((zh ? NEGATION_BEFORE_ZH : NEGATION_BEFORE_EN).test(before.trimEnd() + (zh ? '' : ' '))) {
					problems.push({ kind: 'denies-class' });
					continue;
				}
				const hedge = (zh ? HEDGE_BEFORE_ZH : HEDGE_BEFORE_EN).exec(before);
				if (hedge && !problems.some((p) => p.kind === 'hedged')) problems.push({ kind: 'hedged', phrase: hedge[0].trim() });
				named = true;
				continue;
			}
			if (conditional) continue;
			const window = zh ? before.slice(-12) : before.slice(-60);
			if ((zh ? CONTRAST_BEFORE_ZH : CONTRAST_BEFORE_EN).test(zh ? window.trimEnd() : window.trimEnd() + ' ')) continue;
			if ((zh ? PRESENTS_ZH : PRESENTS_EN).test(zh ? window : window.trimEnd() + ' ')) others.add(m.cellClass);
		}

		for (const [attribute, stated] of attributeClaims(sentence)) {
			const fact = factValues(facts, attribute);
			if (fact && !stated.some((v) => fact.values.includes(v)))
				problems.push({ kind: 'contradiction', attribute, stated, fact: fact.shown });
		}
	}
	for (const cellClass of others) problems.push({ kind: 'other-class', cellClass });
	if (!named && !problems.some((p) => p.kind === 'denies-class')) problems.push({ kind: 'missing-class' });
	return { ok: problems.length === 0, problems };
}
