/**
 * Where the app finds the classifier: models/classifier/{card.json, model.onnx}, served at
 * /models/classifier/ (see scripts/vite/static-models.ts). The card is loaded once per page lifetime; a
 * failed load is not cached so "try again" works.
 */
import { parseModelCard, type ModelCard } from './card.ts';
import type { SessionSpec } from './protocol.ts';
import { parseRobustness, type Robustness } from './robustness.ts';
import { fetchJson, LoadCache, type Fetched } from '../boundary/fetch-json.ts';
import { attributeOutputLength } from './outputs.ts';

/** Path of the card under the app's base; resolve it with `asset()` from $app/paths. */
export const CARD_PATH = '/models/classifier/card.json';

export type CardProblem = 'missing' | 'unreachable' | 'damaged' | 'invalid';

export class ModelCardError extends Error {
	constructor(
		readonly problem: CardProblem,
		message: string
	) {
		super(message);
		this.name = 'ModelCardError';
	}
}

/** Path of the robustness report (npm run eval:robustness), beside the card; optional. */
export const ROBUSTNESS_PATH = '/models/classifier/robustness.json';

const cards = new LoadCache<ModelCard>();
const reports = new LoadCache<Robustness | null>();

export function loadModelCard(url: string, fetcher: typeof fetch = fetch): Promise<ModelCard> {
	return cards.get(url, () => fetchValidated(url, fetcher, parseModelCard));
}

/** The robustness report, or null when the model has none (404). */
export function loadRobustness(url: string, fetcher: typeof fetch = fetch): Promise<Robustness | null> {
	return reports.get(url, async () => {
		const fetched = await fetchJson(url, parseRobustness, fetcher);
		if (!fetched.ok && fetched.problem.kind === 'missing') return null;
		return validated(url, fetched);
	});
}

async function fetchValidated<T>(url: string, fetcher: typeof fetch, parse: (json: unknown) => T): Promise<T> {
	return validated(url, await fetchJson(url, parse, fetcher));
}

/** The value, or the ModelCardError that says in English which way the file failed. */
function validated<T>(url: string, fetched: Fetched<T>): T {
	if (fetched.ok) return fetched.value;
	const problem = fetched.problem;
	switch (problem.kind) {
		case 'unreachable':
			throw new ModelCardError('unreachable', `${url} could not be fetched: ${problem.detail}`);
		case 'missing':
			throw new ModelCardError('missing', `${url} returned 404.`);
		case 'http':
			throw new ModelCardError('unreachable', `${url} returned HTTP ${problem.status}.`);
		case 'damaged':
			throw new ModelCardError('damaged', `${url} is not valid JSON.`);
		case 'invalid':
			throw new ModelCardError('invalid', problem.detail);
	}
}

/** Total width of the attribute output: the sum of each attribute's vocabulary size. */
export function attributeWidth(card: ModelCard): number {
	return attributeOutputLength(card.attributes);
}

/**
 * How many threads to ask onnxruntime-web for. Threads need SharedArrayBuffer, so a page that is not
 * cross-origin isolated gets one. Otherwise half the cores (at most 4), as onnxruntime-web itself
 * defaults to: the page and the image decoding need a core too, and on this 2-core machine two model
 * threads beside the app were slower (median 100 ms) than one (69 ms).
 */
export function inferenceThreads(isolated: boolean, cores: number | undefined): number {
	if (!isolated) return 1;
	return Math.max(1, Math.min(4, Math.ceil((cores && cores > 0 ? cores : 1) / 2)));
}

/** What the worker needs to run this card's model; `cardUrl` must be absolute. */
export function sessionSpec(card: ModelCard, cardUrl: string, threads = 1): SessionSpec {
	const tensor = card.reference.tensor;
	const hasReference = tensor.class_probs.length > 0 && tensor.attribute_probs.length > 0;
	return {
		modelUrl: new URL(card.model_file, cardUrl).href,
		modelBytes: card.model_bytes,
		input: { size: card.input.size, mean: card.input.mean, std: card.input.std },
		outputs: card.outputs,
		classCount: card.classes.length,
		attributeWidth: attributeWidth(card),
		reference: hasReference
			? { classProbs: tensor.class_probs, attributeProbs: tensor.attribute_probs, unfamiliarScore: tensor.unfamiliar_score ?? null }
			: null,
		threads
	};
}
