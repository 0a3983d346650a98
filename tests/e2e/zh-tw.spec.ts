// Proves that the Traditional Chinese pages show no English outside proper names, citations,
// units and keys: every page's visible text is scanned after the app is switched to zh-TW.
import { expect, test, type Page } from '@playwright/test';
import { fetchRouted } from './routed.ts';
import { withSyntheticItems } from './synthetic-items.ts';

// Proper names, citations, abbreviations and keys that stay as written in Chinese text
const ALLOWED = [
	/Leukodex/g,
	/AML-Cytomorphology_LMU/g,
	/CellaVision( DM96)?/g,
	/May[–-]Grünwald[–-]Giemsa/g,
	/WBCAtt/g,
	/Acevedo/g,
	/Matek/g,
	/Tsutsui/g,
	/\bAuer\b/g,
	/Diffusion-GAN/g,
	/CC BY(-NC)? \d\.\d/g,
	/\bet al\.?/g,
	/English/g,
	/macro-F1/g,
	/\bF1\b/g,
	/\bECE\b/g,
	/\bAML\b/g,
	/\bPBC\b/g,
	/\bNRBC\b/g,
	/\bCLL\b/g,
	/\bICSH\b/g,
	/\bG-CSF\b/g,
	/\bEnter\b/g,
	/\bCtrl\b/g,
	/\bEDTA\b/g,
	/\bTab\b/g,
	/\bLUT\b/g,
	/\bCLIP ViT-H\/14\b/g,
	/\bMLP\b/g,
	/EfficientNetV2-B0/g,
	/ResNet-50/g,
	/DI-60/g,
	/Mendeley/g,
	/\bDOI\b/gi,
	/\b(?:kB|MB|GB|px|ms|µm|mm|fL|L)\b/g,
	/\bcard\.json\b/g,
	/\.json\b/g,
	/\bQR code\b/g,
	/\bmodel\.onnx\b/g,
	/\bonnxruntime-web\b/g,
	/\bWebAssembly\b/g,
	/\bJPEG|PNG|WebP\b/g,
	/\bJournal|Data in Brief|Nature Machine Intelligence|NeurIPS|Blood|Am J Hematol|Int J Lab Hematol\b/g
];

async function englishOn(page: Page, where: string): Promise<string[]> {
	// a lesson's reference list is citations: titles stay in their own language
	const text = await page.evaluate(() => {
		const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
		document.body.append(main);
		// text the page marks as English on purpose (the model card's own technical wording, for engineers) and code
		for (const english of main.querySelectorAll('[lang="en"], code')) english.remove();
		const heading = [...main.querySelectorAll('h2')].find((h) => h.textContent?.trim() === '參考資料');
		if (heading) {
			let next = heading.nextElementSibling;
			while (next && next.tagName !== 'H2') {
				const drop = next;
				next = next.nextElementSibling;
				drop.remove();
			}
		}
		const out = main.innerText;
		main.remove();
		return out;
	});
	let rest = text;
	for (const pattern of ALLOWED) rest = rest.replace(pattern, ' ');
	// two or more Latin words in a row, or one of 4+ letters, is English prose
	const found = (rest.match(/[A-Za-z][A-Za-z'’-]{3,}(?:[ ,][A-Za-z][A-Za-z'’-]+)*/g) ?? []).map((w) => `${where}: ${w}`);
	// a file input on show draws "Choose Files / No file chosen" in the browser's language, which innerText does not see
	const nativeFileInputs = await page
		.locator('main input[type="file"]')
		.evaluateAll((inputs) => inputs.filter((input) => input.getBoundingClientRect().width > 1).length);
	if (nativeFileInputs > 0) found.push(`${where}: ${nativeFileInputs} file input(s) drawn by the browser ("Choose Files")`);
	return found;
}

/** Switches the app to zh-TW and creates a learner of this name. */
async function zhLearner(page: Page, name: string) {
	await page.goto('/');
	await page.evaluate(() => localStorage.setItem('leukodex.locale', 'zh-TW'));
	await page.reload();
	await page.locator('#new-learner-name').fill(name);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('learner-badge')).toContainText(name);
}

test('the zh-TW pages show no English outside proper names and citations', async ({ page }) => {
	test.setTimeout(240_000);
	await zhLearner(page, '林小華');
	const found: string[] = [];
	found.push(...(await englishOn(page, 'home')));

	await page.goto('/drill');
	await expect(page.getByTestId('drill-setup')).toBeVisible({ timeout: 30_000 });
	found.push(...(await englishOn(page, 'drill setup')));
	await page.getByTestId('drill-setup').locator('button[type="submit"]').click();
	for (let k = 0; k < 3; k++) {
		await expect(page.locator('[data-testid="drill-item"][data-image-ready="true"][data-stage="answering"]')).toBeVisible({
			timeout: 30_000
		});
		if (k === 0) found.push(...(await englishOn(page, 'drill item')));
		await page.getByTestId('answers').locator('button').nth(k).click();
		await expect(page.getByTestId('feedback')).toBeVisible();
		if (k === 0) found.push(...(await englishOn(page, 'drill feedback')));
		await page.getByTestId('next').click();
	}

	await page.goto('/progress');
	await expect(page.getByTestId('summary')).toBeVisible({ timeout: 30_000 });
	found.push(...(await englishOn(page, 'progress')));
	await page.goto('/lessons');
	await expect(page.getByTestId('lesson-index')).toBeVisible();
	found.push(...(await englishOn(page, 'lessons')));
	await page.goto('/lessons/smudge_cell');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	found.push(...(await englishOn(page, 'lesson')));
	await page.goto('/model');
	await expect(page.getByTestId('model-plain')).toBeVisible({ timeout: 30_000 });
	found.push(...(await englishOn(page, 'model')));
	await page.getByTestId('engineers').locator(':scope > summary').click();
	await expect(page.getByTestId('augmentation-steps')).toBeVisible();
	found.push(...(await englishOn(page, 'model, for engineers')));
	await page.goto('/check');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	found.push(...(await englishOn(page, 'check')));
	await withSyntheticItems(page, ['promyelocyte', 'basophil']);
	await page.goto('/realism');
	await page.getByTestId('realism-start').click();
	await page.getByTestId('say-synthetic').click();
	await expect(page.getByTestId('realism-feedback')).toBeVisible();
	found.push(...(await englishOn(page, 'real or synthetic')));
	await page.goto('/inbox');
	await expect(page.getByTestId('open-assignment-file')).toBeAttached({ timeout: 30_000 });
	found.push(...(await englishOn(page, 'inbox')));
	await page.goto('/instructor');
	await page.locator('#instructor-name').fill('王老師');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('results-import')).toBeVisible({ timeout: 30_000 });
	found.push(...(await englishOn(page, 'instructor')));
	expect(found).toEqual([]);
});

test.describe('when a part of the app cannot be downloaded', () => {
	// page.route must see the app's code requests, which a controlling service worker would answer itself
	test.use({ serviceWorkers: 'block' });

	test('the learner is told so in Chinese, not with the browser’s English message', async ({ page }) => {
		await zhLearner(page, '陳大文');
		await page.goto('/drill');
		await page.getByTestId('drill-setup').locator('button[type="submit"]').click();
		const item = page.locator('[data-testid="drill-item"][data-image-ready="true"][data-stage="answering"]');
		await expect(item).toBeVisible({ timeout: 30_000 });

		// the records' code (dexie, loaded after the first image) does not arrive: the answer cannot be saved yet
		await page.route('**/_app/immutable/chunks/*.js', async (route) => {
			const fetched = await fetchRouted(route);
			if (!fetched) return;
			if (fetched.body.includes('DexieError')) await route.abort('internetdisconnected');
			else await route.fulfill(fetched);
		});
		await page.reload();
		await expect(item).toBeVisible({ timeout: 30_000 });
		await page.getByTestId('answers').locator('button').first().click();
		const failed = page.getByTestId('save-failed');
		await expect(failed).toContainText('應用程式的一部分未能下載');
		expect(await englishOn(page, 'save failed')).toEqual([]);
		await page.screenshot({ path: 'test-results/screenshots/zh-tw-part-not-downloaded.png' });
	});
});
