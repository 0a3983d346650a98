// Proves the Check page's unfamiliar-image rule: a picture that is not a white cell (a drawing of a house,
// random noise) gets "the model cannot judge this picture" and no class as the answer, while a real cell from
// the bank gets its answer as before. Screenshots of both, on a desktop and a phone screen.
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';

const SCREENSHOTS = 'test-results/screenshots';

const HOUSE = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><rect width="320" height="320" fill="#fff"/>
<rect x="80" y="150" width="160" height="120" fill="#c0392b" stroke="#000" stroke-width="4"/>
<polygon points="70,150 160,70 250,150" fill="#2980b9" stroke="#000" stroke-width="4"/>
<rect x="145" y="200" width="30" height="70" fill="#fff" stroke="#000" stroke-width="3"/>
<circle cx="270" cy="50" r="28" fill="#f1c40f"/></svg>`;

async function openCheck(page: Page) {
	await page.goto('/check');
	await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer) {
	await page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer });
	await expect(page.getByTestId('prediction')).toBeVisible({ timeout: 30_000 });
}

test('a drawing of a house and random noise are called unfamiliar, with no class given as the answer', async ({ page, request }) => {
	const card = await (await request.get('/models/classifier/card.json')).json();
	expect(card.unfamiliar, 'the served model has no unfamiliar rule').toBeTruthy();
	await openCheck(page);

	await upload(page, 'house.png', 'image/png', await sharp(Buffer.from(HOUSE)).png().toBuffer());
	const notice = page.getByTestId('unfamiliar');
	await expect(notice).toBeVisible();
	await expect(notice).toContainText('unlike the cells the model learned from');
	// the would-be answer is only inside a closed "not reliable" disclosure
	await expect(page.getByTestId('top-classes')).toBeHidden();
	await expect(page.getByTestId('no-warnings')).toHaveCount(0);
	await page.screenshot({ path: `${SCREENSHOTS}/check-unfamiliar-house.png`, fullPage: true });

	const noise = Buffer.alloc(256 * 256 * 3);
	for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) % 251;
	await upload(
		page,
		'noise.png',
		'image/png',
		await sharp(noise, { raw: { width: 256, height: 256, channels: 3 } })
			.png()
			.toBuffer()
	);
	await expect(page.getByTestId('unfamiliar')).toBeVisible();
});

test('a real white cell from the bank is not unfamiliar and gets its answer', async ({ page, request }) => {
	const bank = await (await request.get('/bank/bank.json')).json();
	const item = bank.items.find((i: { label: string }) => i.label === 'lymphocyte') ?? bank.items[0];
	const image = await request.get(`/${item.image}`);
	expect(image.ok()).toBe(true);
	await openCheck(page);
	await upload(page, 'cell.jpg', 'image/jpeg', await image.body());
	await expect(page.getByTestId('unfamiliar')).toHaveCount(0);
	await expect(page.getByTestId('top-classes')).toBeVisible();
	await page.screenshot({ path: `${SCREENSHOTS}/check-familiar-cell.png`, fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: `${SCREENSHOTS}/check-familiar-cell-phone.png`, fullPage: true });
});
