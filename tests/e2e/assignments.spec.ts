// Proves the instructor ↔ trainee round trip with no server: an instructor composes an assignment
// and shares its link; a trainee in another browser context opens the link, takes the assignment
// (test mode: no feedback until the end) and downloads a results file; the instructor imports it
// together with a corrupted copy, sees the corrupted one refused with its reason, and reads the
// trainee's confusion matrix. Also: a damaged link is refused with a specific message and stores nothing.
import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';

interface BankJson {
	items: { id: string; label: string }[];
}

let labels: Map<string, string>;

test.beforeAll(async ({ request }) => {
	const bank = (await (await request.get('/bank/bank.json')).json()) as BankJson;
	labels = new Map(bank.items.map((item) => [item.id, item.label]));
});

const SHOTS = process.env.ASSIGN_SHOTS;

async function shot(page: Page, name: string) {
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function createLearner(page: Page, name: string) {
	await page.goto('/');
	await page.getByLabel('Your name').fill(name);
	await page.getByRole('button', { name: 'Create profile' }).click();
	await expect(page.getByTestId('learner-badge')).toContainText(name);
}

test(
	'an instructor assigns, a trainee completes it from the link, the instructor imports the results (and refuses a corrupted copy)',
	{ tag: '@assignments' },
	async ({ browser }, testInfo) => {
		// two browser contexts and a whole assignment: longer than one page's default budget on a shared 2-core machine
		test.setTimeout(180_000);
		const instructorContext = await browser.newContext();
		const instructor = await instructorContext.newPage();
		await instructor.goto('/instructor');
		await instructor.getByLabel('Instructor name').fill('Dr. Lin');
		await instructor.getByRole('button', { name: 'Create instructor profile' }).click();
		await expect(instructor.getByTestId('instructor-current')).toContainText('Dr. Lin');

		const builder = instructor.getByTestId('assignment-builder');
		await builder.getByLabel('Title').fill('Band or segmented?');
		await builder.getByLabel('Instructions for the trainees (optional)').fill('Look at the nucleus.');
		await builder.locator('input[data-class="band_neutrophil"]').fill('3');
		await builder.locator('input[data-class="segmented_neutrophil"]').fill('3');
		await expect(instructor.getByTestId('builder-total')).toHaveText('Images in all: 6');
		await builder.getByLabel('Test — feedback only at the end').check();
		await shot(instructor, 'builder-filled');
		await builder.getByRole('button', { name: 'Create assignment' }).click();

		const share = instructor.getByTestId('assignment-share');
		await expect(share).toBeVisible();
		await expect(share.getByTestId('share-qr')).toBeVisible();
		const link = await share.getByTestId('share-link').inputValue();
		expect(link).toMatch(/\/inbox#a=[A-Za-z0-9_-]+$/);
		await shot(instructor, 'builder-shared');

		// ---- the trainee, in a browser context of their own
		const traineeContext = await browser.newContext({ acceptDownloads: true });
		const trainee = await traineeContext.newPage();
		await createLearner(trainee, 'Tom');

		// a cut-off copy of the link is refused by name, and nothing is added
		await trainee.goto(link.slice(0, link.length - 30));
		await expect(trainee.getByTestId('inbox-refused')).toContainText('cut off or damaged');
		await expect(trainee.getByTestId('inbox-empty')).toBeVisible();

		await trainee.goto(link);
		await expect(trainee.getByTestId('inbox-added')).toContainText('Band or segmented?');
		const entry = trainee.getByTestId('inbox-entry');
		await expect(entry).toHaveCount(1);
		await expect(entry.getByTestId('inbox-status')).toHaveText('Not started');
		await shot(trainee, 'inbox');
		await entry.getByRole('link', { name: 'Start' }).click();
		await expect(trainee.getByTestId('assignment-intro')).toContainText('Look at the nucleus.');
		await trainee.getByRole('button', { name: 'Start' }).click();

		const answered: { trueClass: string; answeredClass: string }[] = [];
		for (let k = 0; k < 6; k++) {
			const item = trainee.locator(`[data-testid="drill-item"][data-index="${k}"][data-image-ready="true"][data-stage="answering"]`);
			await expect(item).toBeVisible();
			const trueClass = labels.get((await item.getAttribute('data-item-id'))!)!;
			// right on the first four, then two bands called segmented (or segmented called band)
			const answeredClass = k < 4 ? trueClass : trueClass === 'band_neutrophil' ? 'segmented_neutrophil' : 'band_neutrophil';
			answered.push({ trueClass, answeredClass });
			await trainee.locator(`[data-testid="answers"] button[data-class="${answeredClass}"]`).click();
			// test mode: no verdict is shown, the next item follows
			await expect(trainee.locator('[data-testid="answers"] button.truth')).toHaveCount(0);
		}
		await expect(trainee.getByTestId('assignment-score')).toHaveText('You answered 4 of 6 images correctly (67%).');
		// a test gave no feedback on the way: the end shows each miss with what tells the two classes apart
		const misses = trainee.getByTestId('miss');
		await expect(misses).toHaveCount(2);
		for (const [k, miss] of answered.slice(4).entries()) {
			const card = misses.nth(k);
			await expect(card).toHaveAttribute('data-class', miss.trueClass);
			await expect(card).toContainText(`You said: ${miss.answeredClass === 'band_neutrophil' ? 'Band' : 'Segmented'} neutrophil`);
			await expect(card.getByTestId('explanation-lead')).toBeVisible();
			await expect(card.getByRole('link', { name: /lesson/i })).toBeVisible();
		}
		await trainee.getByLabel('Your name for the instructor').fill('Tom Tran');
		const [download] = await Promise.all([trainee.waitForEvent('download'), trainee.getByTestId('download-results').click()]);
		const resultsPath = testInfo.outputPath('results-tom.json');
		await download.saveAs(resultsPath);
		await shot(trainee, 'assignment-done');
		await trainee.goto('/inbox');
		await expect(trainee.getByTestId('inbox-status')).toContainText('Done: 4 / 6 correct');
		await expect(trainee.getByTestId('inbox-status')).toContainText('Handed in as Tom Tran');

		// ---- back to the instructor: the results file plus a corrupted copy
		const text = await readFile(resultsPath, 'utf8');
		const corruptedPath = testInfo.outputPath('results-corrupted.json');
		await writeFile(corruptedPath, text.replace('"Tom Tran"', '"Tom Tram"'));
		await instructor.getByTestId('import-results-files').setInputFiles([resultsPath, corruptedPath]);
		const outcome = instructor.getByTestId('import-outcome');
		await expect(outcome).toContainText('1 added, 0 updated, 0 already here, 1 refused.');
		await expect(outcome.locator('li[data-status="refused"]')).toContainText('results-corrupted.json');
		await expect(outcome.locator('li[data-status="refused"]')).toContainText('checksum does not match');

		// importing the same file again does not count it twice
		await instructor.getByTestId('import-results-files').setInputFiles([resultsPath]);
		await expect(outcome).toContainText('0 added, 0 updated, 1 already here, 0 refused.');

		const dashboard = instructor.getByTestId('class-dashboard');
		await expect(dashboard.getByTestId('trainee-row')).toHaveCount(1);
		await expect(dashboard.getByTestId('trainee-row')).toContainText('Tom Tran');
		await dashboard.getByRole('button', { name: 'Matrix: Tom Tran' }).click();
		const matrix = dashboard.getByTestId('dashboard-matrix');
		await expect(matrix).toHaveAttribute('data-learner', 'Tom Tran');
		const cells = await matrix
			.locator('button[data-count]')
			.evaluateAll((buttons) =>
				buttons.map((b) => [b.getAttribute('data-true'), b.getAttribute('data-answered'), Number(b.getAttribute('data-count'))] as const)
			);
		const expected = new Map<string, number>();
		for (const a of answered)
			expected.set(`${a.trueClass}>${a.answeredClass}`, (expected.get(`${a.trueClass}>${a.answeredClass}`) ?? 0) + 1);
		for (const [t, a, count] of cells) expect(count, `${t} answered ${a}`).toBe(expected.get(`${t}>${a}`) ?? 0);
		expect(cells.reduce((n, c) => n + c[2], 0)).toBe(6);
		await expect(dashboard.getByTestId('item-row')).toHaveCount(6);
		await shot(instructor, 'dashboard');

		await instructorContext.close();
		await traineeContext.close();
	}
);
