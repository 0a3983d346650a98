// Proves that with WebGPU (Chromium's software adapter, --enable-unsafe-webgpu: no shader-f16, so the
// q4f32 build) the real web-llm is loaded only after consent, runs in its worker until the model
// location answers 404, and the learner is then told plainly and keeps the explanation; web-llm is
// never part of the drill's first-load JavaScript.
import { expect, test } from '@playwright/test';
import { answerFirstWrong, createLearner, shots, watchScripts } from './tutor-steps.ts';

test.use({
	launchOptions: {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--enable-unsafe-webgpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	}
});

test(
	'the real web-llm starts only after consent, fails on a model URL that answers 404, and the learner keeps the explanation',
	{ tag: '@tutor' },
	async ({ page, context }, testInfo) => {
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
	}
);
