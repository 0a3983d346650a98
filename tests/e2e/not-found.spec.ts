// Proves that a mistyped or outdated link gives a page that says so, in the learner's language, with a way home.
import { expect, test } from '@playwright/test';

test('a link to no page says "Page not found" and leads home, in both languages', async ({ page }) => {
	await page.goto('/lessons/no-such-cell/extra');
	await expect(page.getByTestId('error-page')).toContainText('Page not found');
	await page.evaluate(() => localStorage.setItem('leukodex.locale', 'zh-TW'));
	await page.goto('/no-such-page');
	await expect(page.getByTestId('error-page')).toContainText('找不到頁面');
	await page.getByTestId('error-page').getByRole('link').click();
	await expect(page).toHaveURL(/\/$/);
});
