// Proves that every page has its own title in the learner's language (each route's load gives it;
// the root layout renders it once), that a language switch retitles the page, and that the error
// page's title is its own.
import { expect, test } from '@playwright/test';

const titles: [path: string, en: string, zhTW: string][] = [
	['/', 'Leukodex — learn to tell white blood cells apart', 'Leukodex — 學習辨識白血球'],
	['/drill', 'Drill · Leukodex', '練習 · Leukodex'],
	['/progress', 'Your progress · Leukodex', '學習進度 · Leukodex'],
	['/lessons', 'Lessons · Leukodex', '課程 · Leukodex'],
	['/lessons/basophil', 'Basophil · Lessons · Leukodex', '嗜鹼性球 · 課程 · Leukodex']
];

test('each page has its own title, in English and in Traditional Chinese', async ({ page }) => {
	for (const [path, en] of titles) {
		await page.goto(path);
		await expect(page, path).toHaveTitle(en);
	}
	await page.evaluate(() => localStorage.setItem('leukodex.locale', 'zh-TW'));
	for (const [path, , zhTW] of titles) {
		await page.goto(path);
		await expect(page, path).toHaveTitle(zhTW);
	}
	// switching the language on a page retitles it at once
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page).toHaveTitle('Basophil · Lessons · Leukodex');
	// the not-found page has one title, its own
	await page.goto('/no-such-page');
	await expect(page).toHaveTitle('Page not found · Leukodex');
	expect(await page.locator('head title').count()).toBe(1);
});
