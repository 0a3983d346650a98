// See https://svelte.dev/docs/kit/types#app.d.ts
import type { BankResult } from '$lib/bank/bank-result.ts';
import type { PageTitle } from '$lib/i18n/page-title.ts';

declare global {
	namespace App {
		interface PageData {
			/** the page's title; the root layout renders it (src/lib/i18n/page-title.ts) */
			title?: PageTitle;
			/** the question bank, started by the root layout's load for every page (src/routes/+layout.ts) */
			bank: Promise<BankResult>;
			/** the same result when it was ready before the first render (src/lib/first-screen.ts), else undefined */
			bankNow?: BankResult;
		}
	}
}
export {};
