// Proves that every page passes axe-core (WCAG 2.x A/AA rules) with zero violations in both
// languages, in the states a learner sees: drill setup, an item, its feedback, the summary, a
// progress page with answers, lessons, the model page with its engineering details open, and
// Check my image. Experimental rules too: label-content-name-mismatch (WCAG 2.5.3) is one of them.
import { expect, test, type Page } from '@playwright/test';
import { axe } from './axe.ts';
import { withSyntheticItems } from './synthetic-items.ts';

async function setLanguage(page: Page, language: 'en' | 'zh-TW') {
	await page.goto('/');
	await page.evaluate((l) => localStorage.setItem('leukodex.locale', l), language);
	await page.reload();
}

async function learnerWithAnswers(page: Page, name: string) {
	await page.goto('/');
	await page.locator('#new-learner-name').fill(name);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('learner-badge')).toContainText(name);
}

for (const language of ['en', 'zh-TW'] as const) {
	test(`every page has zero axe violations (${language})`, { tag: '@a11y' }, async ({ page }) => {
		test.setTimeout(600_000);
		await setLanguage(page, language);
		await learnerWithAnswers(page, `Axe ${language}`);
		await axe(page, 'home');

		await page.goto('/drill');
		await expect(page.getByTestId('drill-setup')).toBeVisible({ timeout: 30_000 });
		await axe(page, 'drill setup');
		await page.getByTestId('drill-setup').locator('button[type="submit"]').click();
		for (let k = 0; k < 10; k++) {
			await expect(page.locator('[data-testid="drill-item"][data-image-ready="true"][data-stage="answering"]')).toBeVisible({
				timeout: 30_000
			});
			if (k === 0) await axe(page, 'drill item');
			await page
				.getByTestId('answers')
				.locator('button')
				.nth(k % 3)
				.click();
			await expect(page.getByTestId('feedback')).toBeVisible();
			if (k === 0) await axe(page, 'drill feedback');
			await page.getByTestId('next').click();
		}
		await expect(page.getByTestId('drill-item')).toHaveCount(0);
		await axe(page, 'drill summary');

		await page.goto('/progress');
		await expect(page.getByTestId('summary')).toBeVisible({ timeout: 30_000 });
		await page.getByTestId('terms').locator('summary').click();
		await axe(page, 'progress');

		await page.goto('/lessons');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await axe(page, 'lessons');
		await page.goto('/lessons/monocyte');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await axe(page, 'lesson');

		await page.goto('/model');
		await expect(page.getByTestId('model-plain')).toBeVisible({ timeout: 30_000 });
		await page.getByTestId('engineers').locator('summary').first().click();
		await axe(page, 'model');

		await page.goto('/check');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await axe(page, 'check');

		await withSyntheticItems(page, ['promyelocyte', 'basophil']);
		await page.goto('/realism');
		await page.getByTestId('realism-start').click();
		await expect(page.getByTestId('realism-image')).toBeVisible();
		await axe(page, 'real or synthetic');
		await page.getByTestId('say-real').click();
		await expect(page.getByTestId('realism-feedback')).toBeVisible();
		await axe(page, 'real or synthetic feedback');
		// answered until a synthetic image has been judged; a reload then shows the tables, the one by cell type too
		for (let k = 0; k < 19 && (await page.getByTestId('realism-feedback').getAttribute('data-truth')) !== 'synthetic'; k++) {
			await page.getByTestId('realism-next').click();
			await page.getByTestId('say-real').click();
			await expect(page.getByTestId('realism-feedback')).toBeVisible();
		}
		await page.reload();
		await expect(page.getByTestId('realism-by-class')).toBeVisible();
		await axe(page, 'real or synthetic tables');
	});
}
