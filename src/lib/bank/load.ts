import { fetchJson, LoadCache, type FetchProblem } from '../boundary/fetch-json.ts';
import { BankSchemaError, parseBank, parsePredictions, PredictionsSchemaError, type Bank, type ItemPrediction } from './schema.ts';

/**
 * Loads the question bank that `npm run bank` wrote to static/bank/bank.json.
 * Cached for the page's lifetime; a failed load is not cached so "try again" works.
 */
const bankCache = new LoadCache<Bank>();

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
	return bankCache.get(base, () => fetchBank(base, fetcher));
}

/** The English message of each bank problem (the UI words them itself, see bank-result.ts). */
function bankError(problem: FetchProblem): BankUnavailableError {
	switch (problem.kind) {
		case 'unreachable':
			return new BankUnavailableError(
				{ kind: 'unreachable' },
				'The question bank could not be loaded (the app’s files are not reachable).'
			);
		case 'missing':
			return new BankUnavailableError({ kind: 'not-built' }, 'No question bank has been built yet. Run `npm run bank`, then reload.');
		case 'http':
			return new BankUnavailableError(
				{ kind: 'http', status: problem.status },
				`The question bank could not be loaded (HTTP ${problem.status}).`
			);
		case 'damaged':
			return new BankUnavailableError(
				{ kind: 'damaged' },
				'The question bank file is damaged (not valid JSON). Rebuild it with `npm run bank`.'
			);
		case 'invalid':
			return new BankUnavailableError({ kind: 'invalid', detail: problem.detail }, new BankSchemaError(problem.detail).message);
	}
}

async function fetchBank(base: string, fetcher: typeof fetch): Promise<Bank> {
	const fetched = await fetchJson(`${base}/bank/bank.json`, parseBank, fetcher);
	if (!fetched.ok) throw bankError(fetched.problem);
	return fetched.value;
}

/** The classifier's answers by item id; empty when the bank was built without a model. */
export type ItemPredictions = ReadonlyMap<string, ItemPrediction>;

const predictionsCache = new LoadCache<ItemPredictions>();

/**
 * Loads predictions.json, the classifier's answers for the items of `bank` (see schema.ts).
 * Separate from loadBank so that the first image never waits for it. Cached per bank build; a
 * failed load is not cached. Rejects with an Error that says what is wrong.
 */
export function loadPredictions(bank: Bank, base = '', fetcher: typeof fetch = fetch): Promise<ItemPredictions> {
	if (!bank.model) return Promise.resolve(new Map());
	return predictionsCache.get(`${base}\0${bank.createdAt}`, () => fetchPredictions(bank, base, fetcher));
}

function predictionsError(problem: FetchProblem): Error {
	switch (problem.kind) {
		case 'unreachable':
			return new Error('The classifier’s answers (predictions.json) could not be loaded: the app’s files are not reachable.');
		case 'missing':
			return new Error('The classifier’s answers (predictions.json) could not be loaded (HTTP 404).');
		case 'http':
			return new Error(`The classifier’s answers (predictions.json) could not be loaded (HTTP ${problem.status}).`);
		case 'damaged':
			return new Error('The classifier’s answers (predictions.json) are damaged (not valid JSON). Rebuild the bank with `npm run bank`.');
		case 'invalid':
			return new PredictionsSchemaError(problem.detail);
	}
}

async function fetchPredictions(bank: Bank, base: string, fetcher: typeof fetch): Promise<ItemPredictions> {
	const fetched = await fetchJson(`${base}/bank/predictions.json`, parsePredictions, fetcher);
	if (!fetched.ok) throw predictionsError(fetched.problem);
	const predictions = fetched.value;
	if (predictions.bankCreatedAt !== bank.createdAt) {
		throw new Error(
			'The classifier’s answers (predictions.json) belong to another build of the question bank. Rebuild it with `npm run bank`.'
		);
	}
	return new Map(Object.entries(predictions.items));
}
