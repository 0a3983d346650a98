import { BANK_DEPENDENCY, loadBankResult } from '$lib/bank/bank-result.ts';
import { settledWithin } from '$lib/first-screen.ts';
import { learners } from '$lib/learners/learners.svelte.ts';
import type { LayoutLoad } from './$types';

// Client-only app: all learner data lives in the browser (IndexedDB); there is no server.
export const ssr = false;
// Every page is emitted as its own HTML shell at build time: the shell names the page's own code
// (modulepreload), so a first visit fetches it at once instead of discovering it after the router starts.
export const prerender = true;

/**
 * What every page needs, started once for the whole visit: the learners (IndexedDB) and the question bank.
 * Both are waited for only briefly (first-screen.ts): when they are ready in time — the usual case, app.html
 * preloads the bank — the first render shows the page itself; otherwise the page shows its own "loading" until
 * `page.data.bank` settles (a result, never a throw). `retryBank()` runs this again after a failure.
 */
export const load: LayoutLoad = async ({ depends }) => {
	depends(BANK_DEPENDENCY);
	const bank = loadBankResult();
	const [bankNow] = await Promise.all([settledWithin(bank), settledWithin(learners.load())]);
	return { bank, bankNow: bankNow?.value };
};
