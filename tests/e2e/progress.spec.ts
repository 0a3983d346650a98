// Proves the Progress page end to end: a backup file imported through the Import button shows up
// as the right confusion-matrix totals, a cell lists exactly its attempts' thumbnails (by mouse and
// by keyboard), the period filter applies, export gives the same records back, and bad files get a
// clear message while nothing is written.
import { expect, test, type Page } from '@playwright/test';

const DAY = 86_400_000;
const LEARNER_ID = 'e2e-learner-0001';
const DRILL_ID = 'e2e-drill-0001';

type Row = { item: string; trueClass: string; answeredClass: string; modelClass?: string; daysAgo: number };

// 12 answers: monocyte 5 right + 3 called lymphocyte; lymphocyte 4 right (2 of them 10 days ago)
const rows: Row[] = [
	...[1, 2, 3, 4, 5].map((n) => ({
		item: `mono-${n}`,
		trueClass: 'monocyte',
		answeredClass: 'monocyte',
		modelClass: 'monocyte',
		daysAgo: 1
	})),
	...[6, 7, 8].map((n) => ({ item: `mono-${n}`, trueClass: 'monocyte', answeredClass: 'lymphocyte', modelClass: 'monocyte', daysAgo: 2 })),
	...[1, 2].map((n) => ({ item: `lymph-${n}`, trueClass: 'lymphocyte', answeredClass: 'lymphocyte', daysAgo: 2 })),
	...[3, 4].map((n) => ({ item: `lymph-${n}`, trueClass: 'lymphocyte', answeredClass: 'lymphocyte', modelClass: 'monocyte', daysAgo: 10 }))
];

function backup(now = Date.now()) {
	const startedAt = now - 11 * DAY;
	return {
		format: 'leukodex-learner-backup',
		schemaVersion: 1,
		exportedAt: new Date(now).toISOString(),
		learner: { schemaVersion: 1, id: LEARNER_ID, name: 'E2E Tester', createdAt: startedAt },
		drills: [
			{
				schemaVersion: 1,
				id: DRILL_ID,
				learnerId: LEARNER_ID,
				kind: 'drill',
				classes: ['monocyte', 'lymphocyte'],
				itemIds: rows.map((r) => r.item),
				position: rows.length,
				seed: 1,
				startedAt,
				finishedAt: now - DAY
			}
		],
		attempts: rows.map((r, i) => ({
			schemaVersion: 1,
			learnerId: LEARNER_ID,
			drillId: DRILL_ID,
			itemId: r.item,
			image: `bank/images/e2e/${r.item}.jpg`,
			provenance: 'real',
			trueClass: r.trueClass,
			answeredClass: r.answeredClass,
			correct: r.trueClass === r.answeredClass,
			msToAnswer: 1500,
			at: now - r.daysAgo * DAY + i * 1000,
			...(r.modelClass ? { modelClass: r.modelClass, modelConfidence: 0.8 } : {})
		}))
	};
}

async function importText(page: Page, name: string, text: string) {
	await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
	await expect(page.getByTestId('backup-message')).toBeVisible();
}

async function matrixTotal(page: Page, testid = 'matrix-learner'): Promise<number> {
	const counts = await page
		.getByTestId(testid)
		.locator('button[data-count]')
		.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
	return counts.reduce((a, b) => a + b, 0);
}

test.beforeEach(async ({ page }) => {
	await page.goto('/progress');
	await expect(page.getByTestId('no-learner')).toBeVisible();
});

test('an imported backup gives the matrix totals, cells list their attempts, the period filters', async ({ page }) => {
	await importText(page, 'backup.json', JSON.stringify(backup()));
	await expect(page.getByTestId('backup-message')).toContainText('12 new answers');
	await expect(page.getByTestId('stat-answers')).toHaveText('12');
	expect(await matrixTotal(page)).toBe(12);

	// mouse: monocyte called lymphocyte lists exactly those three images
	const learner = page.getByTestId('matrix-learner');
	const cell = learner.locator('button[data-true="monocyte"][data-answered="lymphocyte"]');
	await expect(cell).toHaveAttribute('data-count', '3');
	await cell.click();
	const list = page.getByTestId('cell-attempts');
	await expect(list).toBeVisible();
	const items = await list.locator('[data-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')).sort());
	expect(items).toEqual(['mono-6', 'mono-7', 'mono-8']);
	await expect(list.locator('img').first()).toHaveAttribute('src', /\/bank\/images\/e2e\/mono-[678]\.jpg$/);
	// these paths are not in the bank: each thumbnail says so instead of showing a broken image
	await expect(list.getByTestId('image-missing')).toHaveCount(3);

	// enlarge and close with Escape
	await list.locator('[data-item="mono-7"]').click();
	const dialog = page.locator('dialog[open]');
	await expect(dialog).toContainText('True class: Monocyte');
	await expect(dialog).toContainText('You: Lymphocyte');
	await expect(dialog).toContainText('Image no longer in the question bank');
	await page.keyboard.press('Escape');
	await expect(page.locator('dialog[open]')).toHaveCount(0);

	// keyboard: from monocyte→monocyte, ArrowDown then Enter opens lymphocyte→monocyte (empty)
	await learner.locator('button[data-true="monocyte"][data-answered="monocyte"]').focus();
	await page.keyboard.press('ArrowDown');
	await expect(learner.locator('button[data-true="lymphocyte"][data-answered="monocyte"]')).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
	const lymph = await list.locator('[data-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')).sort());
	expect(lymph).toEqual(['lymph-1', 'lymph-2', 'lymph-3', 'lymph-4']);

	// the model side: 10 of 12 answers have a model answer
	await expect(page.getByTestId('model-excluded')).toContainText('2');
	await expect(page.getByTestId('versus-you')).toHaveText('70%');
	await expect(page.getByTestId('versus-model')).toHaveText('80%');
	expect(await matrixTotal(page, 'matrix-vs-model')).toBe(10);
	expect(await matrixTotal(page, 'matrix-vs-learner')).toBe(10);

	// last 7 days leaves out the two answers from 10 days ago
	await page.getByLabel('Last 7 days').check();
	await expect(page.getByTestId('stat-answers')).toHaveText('10');
	expect(await matrixTotal(page)).toBe(10);
});

test('importing the same file again adds nothing, and export returns the same records', async ({ page }) => {
	const text = JSON.stringify(backup());
	await importText(page, 'backup.json', text);
	await expect(page.getByTestId('stat-answers')).toHaveText('12');
	await importText(page, 'backup.json', text);
	await expect(page.getByTestId('backup-message')).toContainText('Nothing new');
	await expect(page.getByTestId('stat-answers')).toHaveText('12');

	const download = page.waitForEvent('download');
	await page.getByTestId('export').click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^leukodex-E2E-Tester-\d{4}-\d{2}-\d{2}\.json$/);
	const exported = JSON.parse(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
	expect(exported.format).toBe('leukodex-learner-backup');
	expect(exported.learner.id).toBe(LEARNER_ID);
	expect(exported.attempts.map((a: { itemId: string }) => a.itemId).sort()).toEqual(rows.map((r) => r.item).sort());
});

test('invalid backup files get a clear message and nothing is imported', async ({ page }) => {
	await importText(page, 'notes.txt', 'this is not json');
	await expect(page.getByRole('alert')).toContainText('not valid JSON');

	await importText(page, 'other.json', JSON.stringify({ some: 'thing' }));
	await expect(page.getByRole('alert')).toContainText('not a Leukodex learner backup');

	const newer = { ...backup(), schemaVersion: 7 };
	await importText(page, 'newer.json', JSON.stringify(newer));
	await expect(page.getByRole('alert')).toContainText('newer version');

	const damaged = backup();
	(damaged.attempts[2] as Record<string, unknown>).trueClass = 'dragon';
	await importText(page, 'damaged.json', JSON.stringify(damaged));
	await expect(page.getByRole('alert')).toContainText('answer record at index 2');
	await expect(page.getByRole('alert')).toContainText('Nothing was imported');

	// still no learner, no records
	await page.reload();
	await expect(page.getByTestId('no-learner')).toBeVisible();
});

test('on 390 and 360 px phones no page scrolls sideways, and the matrix reads as lines of the answers given', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	const all = [
		'myeloblast',
		'promyelocyte',
		'myelocyte',
		'metamyelocyte',
		'band_neutrophil',
		'segmented_neutrophil',
		'eosinophil',
		'basophil',
		'monocyte',
		'lymphocyte',
		'erythroblast',
		'platelet'
	];
	// every class answered: 3 right, then once as each of the next two classes (12 columns of answers)
	const wide = backup();
	wide.attempts = all.flatMap((t, i) =>
		[t, t, t, all[(i + 1) % all.length]!, all[(i + 2) % all.length]!].map((answer, j) => ({
			...wide.attempts[0]!,
			itemId: `${t}-${j}`,
			image: `bank/images/e2e/${t}-${j}.jpg`,
			trueClass: t,
			answeredClass: answer,
			correct: answer === t,
			at: Date.now() - DAY + i * 10_000 + j * 1000
		}))
	);
	wide.drills[0]!.itemIds = wide.attempts.map((a) => a.itemId);
	wide.drills[0]!.classes = all;
	await importText(page, 'backup.json', JSON.stringify(wide));
	await expect(page.getByTestId('stat-answers')).toHaveText('60');

	const learner = page.getByTestId('matrix-learner');
	// the heatmap would show 6 of 12 columns here; the lines show every answer given
	await expect(learner.locator('figure')).toBeHidden();
	const line = learner.locator('[data-line-true="monocyte"]');
	await expect(line).toHaveCount(3);
	await expect(line.first()).toHaveText(/3 right \(60%\)/);
	await learner.locator('[data-line-true="monocyte"][data-line-answered="lymphocyte"]').click();
	const items = await page
		.getByTestId('cell-attempts')
		.locator('[data-item]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
	expect(items).toEqual(['monocyte-3']);
	await page.screenshot({ path: 'test-results/screenshots/progress-phone.png', fullPage: true });

	// and a narrower Android phone (360 px)
	for (const screen of [390, 360]) {
		await page.setViewportSize({ width: screen, height: 844 });
		for (const path of [
			'/progress',
			'/',
			'/drill',
			'/lessons',
			'/lessons/monocyte',
			'/model',
			'/check',
			'/review',
			'/inbox',
			'/instructor'
		]) {
			await page.goto(path);
			await expect(page.locator('main h1').first()).toBeVisible();
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(width, `${path} is ${width} px wide on a ${screen} px screen`).toBeLessThanOrEqual(screen);
			if (path === '/progress') {
				// you and the model side by side: the model's column must not be the one scrolled out of view
				const table = page.getByTestId('model-table');
				await expect(table.locator('tbody tr')).toHaveCount(12);
				const [scroll, client] = await table.evaluate((el) => [el.scrollWidth, el.clientWidth]);
				expect(scroll, `"You and the model" needs ${scroll} px of ${client} on a ${screen} px screen`).toBeLessThanOrEqual(client);
			}
		}
	}

	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/progress');
	await expect(learner.locator('figure')).toBeVisible();
	await expect(learner.locator('button[data-true="monocyte"][data-answered="lymphocyte"]')).toHaveAttribute('data-count', '1');
	await page.screenshot({ path: 'test-results/screenshots/progress-desktop.png', fullPage: true });
});
