import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [name, vp] of [
	['phone', { width: 390, height: 844 }],
	['desktop', { width: 1280, height: 900 }]
]) {
	const page = await browser.newPage({ viewport: vp });
	await page.goto('http://127.0.0.1:4300/model');
	await page.waitForTimeout(1000);
	await page.getByText('For engineers').click();
	await page.waitForTimeout(1500);
	for (const d of await page.locator('details').all()) await d.evaluate((e) => (e.open = true));
	await page.waitForTimeout(500);
	console.log(name, await page.evaluate(() => document.documentElement.scrollWidth));
	await page.screenshot({ path: `/tmp/shots/model-open-${name}.png`, fullPage: true });
}
await browser.close();
