import { cellName, type Locale } from '../../cells/taxonomy.ts';
import { attributeLabel, attributeValueLabel } from '../explanation.ts';
import type { Facts } from '../facts.ts';
import type { ChatMessage } from './engine.ts';

/**
 * What the tutor is told: a system prompt that keeps it a haematology tutor bound to the facts,
 * the facts themselves as JSON, the conversation so far, and the learner's question.
 */
const SYSTEM: Record<Locale, string> = {
	en: [
		'You are a haematology tutor for laboratory technicians who are learning to identify white blood cells on blood-smear images.',
		'Use only the facts in the JSON below. Do not add morphology that is not in them.',
		'The cell class in "cell_class" is the answer; name it, and never present another class as the answer. Name a look-alike only to say how it differs.',
		'Where "image_attributes" has a value, that is what this image shows; do not contradict it. Say "typically" when you describe the class in general.',
		'Do not diagnose patients, do not discuss treatment, and do not guess about the patient.',
		'Answer in English, in at most four short sentences.'
	].join('\n'),
	'zh-TW': [
		'你是一位血液學教學助教，對象是正在學習從血液抹片影像辨認白血球的醫檢師。',
		'只能使用下方 JSON 中的事實，不要加入其中沒有的形態特徵。',
		'"cell_class" 中的細胞類別就是答案；請說出它，絕不可把其他類別當成答案。提到相似細胞時，只能用來說明兩者的差別。',
		'"image_attributes" 中的值就是這張影像的表現，不可與之矛盾。描述該類別的一般特徵時，請說「通常」。',
		'不要對病人做診斷，不要討論治療，也不要推測病人的情況。',
		'請以繁體中文回答，最多四個短句。'
	].join('\n')
};

/** The facts as the model sees them: names in both languages, attribute words as the app shows them. */
export function factsPayload(facts: Facts): Record<string, unknown> {
	const { locale } = facts;
	const name = (id: Facts['cellClass']) => ({ id, en: cellName(id, 'en'), 'zh-TW': cellName(id, 'zh-TW') });
	return {
		cell_class: name(facts.cellClass),
		basis: facts.basis === 'label' ? 'expert label (the answer key)' : "the image classifier's answer (not verified)",
		key_features: Object.fromEntries(facts.keyFeatures.map((f) => [f.key, f.text])),
		image_attributes: facts.attributes.map((a) => ({
			attribute: attributeLabel(a.name, locale),
			value: attributeValueLabel(a.value, locale),
			source: a.origin === 'expert' ? 'expert annotation' : 'classifier estimate',
			...(a.p === undefined ? {} : { confidence: Math.round(a.p * 100) / 100 })
		})),
		...(facts.answered ? { learner_answer: name(facts.answered), learner_correct: facts.answered === facts.cellClass } : {}),
		...(facts.model ? { classifier_answer: { ...name(facts.model.cellClass), confidence: Math.round(facts.model.p * 100) / 100 } } : {}),
		...(facts.other?.contrast
			? {
					how_to_tell_apart: {
						other_class: name(facts.other.cellClass),
						look_at: facts.other.contrast.feature[locale],
						[facts.cellClass]: facts.other.contrast.sides[facts.cellClass]?.[locale],
						[facts.other.cellClass]: facts.other.contrast.sides[facts.other.cellClass]?.[locale],
						...(facts.other.contrast.tip ? { rule: facts.other.contrast.tip[locale] } : {})
					}
				}
			: {})
	};
}

export function systemPrompt(facts: Facts): string {
	return `${SYSTEM[facts.locale]}\n\nFACTS:\n${JSON.stringify(factsPayload(facts), null, 1)}`;
}

/** The messages for one question: system prompt with facts, the earlier turns, the new question. */
export function buildMessages(facts: Facts, history: readonly ChatMessage[], question: string): ChatMessage[] {
	return [{ role: 'system', content: systemPrompt(facts) }, ...history, { role: 'user', content: question.trim() }];
}
