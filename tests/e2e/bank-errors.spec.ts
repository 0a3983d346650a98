// Proves that a broken question bank is reported clearly and loses nothing: the importer refuses a
// corrupt manifest with one line per bad row and writes no bank, and the drill page explains a
// damaged or invalid bank.json instead of failing silently (on a desktop and a phone screen).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { createLearner } from './tutor-steps.ts';
import { fixtureSpec } from '../../src/lib/assignments/fixtures.ts';
import type { PlanItem } from '../../src/lib/assignments/plan.ts';
import { specToPayload } from '../../src/lib/assignments/results.ts';

// These tests stand in for the network (page.route): a service worker that already controls the page would
// fetch, or answer from its cache, past them. The worker has its own tests (offline.spec.ts).
test.use({ serviceWorkers: 'block' });

const SCREENSHOTS = 'test-results/screenshots';

test.describe('importer CLI', () => {
	let root: string;
	test.beforeAll(async () => {
		root = await mkdtemp(join(tmpdir(), 'leukodex-bank-errors-'));
	});
	test.afterAll(async () => {
		await rm(root, { recursive: true, force: true });
	});

	test('a corrupt manifest exits 1, names each bad row and writes no bank', async () => {
		const dataset = join(root, 'datasets', 'corrupt-lab');
		await mkdir(dataset, { recursive: true });
		await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 180, g: 120, b: 200 } } })
			.jpeg()
			.toFile(join(dataset, 'ok.jpg'));
		await writeFile(join(dataset, 'broken.jpg'), 'not an image');
		await writeFile(
			join(dataset, 'manifest.csv'),
			[
				'id,file,label',
				'c1,ok.jpg,lymphocyte',
				'c2,ok.jpg,lymphocite',
				'c3,broken.jpg,monocyte',
				'c1,ok.jpg,lymphocyte',
				'c4,"ok.jpg'
			].join('\n')
		);
		const out = join(root, 'static', 'bank');
		const result = spawnSync(resolve('node_modules/.bin/tsx'), ['question-bank/import.ts', dataset, '--out', out, '--no-model'], {
			encoding: 'utf8',
			timeout: 60_000
		});
		expect(result.status).toBe(1);
		const manifest = join(dataset, 'manifest.csv');
		expect(result.stderr).toContain('The question bank was not built');
		// the unclosed quote makes the whole file unreadable as CSV, so it is reported alone
		expect(result.stderr).toContain(`${manifest} line 6: not valid CSV: a quoted field is never closed`);

		// Fix the quote: now every bad row is listed with its line, id and problem.
		await writeFile(
			join(dataset, 'manifest.csv'),
			[
				'id,file,label',
				'c1,ok.jpg,lymphocyte',
				'c2,ok.jpg,lymphocite',
				'c3,broken.jpg,monocyte',
				'c1,ok.jpg,lymphocyte',
				'c4,gone.jpg,monocyte'
			].join('\n')
		);
		const again = spawnSync(resolve('node_modules/.bin/tsx'), ['question-bank/import.ts', dataset, '--out', out, '--no-model'], {
			encoding: 'utf8',
			timeout: 60_000
		});
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('4 problems in 1 manifest. Nothing was written.');
		expect(again.stderr).toContain(`${manifest} line 3 (id c2): unknown label "lymphocite"`);
		expect(again.stderr).toMatch(new RegExp(`line 4 \\(id c3\\): image cannot be decoded .*: broken\\.jpg`));
		expect(again.stderr).toContain(`${manifest} line 5 (id c1): duplicate id (first used on line 2)`);
		expect(again.stderr).toContain(`${manifest} line 6 (id c4): image file not found: gone.jpg`);
		expect(again.stderr).toContain('--skip-bad');
		expect(existsSync(join(root, 'static'))).toBe(false);
		expect(await readdir(root)).toEqual(['datasets']);
	});
});

test.describe('damaged bank.json in the browser', () => {
	const cases = [
		{ name: 'malformed JSON', body: '{"schemaVersion": 1, "items": [', expected: 'The question bank file is damaged (not valid JSON)' },
		{
			name: 'valid JSON, wrong shape',
			body: '{"schemaVersion": 1, "items": "none"}',
			expected: 'The question bank (bank.json) is not valid'
		}
	];
	for (const { name, body, expected } of cases) {
		test(`the drill page explains ${name}`, async ({ page }) => {
			await page.route('**/bank/bank.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
			await page.goto('/drill');
			const notice = page.getByTestId('bank-error');
			await expect(notice).toBeVisible();
			await expect(notice).toContainText(expected);
			await expect(notice.getByRole('button')).toBeVisible();
		});
	}

	test('"Try again" loads the bank once it is back, and every page then has it without fetching it again', async ({ page }) => {
		await page.route('**/bank/bank.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
		await page.goto('/drill');
		const notice = page.getByTestId('bank-error');
		await expect(notice).toContainText('503');
		await page.unroute('**/bank/bank.json');
		const fetched: string[] = [];
		page.on('request', (request) => {
			if (request.url().endsWith('/bank/bank.json')) fetched.push(request.url());
		});
		await notice.getByRole('button').click();
		await expect(notice).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Go to profiles' })).toBeVisible();
		// the home page (client-side navigation) shows the bank the retry loaded
		await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();
		await expect(page.getByTestId('bank-status')).toContainText('images');
		await expect(page.getByTestId('bank-status').getByRole('alert')).toHaveCount(0);
		expect(fetched).toHaveLength(1);
	});

	for (const { path, ready } of [
		{ path: '/review', ready: '[data-testid="start-review"]' },
		{ path: '/realism', ready: '[data-testid="realism-start"], [data-testid="no-synthetic"]' },
		{ path: '/lessons/monocyte', ready: '[data-testid="lesson-examples"] img' }
	]) {
		test(`${path}: the bank's problem with a "Try again" that works once the bank is back`, async ({ page }) => {
			await page.route('**/bank/bank.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
			await createLearner(page, 'Rosa Retry');
			// a client-side navigation: the page gets the bank the root layout's load already failed to fetch
			await page.evaluate((to) => {
				const link = Object.assign(document.createElement('a'), { href: to });
				document.body.append(link);
				link.click();
			}, path);
			await page.waitForURL(`**${path}`);
			const notice = page.getByTestId('bank-error');
			await expect(notice).toContainText('503');
			await page.unroute('**/bank/bank.json');
			await notice.getByRole('button', { name: 'Try again' }).click();
			await expect(notice).toHaveCount(0);
			await expect(page.locator(ready).first()).toBeVisible();
		});
	}

	test('an assignment link opened while the bank is unreachable says so; opened again once it is back, it is added', async ({
		page,
		request
	}) => {
		const bank = (await (await request.get('/bank/bank.json')).json()) as { items: PlanItem[] };
		const link = `/inbox#a=${specToPayload(fixtureSpec(bank.items))}`;
		await page.route('**/bank/bank.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
		await createLearner(page, 'Ina Inbox');
		await page.goto(link);
		await expect(page.getByTestId('inbox-page').getByRole('alert')).toContainText('The question bank could not be loaded (HTTP 503)');
		await expect(page.getByTestId('inbox-added')).toHaveCount(0);
		await page.unroute('**/bank/bank.json');
		// the same link again (the page is already open: only its fragment changes)
		await page.goto(link);
		await expect(page.getByTestId('inbox-added')).toContainText('Band or segmented?');
		await expect(page.getByTestId('inbox-page').getByRole('alert')).toHaveCount(0);
	});

	test('the problem is worded in the chosen language, and switches with it', async ({ page }) => {
		await page.addInitScript(() => localStorage.setItem('leukodex.locale', 'zh-TW'));
		await page.route('**/bank/bank.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
		await page.goto('/drill');
		const notice = page.getByTestId('bank-error');
		await expect(notice).toContainText('尚未建立題庫');
		await expect(notice).toContainText('npm run bank');
		await page.getByRole('button', { name: 'English' }).click();
		await expect(notice).toContainText('No question bank has been built yet');
	});

	test('the damaged-bank message fits a phone screen', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.route('**/bank/bank.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{oops' }));
		await page.goto('/drill');
		const notice = page.getByTestId('bank-error');
		await expect(notice).toContainText('damaged');
		const box = await notice.boundingBox();
		expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await page.screenshot({ path: `${SCREENSHOTS}/bank-damaged-phone.png`, fullPage: true });
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.screenshot({ path: `${SCREENSHOTS}/bank-damaged-desktop.png` });
	});
});
