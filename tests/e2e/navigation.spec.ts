// Proves that on a phone or tablet the main navigation is one line (on a phone it took three to four lines above
// every page; at 1,024 px the last sections were cut off in a sideways scroll) and the other sections open under
// "More", in both languages at 360, 390 and 1,024 px; that "More" shows when the page you are on is one of them,
// closes on navigation and on Escape, and passes axe open; and that a wide screen shows every section at once.
import { expect, test, type Page } from '@playwright/test';
import { axe } from './axe.ts';

const SECTIONS = 10;

async function visibleTops(page: Page) {
	return page
		.locator('#site-nav')
		.locator('a:visible, button:visible')
		.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
}

for (const language of ['en', 'zh-TW'] as const) {
	test(`on a phone or tablet the sections used most fit one line and the rest open under More (${language})`, async ({ page }) => {
		await page.goto('/');
		await page.evaluate((l) => localStorage.setItem('leukodex.locale', l), language);
		const more = page.getByTestId('nav-more');
		const names = language === 'en' ? { lessons: 'Lessons', model: 'Model' } : { lessons: '課程', model: '模型' };
		for (const width of [390, 360, 1024]) {
			await page.setViewportSize({ width, height: 844 });
			await page.goto('/lessons');
			await expect(page.locator('main h1')).toBeVisible();
			const closed = await visibleTops(page);
			expect(closed, `${width} px: Home, Drill, Review, Progress and More`).toHaveLength(5);
			expect(new Set(closed).size, `${width} px: in one line`).toBe(1);
			// the page you are on is under "More": the button is marked, as the current link would be
			await expect(more).toHaveAttribute('aria-expanded', 'false');
			await expect(more).toHaveClass(/holds-current/);

			await more.click();
			await expect(more).toHaveAttribute('aria-expanded', 'true');
			expect(await visibleTops(page)).toHaveLength(SECTIONS + 1);
			expect(await page.locator('#site-nav').evaluate((ul) => ul.scrollWidth <= ul.clientWidth), 'nothing cut off').toBe(true);
			await expect(page.locator('#site-nav').getByRole('link', { name: names.lessons })).toHaveAttribute('aria-current', 'page');
			if (width === 360) await axe(page, `navigation open, ${width} px`);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

			// Escape closes it from a link inside and gives the focus back to the button
			await page.locator('#site-nav').getByRole('link', { name: names.model }).focus();
			await page.keyboard.press('Escape');
			await expect(more).toHaveAttribute('aria-expanded', 'false');
			await expect(more).toBeFocused();

			// following a link closes it
			await more.click();
			await page.locator('#site-nav').getByRole('link', { name: names.model }).click();
			await expect(page).toHaveURL(/\/model$/);
			await expect(more).toHaveAttribute('aria-expanded', 'false');
			await expect(more).toHaveClass(/holds-current/);
			expect(await visibleTops(page)).toHaveLength(5);
		}
		await page.screenshot({ path: `test-results/screenshots/nav-phone-${language}.png` });

		// a page of the first four: "More" is not marked
		await page.goto('/progress');
		await expect(page.locator('main h1')).toBeVisible();
		await expect(more).not.toHaveClass(/holds-current/);

		// a wide screen shows every section and no "More"
		await page.setViewportSize({ width: 1280, height: 900 });
		await expect(more).toBeHidden();
		const desktop = await visibleTops(page);
		expect(desktop).toHaveLength(SECTIONS);
		expect(new Set(desktop).size).toBe(1);
	});
}
