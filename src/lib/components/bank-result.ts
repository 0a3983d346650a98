import { base } from '$app/paths';
import { loadBank } from '$lib/bank/load.ts';
import type { Bank } from '$lib/bank/schema.ts';

export type BankResult = { ok: true; bank: Bank } | { ok: false; message: string };

/** The question bank or loadBank's explanation of why it is missing or damaged, never a throw. */
export async function loadBankResult(): Promise<BankResult> {
	try {
		return { ok: true, bank: await loadBank(base) };
	} catch (error) {
		return { ok: false, message: error instanceof Error ? error.message : String(error) };
	}
}

/** URL of a bank image under the app's base path. */
export function bankImageUrl(imagePath: string): string {
	return `${base}/${imagePath}`;
}
