import { base } from '$app/paths';
import { invalidate } from '$app/navigation';
import { page } from '$app/state';
import { BankUnavailableError, loadBank, loadPredictions, type BankProblem, type ItemPredictions } from '$lib/bank/load.ts';
import type { Bank } from '$lib/bank/schema.ts';
import { bank as messages } from '$lib/i18n/catalog/bank.ts';
import { locale } from '$lib/i18n/locale.svelte.ts';
import { errorText } from '../errors.ts';

export type BankResult = { ok: true; bank: Bank } | { ok: false; problem: BankProblem };

/** What the root layout's load (src/routes/+layout.ts) depends on: invalidating it fetches the bank again. */
export const BANK_DEPENDENCY = 'leukodex:bank';

/** "Try again" after the bank failed to load (a failed load is not cached): every page's `page.data.bank` is renewed. */
export function retryBank(): Promise<void> {
	return invalidate(BANK_DEPENDENCY);
}

/**
 * The bank for code that runs on a learner's action rather than in a page part (WithBank shows those): the one the
 * root layout loaded, or, if that failed, a new attempt — so acting again after a failure is a retry.
 */
export async function bankForAction(): Promise<BankResult> {
	const loaded = await page.data.bank;
	if (loaded.ok) return loaded;
	await retryBank();
	return page.data.bank;
}

/**
 * The question bank or loadBank's explanation of why it is missing or damaged, never a throw. Called by the root
 * layout's load only: pages read its promise as `page.data.bank`.
 */
export async function loadBankResult(): Promise<BankResult> {
	try {
		return { ok: true, bank: await loadBank(base) };
	} catch (error) {
		if (error instanceof BankUnavailableError) return { ok: false, problem: error.problem };
		return { ok: false, problem: { kind: 'invalid', detail: errorText(error) } };
	}
}

/** The problem in the UI language (reactive: call it from markup). */
export function bankProblemText(problem: BankProblem): string {
	switch (problem.kind) {
		case 'unreachable':
			return locale.t(messages, 'unreachable');
		case 'not-built':
			return locale.t(messages, 'notBuilt');
		case 'http':
			return locale.t(messages, 'http', { status: problem.status });
		case 'damaged':
			return locale.t(messages, 'damaged');
		case 'invalid':
			return locale.t(messages, 'invalid', { detail: problem.detail });
	}
}

/** URL of a bank image under the app's base path. */
export function bankImageUrl(imagePath: string): string {
	return `${base}/${imagePath}`;
}

/** The classifier's answers for the bank's items (predictions.json), from the app's base path. */
export function loadModelAnswers(bank: Bank): Promise<ItemPredictions> {
	return loadPredictions(bank, base);
}
