import type { Page } from '@playwright/test';
import { fetchRouted } from './routed.ts';

/**
 * Test fixture: the real bank with some items served as synthetic ones (their images are real
 * photographs, relabelled), so that the app's handling of synthetic images — the drill's mix, the
 * feedback note, the progress split, "Real or synthetic?" — is tested whatever the generator's
 * committed set holds (it may keep few images, or none, for a class).
 */
export interface FixtureItem {
	id: string;
	label: string;
	provenance: 'real' | 'synthetic';
}

export const RELABELLED_PER_CLASS = 15;

/**
 * Serves bank.json with RELABELLED_PER_CLASS items of each of `classes` turned synthetic; `keep` filters the items.
 * Those of `gameOnly` classes go to bank.realism instead (synthetic images only "Real or synthetic?" shows), in place
 * of the bank's own.
 */
export async function withSyntheticItems(
	page: Page,
	classes: readonly string[],
	keep: (item: FixtureItem) => boolean = () => true,
	gameOnly: readonly string[] = []
) {
	// on the context, not the page: once the service worker controls the page, bank.json is fetched by the worker
	await page.context().route('**/bank/bank.json', async (route) => {
		const fetched = await fetchRouted(route);
		if (!fetched) return;
		const bank = JSON.parse(fetched.body);
		const turned = new Map<string, number>();
		bank.items = bank.items.map((item: FixtureItem) => {
			const n = turned.get(item.label) ?? 0;
			if (item.provenance !== 'real' || ![...classes, ...gameOnly].includes(item.label) || n >= RELABELLED_PER_CLASS) return item;
			turned.set(item.label, n + 1);
			return { ...item, id: `synthetic:fixture-${item.id}`, provenance: 'synthetic' };
		});
		const toGame = (item: FixtureItem) =>
			item.provenance === 'synthetic' && gameOnly.includes(item.label) && item.id.startsWith('synthetic:fixture-');
		// with gameOnly classes, the game's own images are the fixture's alone (what the game then shows is known)
		if (gameOnly.length > 0) bank.realism = bank.items.filter(toGame);
		bank.items = bank.items.filter((item: FixtureItem) => !toGame(item)).filter(keep);
		bank.classes = bank.classes.filter((c: string) => bank.items.some((i: FixtureItem) => i.label === c));
		await route.fulfill({ json: bank });
	});
}
