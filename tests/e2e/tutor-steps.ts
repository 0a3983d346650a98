// Shared steps of the explanation and tutor specs.
import { expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test';

/** web-llm's bundle is over 5 MB; every other script of the app is far below 1 MB. */
export const LARGE_SCRIPT = 1_000_000;

export function watchScripts(context: BrowserContext) {
	const large: string[] = [];
	context.on('response', async (response) => {
		const url = response.url();
		if (!url.endsWith('.js')) return;
		const length = Number(response.headers()['content-length'] ?? 0) || (await response.body().catch(() => Buffer.alloc(0))).length;
		if (length > LARGE_SCRIPT) large.push(url);
	});
	return large;
}

export async function createLearner(page: Page, name: string) {
	await page.goto('/');
	await page.getByLabel('Your name').fill(name);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('learner-badge')).toContainText(name);
}

/** Starts a default drill and answers the first item wrong; returns the true and the given class. */
export async function answerFirstWrong(page: Page): Promise<{ truth: string; given: string }> {
	await page.goto('/drill');
	await page.getByRole('button', { name: 'Start drill' }).click();
	const item = page.locator('[data-testid="drill-item"][data-image-ready="true"][data-stage="answering"]');
	await expect(item).toBeVisible();
	const id = (await item.getAttribute('data-item-id'))!;
	const bank = (await (await page.request.get('/bank/bank.json')).json()) as { items: { id: string; label: string }[] };
	const truth = bank.items.find((i) => i.id === id)!.label;
	const options = await page.locator('[data-testid="answers"] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-class')!));
	const given = options.find((c) => c !== truth)!;
	await page.locator(`[data-testid="answers"] button[data-class="${given}"]`).click();
	await expect(page.getByTestId('feedback')).toBeVisible();
	return { truth, given };
}

export async function shots(page: Page, testInfo: TestInfo, name: string) {
	await page.getByTestId('explanation').first().scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath(`${name}-desktop.png`), fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.getByTestId('tutor').scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath(`${name}-phone.png`) });
}
