// Proves: /lessons lists every class by lineage with its drill-image status, and a lesson page shows its heading,
// key features, sanitised lesson text with look-alike links and real bank images (with a larger view), says when
// a class has no drill images, and follows the UI language to the Traditional Chinese lesson.
import { expect, test, type Page } from '@playwright/test';

// These tests stand in for the network (page.route): a service worker that already controls the page would
// fetch, or answer from its cache, past them. The worker has its own tests (offline.spec.ts).
test.use({ serviceWorkers: 'block' });

async function openLesson(page: Page, id: string) {
	await page.goto(`/lessons/${id}`);
	await expect(page.getByTestId('lesson-body')).toBeVisible();
}

test('the index groups all 15 classes by lineage, the neutrophil series in maturation order', async ({ page }) => {
	await page.goto('/lessons');
	await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
	const entries = page.getByTestId(/^lesson-entry-/);
	await expect(entries).toHaveCount(15);

	const granulocytes = page.getByRole('region', { name: 'Granulocytes' });
	await expect(granulocytes.locator('ol .name')).toHaveText([
		/Myeloblast/,
		/Promyelocyte/,
		/^\s*Stage 3\s*Myelocyte/,
		/Metamyelocyte/,
		/Band neutrophil/,
		/Segmented neutrophil/
	]);

	// drill-image status comes from the bank: imported classes have a count, the others say so
	await expect(page.getByTestId('lesson-entry-segmented_neutrophil').getByTestId('image-count')).toHaveText(/\d+ drill images/);
	await expect(page.getByTestId('lesson-entry-smudge_cell').getByTestId('image-count')).toHaveText('No drill images yet');

	await page.getByRole('link', { name: /Monocyte/ }).click();
	await expect(page).toHaveURL(/\/lessons\/monocyte$/);
	await expect(page.getByTestId('lesson-title')).toHaveText('Monocyte');
});

test('a lesson page shows heading, key features, lesson sections and bank images', async ({ page }) => {
	await openLesson(page, 'segmented_neutrophil');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Segmented neutrophil');

	const features = page.getByTestId('key-features');
	await expect(features.getByRole('row', { name: /Size/ })).toContainText('10–15 µm');
	await expect(features.getByRole('row', { name: /Nucleus-to-cytoplasm \(N:C\) ratio/ })).toContainText('20%–35%');
	await expect(features.getByRole('row', { name: /In normal adult blood/ })).toContainText('40–80%');

	const body = page.getByTestId('lesson-body');
	for (const section of ['Morphology', 'How to tell it from its look-alikes', 'Clinical significance', 'Sources']) {
		await expect(body.getByRole('heading', { level: 2, name: section })).toBeVisible();
	}
	await expect(body).toContainText('one-third of the width of the widest part of the nucleus');
	await expect(body.locator('script')).toHaveCount(0);

	// 4–6 real images, actually decoded (not broken links)
	const thumbs = page.getByTestId('lesson-examples').getByRole('button', { name: /Segmented neutrophil, example \d of \d/ });
	const count = await thumbs.count();
	expect(count).toBeGreaterThanOrEqual(4);
	expect(count).toBeLessThanOrEqual(6);
	const first = thumbs.first().locator('img');
	await first.scrollIntoViewIfNeeded();
	await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
	await expect(first).toHaveAttribute('loading', 'lazy');

	await thumbs.first().click();
	const viewer = page.getByTestId('example-viewer');
	await expect(viewer).toBeVisible();
	await expect(viewer.locator('img')).toHaveAttribute('src', /bank\/images\//);
	await page.keyboard.press('Escape');
	await expect(viewer).toHaveCount(0);
});

test('look-alike headings link to their lessons', async ({ page }) => {
	await openLesson(page, 'metamyelocyte');
	const link = page.getByTestId('lesson-body').getByRole('heading', { level: 3, name: 'Band neutrophil' }).getByRole('link');
	await link.click();
	await expect(page).toHaveURL(/\/lessons\/band_neutrophil$/);
	await expect(page.getByTestId('lesson-title')).toHaveText('Band neutrophil');
});

test('a class without bank images still has its full lesson and says so', async ({ page }) => {
	await openLesson(page, 'reactive_lymphocyte');
	await expect(page.getByTestId('no-drill-images')).toBeVisible();
	await expect(page.getByTestId('lesson-body').getByRole('heading', { level: 3 })).toHaveCount(3);
});

test('switching the language to Traditional Chinese shows the Chinese lesson', async ({ page }) => {
	await openLesson(page, 'erythroblast');
	await expect(page.getByTestId('lesson-title')).toHaveText('Nucleated red blood cell (NRBC)');

	await page.getByRole('button', { name: '繁體中文' }).click();
	await expect(page.getByTestId('lesson-title')).toHaveText('有核紅血球');
	await expect(page.getByTestId('lesson-body').getByRole('heading', { level: 2, name: '形態特徵' })).toBeVisible();
	await expect(page.getByTestId('key-features').getByRole('row', { name: /大小/ })).toContainText('8–12 µm');
	await expect(page.getByTestId('lesson-body')).toContainText('每 100 個白血球');

	await page.reload();
	await expect(page.getByTestId('lesson-title')).toHaveText('有核紅血球');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByTestId('lesson-title')).toHaveText('Nucleated red blood cell (NRBC)');
});

test('an unknown class gets a clear message and a way back', async ({ page }) => {
	await page.goto('/lessons/not_a_cell');
	await expect(page.getByRole('alert')).toContainText('There is no lesson for “not_a_cell”.');
	await page.getByRole('link', { name: 'All lessons' }).click();
	await expect(page).toHaveURL(/\/lessons$/);
});

test('without a built question bank the lesson still reads, and the missing images are explained', async ({ page }) => {
	await page.route('**/bank/bank.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
	await openLesson(page, 'monocyte');
	await expect(page.getByTestId('key-features')).toBeVisible();
	const examples = page.getByTestId('lesson-examples');
	await expect(examples.getByRole('alert')).toContainText('No question bank has been built yet');
	await expect(examples.getByRole('button', { name: 'Try again' })).toBeVisible();

	await page.goto('/lessons');
	await expect(page.getByText(/Drill image counts are not available/)).toBeVisible();
	await expect(page.getByTestId(/^lesson-entry-/)).toHaveCount(15);
});
