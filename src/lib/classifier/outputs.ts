import { at } from '../arrays.ts';
import { isCellClassId, type CellClassId } from '../cells/taxonomy.ts';
import type { ModelCard } from './card.ts';

/**
 * Turns the classifier's raw outputs into answers: the top classes and, for each WBCAtt attribute,
 * its most probable value. Pure, shared by the browser worker, the importer and the CLI tools.
 * Layout (model card `outputs`): class_probs [classes.length]; attribute_probs is one softmax block
 * per attribute, in card order, each as long as that attribute's vocabulary.
 */

export interface ClassScore {
	cellClass: CellClassId;
	p: number;
}

export interface AttributeScore {
	value: string;
	p: number;
}

export interface ModelAnswer {
	/** best first */
	top: ClassScore[];
	attributes: Record<string, AttributeScore>;
}

type CardOutputs = Pick<ModelCard, 'classes' | 'attributes'>;

export interface AttributeBlock {
	name: string;
	values: readonly string[];
	/** index of the block's first value in attribute_probs */
	offset: number;
}

export function attributeBlocks(attributes: CardOutputs['attributes']): AttributeBlock[] {
	let offset = 0;
	return attributes.map(({ name, values }) => {
		const block = { name, values, offset };
		offset += values.length;
		return block;
	});
}

export function attributeOutputLength(attributes: CardOutputs['attributes']): number {
	return attributes.reduce((n, a) => n + a.values.length, 0);
}

/** The card's classes as taxonomy ids; throws naming any class the app does not know. */
export function modelClassIds(classes: readonly string[]): CellClassId[] {
	const unknown = classes.filter((c) => !isCellClassId(c));
	if (unknown.length > 0) {
		throw new Error(`The model card names classes that are not in the taxonomy: ${unknown.join(', ')}.`);
	}
	return classes as CellClassId[];
}

const clamp01 = (p: number) => (p < 0 ? 0 : p > 1 ? 1 : p);

/** Indices of the k largest values, largest first; ties keep output order. */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
	const order = Array.from({ length: values.length }, (_, i) => i);
	order.sort((a, b) => at(values, b) - at(values, a) || a - b);
	return order.slice(0, Math.max(0, k));
}

export function topClasses(classProbs: ArrayLike<number>, classes: readonly CellClassId[], k = 3): ClassScore[] {
	if (classProbs.length !== classes.length) {
		throw new Error(`The model gave ${classProbs.length} class probabilities; its card lists ${classes.length} classes.`);
	}
	return topIndices(classProbs, k).map((i) => ({ cellClass: at(classes, i), p: clamp01(at(classProbs, i)) }));
}

export function bestAttributes(attributeProbs: ArrayLike<number>, attributes: CardOutputs['attributes']): Record<string, AttributeScore> {
	const expected = attributeOutputLength(attributes);
	if (attributeProbs.length !== expected) {
		throw new Error(`The model gave ${attributeProbs.length} attribute probabilities; its card implies ${expected}.`);
	}
	const best: Record<string, AttributeScore> = {};
	for (const { name, values, offset } of attributeBlocks(attributes)) {
		let arg = 0;
		for (let j = 1; j < values.length; j++) if (at(attributeProbs, offset + j) > at(attributeProbs, offset + arg)) arg = j;
		best[name] = { value: at(values, arg), p: clamp01(at(attributeProbs, offset + arg)) };
	}
	return best;
}

/** One image's outputs (already sliced out of the batch) → its answer. */
export function readOutputs(card: CardOutputs, classProbs: ArrayLike<number>, attributeProbs: ArrayLike<number>, k = 3): ModelAnswer {
	return {
		top: topClasses(classProbs, modelClassIds(card.classes), k),
		attributes: bestAttributes(attributeProbs, card.attributes)
	};
}
