// Proves the explanation from a learner's side: a wrong answer gets the grounded "how to tell A
// from B" explanation at once; on a browser without WebGPU the tutor says so and downloads
// nothing; every miss in the drill summary and the Check page's answer are explained too.
// (tutor-webgpu.spec.ts: the real web-llm with WebGPU.) Run the tutor's alone with `--grep @tutor`.
import { expect, test } from '@playwright/test';
import { answerFirstWrong, createLearner, shots, watchScripts } from './tutor-steps.ts';

test(
	'a wrong answer is explained at once, and without WebGPU the tutor says so and downloads nothing',
	{ tag: '@tutor' },
	async ({ page, context }, testInfo) => {
		await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined }));
		const large = watchScripts(context);
		await createLearner(page, 'No GPU Nora');
		await answerFirstWrong(page);

		const explanation = page.getByTestId('feedback').getByTestId('explanation');
		await expect(explanation.getByTestId('explanation-lead')).toContainText(/How to tell/);
		await expect(explanation.locator('li').first()).toBeVisible();

		await explanation.getByTestId('ask-tutor').click();
		await expect(page.getByTestId('tutor-unsupported')).toContainText('no WebGPU');
		await expect(page.getByTestId('tutor-consent')).toHaveCount(0);
		await expect(explanation.locator('li').first()).toBeVisible();
		expect(large, 'web-llm must not be fetched without WebGPU and consent').toEqual([]);
		await shots(page, testInfo, 'no-webgpu');
	}
);

test('every missed image in the drill summary carries its explanation', async ({ page }, testInfo) => {
	test.setTimeout(180_000);
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
	const misses = page.getByTestId('misses').locator(':scope > li');
	await expect(misses).toHaveCount(10);
	await expect(page.getByTestId('misses').getByTestId('explanation-lead')).toHaveCount(10);
	await expect(page.getByTestId('misses').getByTestId('ask-tutor')).toHaveCount(0);
	await misses.first().scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath('misses-desktop.png') });
	await page.setViewportSize({ width: 390, height: 844 });
	await misses.first().scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath('misses-phone.png') });
});

test('the Check page explains the classifier’s answer as the classifier’s, not as a verified label', async ({
	page,
	request
}, testInfo) => {
	const bank = (await (await request.get('/bank/bank.json')).json()) as { items: { id: string; label: string; image: string }[] };
	const item = bank.items.find((i) => i.label === 'eosinophil') ?? bank.items[0]!;
	await page.goto('/check');
	await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
	const image = await request.get(`/${item.image}`);
	await page.getByTestId('file-input').setInputFiles({ name: 'cell.jpg', mimeType: 'image/jpeg', buffer: await image.body() });
	const explanation = page.getByTestId('prediction').getByTestId('explanation');
	await expect(explanation.getByTestId('explanation-lead')).toContainText('the classifier’s answer, not a verified label', {
		timeout: 20_000
	});
	await expect(explanation.locator('li').first()).toBeVisible();
	await explanation.scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath('check-desktop.png') });
});
