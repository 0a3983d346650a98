import { BankSchemaError, parseBank, parsePredictions, type Bank, type ItemPrediction } from './schema.ts';

/**
 * Loads the question bank that `npm run bank` wrote to static/bank/bank.json.
 * Cached for the page's lifetime; a failed load is not cached so "try again" works.
 */
let cached: Promise<Bank> | null = null;

/** Why the bank is unusable, as a code the UI words in the learner's language (see bank-result.ts). */
export type BankProblem =
	| { kind: 'unreachable' }
	| { kind: 'not-built' }
	| { kind: 'http'; status: number }
	| { kind: 'damaged' }
	| { kind: 'invalid'; detail: string };

export class BankUnavailableError extends Error {
	constructor(
		readonly problem: BankProblem,
		message: string
	) {
		super(message);
	}
}

export function loadBank(base = '', fetcher: typeof fetch = fetch): Promise<Bank> {
	cached ??= fetchBank(base, fetcher).catch((error) => {
		cached = null;
		throw error;
	});
	return cached;
}

async function fetchBank(base: string, fetcher: typeof fetch): Promise<Bank> {
	let response: Response;
	try {
		response = await fetcher(`${base}/bank/bank.json`, { cache: 'no-cache' });
	} catch {
		throw new BankUnavailableError({ kind: 'unreachable' }, 'The question bank could not be loaded (the app’s files are not reachable).');
	}
	if (response.status === 404) {
		throw new BankUnavailableError({ kind: 'not-built' }, 'No question bank has been built yet. Run `npm run bank`, then reload.');
	}
	if (!response.ok) throw new BankUnavailableError({ kind: 'http', status: response.status }, `The question bank could not be loaded (HTTP ${response.status}).`);
	let json: unknown;
	try {
		json = await response.json();
	} catch {
		throw new BankUnavailableError({ kind: 'damaged' }, 'The question bank file is damaged (not valid JSON). Rebuild it with `npm run bank`.');
	}
	try {
		return parseBank(json);
	} catch (error) {
		if (!(error instanceof BankSchemaError)) throw error;
		throw new BankUnavailableError({ kind: 'invalid', detail: error.detail }, error.message);
	}
}

/** The classifier's answers by item id; empty when the bank was built without a model. */
export type ItemPredictions = ReadonlyMap<string, ItemPrediction>;

const predictionsCache = new Map<string, Promise<ItemPredictions>>();

/**
 * Loads predictions.json, the classifier's answers for the items of `bank` (see schema.ts).
 * Separate from loadBank so that the first image never waits for it. Cached per bank build; a
 * failed load is not cached. Rejects with an Error that says what is wrong.
 */
export function loadPredictions(bank: Bank, base = '', fetcher: typeof fetch = fetch): Promise<ItemPredictions> {
	if (!bank.model) return Promise.resolve(new Map());
	let pending = predictionsCache.get(bank.createdAt);
	if (!pending) {
		pending = fetchPredictions(bank, base, fetcher).catch((error) => {
			predictionsCache.delete(bank.createdAt);
			throw error;
		});
		predictionsCache.set(bank.createdAt, pending);
	}
	return pending;
}

async function fetchPredictions(bank: Bank, base: string, fetcher: typeof fetch): Promise<ItemPredictions> {
	let response: Response;
	try {
		response = await fetcher(`${base}/bank/predictions.json`, { cache: 'no-cache' });
	} catch {
		throw new Error('The classifier’s answers (predictions.json) could not be loaded: the app’s files are not reachable.');
	}
	if (!response.ok) throw new Error(`The classifier’s answers (predictions.json) could not be loaded (HTTP ${response.status}).`);
	let json: unknown;
	try {
		json = await response.json();
	} catch {
		throw new Error('The classifier’s answers (predictions.json) are damaged (not valid JSON). Rebuild the bank with `npm run bank`.');
	}
	const predictions = parsePredictions(json);
	if (predictions.bankCreatedAt !== bank.createdAt) {
		throw new Error('The classifier’s answers (predictions.json) belong to another build of the question bank. Rebuild it with `npm run bank`.');
	}
	return new Map(Object.entries(predictions.items));
}
