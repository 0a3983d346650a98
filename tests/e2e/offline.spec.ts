// Proves that after one visit and "Make the drill images available offline" the app works with no
// network at all: a whole drill (with a reload in the middle and on feedback), a lesson, and the
// progress page, served by the service worker from its caches.
import { expect, test, type Page } from '@playwright/test';

async function readyItem(page: Page) {
	const item = page.locator('[data-testid="drill-item"][data-image-ready="true"][data-stage="answering"]');
	await expect(item).toBeVisible({ timeout: 20_000 });
	return { id: (await item.getAttribute('data-item-id'))!, index: Number(await item.getAttribute('data-index')) };
}

/** A first visit: a new learner, and the service worker has cached the shell and controls the page. */
async function firstVisit(page: Page, name: string) {
	await page.goto('/');
	await page.getByLabel('Your name').fill(name);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('learner-badge')).toContainText(name);
	await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 });
	await expect(page.getByTestId('shell-status')).toContainText('drills work without internet');
}

test(
	'after one visit the app works offline: a drill, reloads, a lesson and the progress page',
	{ tag: '@offline' },
	async ({ page, context }) => {
		test.setTimeout(900_000);
		await firstVisit(page, 'Offline Olu');
		await expect(page.getByTestId('storage-use')).toContainText('Storage used by this app');
		await expect(page.getByTestId('offline-panel')).toContainText(/About \d+(\.\d)? MB, once\./);

		await page.getByTestId('download-images').click();
		await expect(page.locator('[data-testid="offline-panel"] progress')).toBeVisible();
		await expect(page.getByTestId('download-done')).toContainText('All drill images are stored', { timeout: 600_000 });

		await context.setOffline(true);
		expect(
			await page.evaluate(() =>
				fetch('https://example.invalid/').then(
					() => 'online',
					() => 'offline'
				)
			)
		).toBe('offline');

		await page.goto('/drill');
		await page.getByRole('button', { name: 'Start drill' }).click();
		for (let k = 0; k < 10; k++) {
			const item = await readyItem(page);
			expect(item.index).toBe(k);
			if (k === 3) {
				await page.reload();
				expect(await readyItem(page)).toEqual(item);
			}
			await page.getByTestId('answers').locator('button').first().click();
			await expect(page.getByTestId('feedback')).toBeVisible();
			if (k === 6) {
				// reloading on the feedback shows the same feedback again, not the next item
				const verdict = await page.getByTestId('true-class').textContent();
				await page.reload();
				await expect(page.getByTestId('feedback')).toBeVisible();
				await expect(page.getByTestId('true-class')).toHaveText(verdict!);
				await expect(page.getByTestId('drill-progress')).toHaveText(`Item ${k + 1} of 10`);
			}
			await page.getByTestId('next').click();
		}
		await expect(page.getByRole('heading', { name: 'Drill complete' })).toBeVisible();

		await page.reload();
		await expect(page.getByTestId('drill-setup')).toBeVisible();

		await page.goto('/lessons/basophil');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Basophil');

		await page.goto('/progress');
		await expect(page.getByTestId('stat-answers')).toHaveText('10');
		await context.setOffline(false);
	}
);

test('a new version is announced with a reload button, and reloading switches to it', { tag: '@offline' }, async ({ page }) => {
	await page.goto('/');
	await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 });
	await expect(page.getByTestId('update-ready')).toHaveCount(0);

	// the next release: a worker script the registration has not run (another URL for the same scope is, to
	// the browser, a new version to install beside the running one, as a new build's script is)
	await page.evaluate(async () => {
		const current = await navigator.serviceWorker.getRegistration();
		await navigator.serviceWorker.register(`${new URL(current!.active!.scriptURL).pathname}?release=next`, { scope: current!.scope });
	});
	const banner = page.getByTestId('update-ready');
	await expect(banner).toBeVisible({ timeout: 30_000 });
	await expect(banner).toContainText('A new version');
	const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
	expect(before).toBeTruthy();

	const reloaded = page.waitForEvent('load');
	await banner.getByRole('button').click();
	await reloaded;
	await expect(page.getByTestId('update-ready')).toHaveCount(0);
	// the page is now controlled by the worker that was waiting
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toContain('release=next');
	expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
	await expect(page.locator('main h1').first()).toBeVisible();
});

test(
	'a device with no room left: the download says so and keeps what it stored, and images still show online',
	{ tag: '@offline' },
	async ({ page, context }) => {
		test.setTimeout(300_000);
		await firstVisit(page, 'Full Phone Fay');

		// the browser lets this site store only about 300 kB more (a phone whose storage is nearly full)
		const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
		const cdp = await context.newCDPSession(page);
		await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: usage + 300_000 });

		await page.getByTestId('download-images').click();
		const full = page.getByTestId('download-full');
		await expect(full).toContainText('This device has no room left for the drill images', { timeout: 240_000 });
		const [stored, total] = (await full.textContent())!
			.match(/(\d[\d,]*) of (\d[\d,]*) are stored/)!
			.slice(1)
			.map((n) => Number(n.replace(/,/g, '')));
		expect(stored).toBeGreaterThan(0); // what fitted is kept…
		expect(stored).toBeLessThan(total!); // …and the rest is not claimed
		await expect(page.getByTestId('images-status')).toContainText(`${stored!.toLocaleString('en')} of`);
		await expect(page.getByTestId('download-images'), 'the learner can try again after freeing space').toBeVisible();
		await page.getByTestId('offline-panel').screenshot({ path: 'test-results/screenshots/offline-device-full.png' });

		// an image the device has no room for still reaches the drill: the service worker passes it on unstored
		const result = await page.evaluate(async () => {
			const bank = (await (await fetch('/bank/bank.json')).json()) as { items: { image: string }[] };
			const cache = await caches.open('leukodex-images-v1');
			const kept = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
			const path = bank.items.map((item) => `/${item.image}`).find((p) => !kept.has(p))!;
			const response = await fetch(path);
			return { status: response.status, bytes: (await response.arrayBuffer()).byteLength, storedNow: !!(await cache.match(path)) };
		});
		expect(result.status).toBe(200);
		expect(result.bytes).toBeGreaterThan(1000);
		expect(result.storedNow).toBe(false);
		await cdp.detach();
	}
);
