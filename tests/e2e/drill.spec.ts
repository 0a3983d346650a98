// Proves that a new learner can do a whole drill with the keyboard alone, that a reload resumes the
// same item, that every answer reaches the progress page's confusion matrix, and that the drill
// fits a phone screen. Runs against the production build and the real bank (static/bank).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { CELL_CLASSES } from '../../src/lib/cells/taxonomy.ts';
import { fetchRouted } from './routed.ts';

// These tests stand in for the network (page.route): a service worker that already controls the page would
// fetch, or answer from its cache, past them. The worker has its own tests (offline.spec.ts).
test.use({ serviceWorkers: 'block' });

interface BankJson {
	items: { id: string; label: string }[];
}

let labels: Map<string, string>;

test.beforeAll(async ({ request }) => {
	const response = await request.get('/bank/bank.json');
	expect(response.ok(), 'static/bank/bank.json must exist: run `npm run bank` first').toBe(true);
	const bank = (await response.json()) as BankJson;
	labels = new Map(bank.items.map((item) => [item.id, item.label]));
});

async function createLearner(page: Page, name: string) {
	await page.goto('/');
	const field = page.getByLabel('Your name');
	await field.focus();
	await page.keyboard.type(name);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('learner-badge')).toContainText(name);
}

/** Waits until the drill shows an image that has loaded and can be answered; returns its item id. */
async function currentItem(page: Page): Promise<{ id: string; index: number }> {
	const item = page.locator('[data-testid="drill-item"][data-image-ready="true"][data-stage="answering"]');
	await expect(item).toBeVisible();
	const id = (await item.getAttribute('data-item-id'))!;
	const index = Number(await item.getAttribute('data-index'));
	// the image really is on screen, decoded, at a real size
	const size = await page.locator('[data-testid="drill-item"] img').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.complete]);
	expect(size[0]).toBeGreaterThan(0);
	return { id, index };
}

async function keyFor(page: Page, cellClass: string): Promise<string> {
	return (await page.locator(`[data-testid="answers"] button[data-class="${cellClass}"]`).getAttribute('aria-keyshortcuts'))!;
}

/** Answer buttons whose visible name runs into (or past) the button's border: their text, or [] when every name fits. */
async function crowdedAnswers(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('[data-testid="answers"] button')].flatMap((button) => {
			const label = [...button.querySelectorAll('span')].find((span) => span.getClientRects().length > 0);
			if (!label) return [];
			const edge = button.getBoundingClientRect().right - parseFloat(getComputedStyle(button).borderRightWidth);
			// at least 4 px of space between the text and the border (half the padding of a roomy button)
			return label.getBoundingClientRect().right > edge - 4 ? [label.textContent ?? ''] : [];
		})
	);
}

test('a new learner completes a 10-item drill by keyboard, resumes after a reload, and sees every answer in the matrix', async ({
	page
}) => {
	await createLearner(page, 'Keyboard Kim');
	await page.goto('/drill');
	await expect(page.getByTestId('drill-setup')).toBeVisible();
	// defaults: every class with images, 10 items; start from the keyboard
	await page.getByRole('button', { name: 'Start drill' }).focus();
	await page.keyboard.press('Enter');

	const given: { itemId: string; trueClass: string; answeredClass: string }[] = [];
	const seen = new Set<string>();
	const nextKeys = ['Enter', 'n', ' '];

	for (let k = 0; k < 10; k++) {
		const { id, index } = await currentItem(page);
		expect(index).toBe(k);
		await expect(page.getByTestId('drill-progress')).toHaveText(`Item ${k + 1} of 10`);

		if (k === 4) {
			// reload in the middle: the same drill comes back at the same item
			await page.reload();
			const resumed = await currentItem(page);
			expect(resumed).toEqual({ id, index });
			await expect(page.getByTestId('drill-progress')).toHaveText('Item 5 of 10');
		}

		expect(seen.has(id), 'no item repeats within a drill').toBe(false);
		seen.add(id);
		const trueClass = labels.get(id)!;
		expect(trueClass).toBeTruthy();

		// answer right on even items, wrong on odd ones, by the key shown on the buttons
		const options = await page
			.locator('[data-testid="answers"] button')
			.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-class')!));
		const answeredClass = k % 2 === 0 ? trueClass : options.find((c) => c !== trueClass)!;
		if (k === 2) await page.keyboard.press('z'); // zoom is on the keyboard too
		await page.keyboard.press(await keyFor(page, answeredClass));

		const feedback = page.getByTestId('feedback');
		await expect(feedback).toBeVisible();
		await expect(feedback.getByRole('heading', { level: 2 })).toHaveText(k % 2 === 0 ? /Correct/ : /Not quite/);
		await expect(page.getByTestId('true-class')).toHaveAttribute('data-class', trueClass);
		if (k % 2 === 1) await expect(page.getByTestId('given-class')).toHaveAttribute('data-class', answeredClass);
		await expect(feedback.getByRole('link', { name: /Lesson:/ })).toHaveAttribute('href', `/lessons/${trueClass}`);
		given.push({ itemId: id, trueClass, answeredClass });

		await page.keyboard.press(nextKeys[k % nextKeys.length]!);
	}

	const summary = page.getByTestId('drill-summary');
	await expect(summary).toBeVisible();
	await expect(page.getByTestId('score')).toHaveText('5 of 10');
	await expect(page.getByTestId('misses').locator(':scope > li')).toHaveCount(5);

	// the progress page's confusion matrix, read through its accessible table
	await page.goto('/progress');
	const section = page.getByTestId('matrix-learner');
	await expect(section).toBeVisible();
	// the heatmap's numbers as a plain table (MatrixTable), behind a disclosure
	await section.locator('details > summary').first().click();
	const table = section.locator('details table').first();
	await expect(table).toBeVisible();
	const names = await table.locator('thead th').allInnerTexts();
	const answerNames = names.slice(1, -1);
	const rows = await table.locator('tbody tr').evaluateAll((trs) =>
		trs.map((tr) => ({
			name: tr.querySelector('th')!.textContent!.trim(),
			counts: [...tr.querySelectorAll('td')].map((td) => parseInt(td.textContent!.trim(), 10))
		}))
	);

	const expected = new Map<string, number>();
	for (const g of given) {
		const key = `${g.trueClass}>${g.answeredClass}`;
		expected.set(key, (expected.get(key) ?? 0) + 1);
	}
	const nameToClass = new Map(CELL_CLASSES.map((c) => [c.name.en, c.id as string]));
	let total = 0;
	const found = new Map<string, number>();
	for (const row of rows) {
		const trueClass = nameToClass.get(row.name);
		expect(trueClass, `row ${row.name}`).toBeTruthy();
		answerNames.forEach((answerName, col) => {
			const count = row.counts[col] ?? 0;
			if (count > 0) {
				found.set(`${trueClass}>${nameToClass.get(answerName.trim())}`, count);
				total += count;
			}
		});
		expect(row.counts.at(-1), `row total of ${row.name}`).toBe(row.counts.slice(0, -1).reduce((a, b) => a + b, 0));
	}
	expect(total).toBe(10);
	expect(found).toEqual(expected);
});

test('a missing image can be skipped without counting as an answer; a missing bank is explained', async ({ page }) => {
	await createLearner(page, 'Skip Sam');
	let broken = '';
	await page.route('**/bank/images/**', async (route) => {
		// the first image requested is "missing"
		broken ||= route.request().url();
		if (route.request().url() === broken) await route.fulfill({ status: 404, body: '' });
		else await route.continue();
	});
	await page.goto('/drill');
	await page.getByRole('button', { name: 'Start drill' }).click();
	await expect(page.getByTestId('image-missing')).toBeVisible();
	await expect(page.getByTestId('drill-progress')).toHaveText('Item 1 of 10');
	await page.getByRole('button', { name: 'Skip this image' }).click();
	await currentItem(page);
	await expect(page.getByTestId('drill-progress')).toHaveText('Item 2 of 10');

	await page.route('**/bank/bank.json', (route) => route.fulfill({ status: 404, body: '' }));
	await page.reload();
	await expect(page.getByTestId('bank-error')).toContainText('No question bank has been built yet');
});

test('coming back to the drill starts downloading its current image before the app’s code arrives', async ({ page }) => {
	await createLearner(page, 'Return Rin');
	await page.goto('/drill');
	await page.getByRole('button', { name: 'Start drill' }).click();
	const { id } = await currentItem(page);
	const image = new URL((await page.locator('[data-testid="drill-item"] img').getAttribute('src'))!, page.url()).href;
	await page.goto('/progress');

	// the app's code arrives a second late; the image should not wait for it
	const events: string[] = [];
	await page.route('**/_app/immutable/entry/app.*.js', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 1000));
		events.push('app code');
		await route.continue();
	});
	page.on('request', (request) => {
		if (request.url() === image) events.push('image');
	});
	await page.goto('/drill');
	expect((await currentItem(page)).id).toBe(id);
	// requested once, before the app: the image element the app makes is served from the browser's memory
	expect(events).toEqual(['image', 'app code']);
});

test('the drill fits a phone screen', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await createLearner(page, 'Phone Pat');
	await page.goto('/drill');
	// the setup's class list fits too, its "no images yet" lines included (they did not wrap and ran out of the box)
	await expect(page.getByTestId('drill-setup')).toBeVisible();
	const setupOverflow = await page.evaluate(() => ({
		page: document.documentElement.scrollWidth - window.innerWidth,
		rows: [...document.querySelectorAll('[data-testid="drill-setup"] li')].filter((li) => li.scrollWidth > li.clientWidth).length
	}));
	expect(setupOverflow).toEqual({ page: 0, rows: 0 });
	await page.getByRole('button', { name: 'Start drill' }).click();
	await currentItem(page);

	const layout = await page.evaluate(() => {
		const img = document.querySelector('[data-testid="drill-item"] img')!.getBoundingClientRect();
		const buttons = [...document.querySelectorAll('[data-testid="answers"] button')].map((b) => b.getBoundingClientRect());
		return {
			overflow: document.documentElement.scrollWidth - window.innerWidth,
			imgLeft: img.left,
			imgRight: img.right,
			buttonsInside: buttons.every((b) => b.left >= 0 && b.right <= window.innerWidth),
			smallestButton: Math.min(...buttons.map((b) => b.height)),
			imgBottom: img.bottom,
			lowestButton: Math.max(...buttons.map((b) => b.bottom)),
			viewport: window.innerHeight
		};
	});
	// the prompt says "press its key": the image and every answer are on screen without scrolling
	expect(layout.imgBottom, 'the whole image is above the fold').toBeLessThanOrEqual(layout.viewport);
	expect(layout.lowestButton, 'every answer button is above the fold').toBeLessThanOrEqual(layout.viewport);
	expect(layout.overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
	expect(layout.imgLeft).toBeGreaterThanOrEqual(0);
	expect(layout.imgRight).toBeLessThanOrEqual(390);
	expect(layout.buttonsInside).toBe(true);
	expect(await crowdedAnswers(page), 'every answer’s name fits inside its button').toEqual([]);
	expect(layout.smallestButton, 'answer buttons are comfortable touch targets').toBeGreaterThanOrEqual(40);
	await page.screenshot({ path: test.info().outputPath('drill-phone.png') });
	await page.screenshot({ path: 'test-results/screenshots/drill-phone.png' });

	await page.keyboard.press('1');
	await expect(page.getByTestId('feedback')).toBeVisible();
	await expect(page.getByTestId('feedback')).toBeInViewport();
	await page.screenshot({ path: test.info().outputPath('drill-phone-feedback.png'), fullPage: true });
	await page.screenshot({ path: 'test-results/screenshots/drill-phone-feedback.png', fullPage: true });
	await page.getByTestId('next').click();
	await currentItem(page);
	await page.getByRole('button', { name: '繁體中文' }).click();
	await page.screenshot({ path: 'test-results/screenshots/drill-phone-zh.png' });
	const lowest = await page.evaluate(() =>
		Math.max(...[...document.querySelectorAll('[data-testid="answers"] button')].map((b) => b.getBoundingClientRect().bottom))
	);
	expect(lowest, 'in Chinese too').toBeLessThanOrEqual(844);
	expect(await crowdedAnswers(page), 'in Chinese every name fits too').toEqual([]);
	// a narrower phone (360 px, common on Android): every name still fits, in both languages
	await page.setViewportSize({ width: 360, height: 780 });
	for (const language of ['繁體中文', 'English']) {
		await page.getByRole('button', { name: language }).click();
		expect(await crowdedAnswers(page), `${language} at 360 px`).toEqual([]);
	}
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.screenshot({ path: 'test-results/screenshots/drill-desktop.png' });
});

test('an answer that cannot be saved is kept, gets no feedback, and is saved on retry', async ({ page }) => {
	// make IndexedDB refuse writes on demand, as a full disk would
	await page.addInitScript(() => {
		const add = IDBObjectStore.prototype.add;
		IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
			if ((window as unknown as { failWrites?: boolean }).failWrites) throw new DOMException('Quota exceeded', 'QuotaExceededError');
			return add.apply(this, args);
		};
	});
	await createLearner(page, 'Full Disk Dana');
	await page.goto('/drill');
	await page.getByRole('button', { name: 'Start drill' }).click();
	await currentItem(page);

	await page.evaluate(() => ((window as unknown as { failWrites: boolean }).failWrites = true));
	await page.keyboard.press('2');
	const failed = page.getByTestId('save-failed');
	await expect(failed).toBeVisible();
	await expect(failed).toContainText('no room left');
	await expect(page.getByTestId('feedback')).toHaveCount(0);
	await expect(page.getByTestId('drill-item')).toHaveAttribute('data-stage', 'saveFailed');
	// another key press does not replace the kept answer
	await page.keyboard.press('3');
	await expect(failed).toContainText('Your answer (Promyelocyte)');

	await page.evaluate(() => ((window as unknown as { failWrites: boolean }).failWrites = false));
	await expect(page.getByRole('button', { name: 'Try saving again' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('feedback')).toBeVisible();
	await expect(page.getByTestId('answers').locator('[data-class="promyelocyte"]')).toHaveClass(/given/);
});

test('leaving while an answer is still being saved asks first, and the answer is saved', async ({ page }) => {
	await createLearner(page, 'Slow Link Sam');
	await page.goto('/drill');
	await page.getByRole('button', { name: 'Start drill' }).click();
	const { id } = await currentItem(page);

	// on a weak connection the records' code (dexie, loaded after the first image) can arrive after the first answer
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	let heldFiles = 0;
	await page.route('**/_app/immutable/chunks/*.js', async (route) => {
		const fetched = await fetchRouted(route);
		if (!fetched) return;
		if (fetched.body.includes('DexieError')) {
			heldFiles += 1;
			await held;
		}
		await route.fulfill(fetched);
	});
	await page.reload();
	expect((await currentItem(page)).id).toBe(id);
	await page.keyboard.press('1');
	await expect(page.getByTestId('drill-item')).toHaveAttribute('data-stage', 'saving');
	// the route handler counts the file once its body has come from the server, which can be just after the stage changes
	await expect.poll(() => heldFiles, { message: 'dexie’s code is held back' }).toBeGreaterThan(0);

	// closing the tab (or reloading) now would lose the answer: the browser asks, and the learner stays
	const asked = page.waitForEvent('dialog');
	await page.close({ runBeforeUnload: true });
	const dialog = await asked;
	expect(dialog.type()).toBe('beforeunload');
	await dialog.dismiss();
	expect(page.isClosed()).toBe(false);

	release();
	await expect(page.getByTestId('feedback')).toBeVisible();
	// stored: nothing is asked any more, and a reload shows the same feedback
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.type());
		void d.dismiss();
	});
	await page.reload();
	await expect(page.getByTestId('feedback')).toBeVisible();
	await expect(page.getByTestId('drill-item')).toHaveAttribute('data-item-id', id);
	expect(dialogs).toEqual([]);
});

test('feedback shows the classifier’s answer and confidence when the bank has a prediction', async ({ page }) => {
	let predictionsRequested = false;
	await page.route('**/bank/predictions.json', async (route) => {
		predictionsRequested = true;
		const response = await route.fetch();
		const answers = await response.json();
		for (const id of Object.keys(answers.items)) answers.items[id] = { top: [{ cellClass: 'band_neutrophil', p: 0.871 }], attributes: {} };
		await route.fulfill({ response, json: answers });
	});
	await createLearner(page, 'Model Mo');
	await page.goto('/drill');
	await expect(page.getByRole('button', { name: 'Start drill' })).toBeVisible(); // bank.json is loaded
	expect(predictionsRequested, 'the model’s answers are not needed before the drill starts').toBe(false);
	await page.getByRole('button', { name: 'Start drill' }).click();
	await currentItem(page);
	await page.keyboard.press('1');
	await expect(page.getByTestId('model-answer')).toContainText('The classifier said: Band neutrophil, 87%');
});

test('an answer is saved without the classifier’s when its answers cannot be loaded, and the learner is told', async ({ page }) => {
	await page.route('**/bank/predictions.json', (route) =>
		route.fulfill({ status: 200, contentType: 'application/json', body: '{"schemaVersion": 1,' })
	);
	await createLearner(page, 'No Model Nan');
	await page.goto('/drill');
	await page.getByRole('button', { name: 'Start drill' }).click();
	await currentItem(page);
	await page.keyboard.press('1');
	await expect(page.getByTestId('feedback')).toBeVisible();
	await expect(page.getByTestId('model-answer')).toHaveCount(0);
	await expect(page.getByTestId('model-answer-missing')).toContainText('The classifier’s answer could not be loaded');
	await expect(page.getByTestId('model-answer-missing')).toContainText('not valid JSON');
	await page.screenshot({ path: 'test-results/screenshots/drill-model-answers-missing.png' });
});

test('when the feedback’s code cannot be loaded, the answer is still saved and a retry shows the feedback', async ({ page }) => {
	// the feedback is loaded after the first image (src/routes/drill/parts.ts): find its file in the build
	const manifest = JSON.parse(readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')) as Record<string, { file: string }>;
	const feedbackFile = manifest['src/routes/drill/DrillFeedback.svelte']?.file;
	expect(feedbackFile, 'the drill feedback is a file of its own, loaded after the first image').toBeTruthy();
	const blocked = `**/${feedbackFile}`;
	await page.route(blocked, (route) => route.abort('internetdisconnected'));

	await createLearner(page, 'Lost Link Lee');
	await page.goto('/drill');
	await page.getByRole('button', { name: 'Start drill' }).click();
	const { id } = await currentItem(page);
	await page.keyboard.press('1');
	// in the learner's words: not the browser's English message naming a file
	await expect(page.getByTestId('load-failed')).toContainText('This part of the page could not be downloaded. Check the connection');
	await expect(page.getByTestId('load-failed')).not.toContainText('module');
	await expect(page.getByTestId('feedback')).toHaveCount(0);
	await page.screenshot({ path: 'test-results/screenshots/drill-feedback-code-missing.png' });

	await page.unroute(blocked);
	await page.getByTestId('load-failed').getByRole('button', { name: 'Try again' }).click();
	await expect(page.getByTestId('feedback')).toBeVisible();
	// the answer was saved before any of this: a reload shows the same feedback
	await page.reload();
	await expect(page.getByTestId('feedback')).toBeVisible();
	await expect(page.getByTestId('drill-item')).toHaveAttribute('data-item-id', id);
});

test('an unfinished drill is offered for resuming; a new one replaces it; misses can be reviewed', async ({ page }) => {
	// 21 answers and a summary: more than the default minute on a busy two-core machine
	test.setTimeout(120_000);
	await createLearner(page, 'Resume Rui');
	await page.goto('/drill');
	await page.getByRole('button', { name: 'Start drill' }).click();
	const first = await currentItem(page);
	await page.keyboard.press('1');
	await expect(page.getByTestId('feedback')).toBeVisible();

	await page.goto('/');
	await expect(page.getByTestId('start-panel')).toContainText('You have an unfinished drill: item 2 of 10.');
	await page.getByRole('link', { name: 'Start a new drill' }).click();
	await expect(page.getByTestId('drill-setup')).toContainText('sets your unfinished one aside');
	await page.getByRole('button', { name: 'Clear' }).click();
	await expect(page.getByRole('button', { name: 'Start drill' })).toBeDisabled();
	await page.getByRole('checkbox', { name: /^Basophil/ }).check();
	await page.getByRole('checkbox', { name: /^Eosinophil/ }).check();
	await page.getByRole('button', { name: 'Start drill' }).click();
	const fresh = await currentItem(page);
	expect(fresh.index).toBe(0);
	await expect(page.getByTestId('answers').locator('button')).toHaveCount(2);

	// a reload now resumes the new drill, not the set-aside one and not the setup screen
	await page.reload();
	expect(await currentItem(page)).toEqual(fresh);
	expect(fresh.id === first.id && fresh.index === first.index).toBe(false);

	// answer everything "Eosinophil", by the key it has in every drill (not renumbered to 1 here)
	const eosinophilKey = await keyFor(page, 'eosinophil');
	expect(eosinophilKey).not.toBe('1');
	for (let k = 0; k < 10; k++) {
		await currentItem(page);
		await page.keyboard.press(eosinophilKey);
		await expect(page.getByTestId('feedback')).toBeVisible();
		await page.keyboard.press('n');
	}
	await expect(page.getByTestId('drill-summary')).toBeVisible();
	await expect(page.getByTestId('score')).toHaveText('5 of 10'); // five of each class
	await page.getByTestId('review-misses').click();
	await currentItem(page);
	await expect(page.getByTestId('drill-progress')).toHaveText('Item 1 of 10');
	const reviewClasses = await page
		.getByTestId('answers')
		.locator('button')
		.evaluateAll((bs) => bs.map((b) => b.getAttribute('data-class')));
	expect(reviewClasses).toEqual(['eosinophil', 'basophil']);
	// each class keeps the key it has in a drill of the whole bank: its place among the bank's classes
	const bankClasses = CELL_CLASSES.map((c) => c.id).filter((id) => [...labels.values()].includes(id));
	for (const cellClass of ['eosinophil', 'basophil']) {
		expect(await keyFor(page, cellClass)).toBe('1234567890ab'[bankClasses.indexOf(cellClass as (typeof bankClasses)[number])]);
	}
});
