// Proves the explanation and the on-device tutor from a learner's side: a wrong answer gets the
// grounded "how to tell A from B" explanation at once; on a browser without WebGPU the tutor says
// so and downloads nothing; with WebGPU (Chromium's software adapter, --enable-unsafe-webgpu) the
// real web-llm runs in its worker until the model location answers 404, and the learner is told
// plainly while the explanation stays. web-llm is never part of the drill's first-load JavaScript.
// Run these alone with `npx playwright test --grep @tutor`.
import { expect, test, type BrowserContext, type Page, type TestInfo } from '@playwright/test';

/** web-llm's bundle is over 5 MB; every other script of the app is far below 1 MB. */
const LARGE_SCRIPT = 1_000_000;

function watchScripts(context: BrowserContext) {
	const large: string[] = [];
	context.on('response', async (response) => {
		const url = response.url();
		if (!url.endsWith('.js')) return;
		const length = Number(response.headers()['content-length'] ?? 0) || (await response.body().catch(() => Buffer.alloc(0))).length;
		if (length > LARGE_SCRIPT) large.push(url);
	});
	return large;
}

async function createLearner(page: Page, name: string) {
	await page.goto('/');
	await page.getByLabel('Your name').fill(name);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('learner-badge')).toContainText(name);
}

/** Starts a default drill and answers the first item wrong; returns the true and the given class. */
async function answerFirstWrong(page: Page): Promise<{ truth: string; given: string }> {
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

async function shots(page: Page, testInfo: TestInfo, name: string) {
	await page.getByTestId('explanation').first().scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath(`${name}-desktop.png`), fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.getByTestId('tutor').scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath(`${name}-phone.png`) });
}

test('a wrong answer is explained at once, and without WebGPU the tutor says so and downloads nothing', { tag: '@tutor' }, async ({ page, context }, testInfo) => {
	await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined }));
	const large = watchScripts(context);
	await createLearner(page, 'No GPU Nora');
	await answerFirstWrong(page);

	const explanation = page.getByTestId('feedback').getByTestId('explanation');
	await expect(explanation.getByTestId('explanation-lead')).toContainText(/How to tell|not usually confused|What makes/);
	await expect(explanation.locator('li').first()).toBeVisible();

	await explanation.getByTestId('ask-tutor').click();
	await expect(page.getByTestId('tutor-unsupported')).toContainText('no WebGPU');
	await expect(page.getByTestId('tutor-consent')).toHaveCount(0);
	await expect(explanation.locator('li').first()).toBeVisible();
	expect(large, 'web-llm must not be fetched without WebGPU and consent').toEqual([]);
	await shots(page, testInfo, 'no-webgpu');
});

test.describe('with WebGPU', () => {
	test.use({
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		}
	});

	test('the real web-llm starts only after consent, fails on a model URL that answers 404, and the learner keeps the explanation', { tag: '@tutor' }, async ({ page, context }, testInfo) => {
		test.setTimeout(120_000);
		const large = watchScripts(context);
		const modelRequests: { url: string; status: number }[] = [];
		context.on('response', (r) => r.url().includes('/llm-models-missing/') && modelRequests.push({ url: r.url(), status: r.status() }));

		await createLearner(page, 'GPU Gita');
		await answerFirstWrong(page);
		expect(large, 'no web-llm in the drill’s first-load JavaScript').toEqual([]);

		const explanation = page.getByTestId('feedback').getByTestId('explanation');
		await explanation.getByTestId('ask-tutor').click();
		// Chromium's software adapter has no shader-f16: the q4f32 build is chosen; consent first
		await expect(page.getByTestId('tutor-consent')).toContainText('Llama 3.2 1B Instruct (q4f32)');
		await expect(page.getByTestId('tutor-consent')).toContainText('huggingface.co');
		expect(large).toEqual([]);

		// an administrator's model folder on this site, which the test server does not have
		await page.getByTestId('tutor-settings').locator('summary').click();
		await page.getByTestId('tutor-base-url').fill('ftp://nowhere');
		await expect(page.getByTestId('tutor-save')).toBeDisabled();
		await page.getByTestId('tutor-base-url').fill('/llm-models-missing/');
		await page.getByTestId('tutor-save').click();
		await expect(page.getByTestId('tutor-settings')).toContainText('No tutor model is stored.');
		// "Not now", then asking again: the consent now names the saved location
		await page.getByRole('button', { name: 'Not now' }).click();
		await page.getByTestId('tutor-open').click();
		const site = new URL(page.url()).host;
		await expect(page.getByTestId('tutor-consent')).toContainText(`${site}/llm-models-missing`);
		await page.getByTestId('tutor-accept').click();

		await expect(page.getByTestId('tutor-failed')).toBeVisible({ timeout: 90_000 });
		await expect(page.getByTestId('tutor-failed')).toContainText(`could not be downloaded from ${site}/llm-models-missing`);
		expect(large.length, 'web-llm was loaded on demand').toBeGreaterThan(0);
		expect(modelRequests).toContainEqual({
			url: `http://${site}/llm-models-missing/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/mlc-chat-config.json`,
			status: 404
		});
		await expect(page.getByTestId('feedback').getByTestId('explanation').locator('li').first()).toBeVisible();
		await page.getByTestId('tutor-failed').locator('summary').click();
		await expect(page.getByTestId('tutor-error-detail')).not.toBeEmpty();
		await shots(page, testInfo, 'download-failed');
	});
});

test('every missed image in the drill summary carries its explanation', async ({ page }) => {
	await createLearner(page, 'Review Rui');
	await page.goto('/drill');
	await page.getByRole('button', { name: 'Start drill' }).click();
	const bank = (await (await page.request.get('/bank/bank.json')).json()) as { items: { id: string; label: string }[] };
	const labels = new Map(bank.items.map((i) => [i.id, i.label]));
	for (let k = 0; k < 10; k++) {
		const item = page.locator('[data-testid="drill-item"][data-image-ready="true"][data-stage="answering"]');
		await expect(item).toBeVisible();
		const truth = labels.get((await item.getAttribute('data-item-id'))!)!;
		const options = await page.locator('[data-testid="answers"] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-class')!));
		await page.locator(`[data-testid="answers"] button[data-class="${options.find((c) => c !== truth)}"]`).click();
		await expect(page.getByTestId('feedback').getByTestId('explanation-lead')).toBeVisible();
		await page.getByTestId('next').click();
	}
	const misses = page.getByTestId('misses').locator('li');
	await expect(misses).toHaveCount(10);
	await expect(page.getByTestId('misses').getByTestId('explanation-lead')).toHaveCount(10);
	await expect(page.getByTestId('misses').getByTestId('ask-tutor')).toHaveCount(0);
});

test('the Check page explains the classifier’s answer as the classifier’s, not as a verified label', async ({ page, request }) => {
	const bank = (await (await request.get('/bank/bank.json')).json()) as { items: { id: string; label: string; image: string }[] };
	const item = bank.items.find((i) => i.label === 'eosinophil') ?? bank.items[0];
	await page.goto('/check');
	await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
	const image = await request.get(`/${item.image}`);
	await page.getByTestId('file-input').setInputFiles({ name: 'cell.jpg', mimeType: 'image/jpeg', buffer: await image.body() });
	const explanation = page.getByTestId('prediction').getByTestId('explanation');
	await expect(explanation.getByTestId('explanation-lead')).toContainText('the classifier’s answer, not a verified label', { timeout: 20_000 });
	await expect(explanation.locator('li').first()).toBeVisible();
});
