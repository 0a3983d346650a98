import { BANK_DEPENDENCY, loadBankResult } from '$lib/bank/bank-result.ts';
import { learners } from '$lib/learners/learners.svelte.ts';
import type { LayoutLoad } from './$types';

// Client-only app: all learner data lives in the browser (IndexedDB); there is no server.
export const ssr = false;
// Every page is emitted as its own HTML shell at build time: the shell names the page's own code
// (modulepreload), so a first visit fetches it at once instead of discovering it after the router starts.
export const prerender = true;

/**
 * What every page needs, started once for the whole visit: the learners (IndexedDB) and the question bank.
 * Neither is awaited here, so no page's first paint waits for them: a page shows its own "loading" until
 * `page.data.bank` settles (a result, never a throw). `retryBank()` runs this again after a failure.
 */
export const load: LayoutLoad = ({ depends }) => {
	depends(BANK_DEPENDENCY);
	void learners.load();
	return { bank: loadBankResult() };
};
