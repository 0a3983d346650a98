// Proves what a learner sees of the generator's images: a drill can draw them (the mix is chosen at
// setup), the feedback says when an image was synthetic, the progress page counts real and synthetic
// answers apart, and the "Real or synthetic?" game stores every answer in a 2×2 table that survives
// a reload; answers saved on several devices can be put together. Runs against the production build
// and the real bank, with some of its items served as synthetic (synthetic-items.ts), so it does not
// depend on how many images the generator's set keeps.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { RELABELLED_PER_CLASS, withSyntheticItems } from './synthetic-items.ts';

interface BankJson {
	items: { id: string; label: string; provenance: 'real' | 'synthetic' }[];
}

let bank: BankJson;

test.beforeAll(async ({ request }) => {
	const response = await request.get('/bank/bank.json');
	expect(response.ok(), 'static/bank/bank.json must exist: run `npm run bank` first').toBe(true);
	bank = (await response.json()) as BankJson;
});

async function createLearner(page: Page, name: string) {
	await page.goto('/');
	await page.locator('#new-learner-name').fill(name);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('learner-badge')).toContainText(name);
}

test('a drill of synthetic images says so in the feedback, and progress counts them apart', { tag: '@synthetic' }, async ({ page }) => {
	// a bank of two classes whose only images are synthetic: whatever the drill draws is synthetic
	await withSyntheticItems(page, ['promyelocyte', 'basophil'], (i) => i.provenance === 'synthetic');
	await createLearner(page, 'Synthetic Sam');
	await page.goto('/drill');
	await expect(page.getByTestId('image-mix')).toBeVisible();
	await expect(page.getByTestId('image-mix').getByRole('radio', { checked: true })).toHaveAccessibleName(/top up/);
	await page.getByTestId('drill-setup').locator('button[type="submit"]').click();
	await expect(page.locator('[data-testid="drill-item"][data-image-ready="true"][data-stage="answering"]')).toBeVisible({
		timeout: 30_000
	});
	await page.getByTestId('answers').locator('button').first().click();
	await expect(page.getByTestId('synthetic-note')).toBeVisible();

	await page.goto('/progress');
	await expect(page.getByTestId('accuracy-synthetic')).toContainText('of 1 answer');
	await expect(page.getByTestId('accuracy-real')).toHaveText('no answers yet');
	await expect(page.getByTestId('only-synthetic')).toBeVisible();
});

test(
	"the home page and the lessons index say how many of the bank's images are synthetic, and of which classes",
	{ tag: '@synthetic' },
	async ({ page }) => {
		await withSyntheticItems(page, ['promyelocyte', 'basophil']);
		await page.goto('/');
		const status = page.getByTestId('bank-status');
		const synthetic = bank.items.filter((i) => i.provenance === 'synthetic');
		const count = (label: string) => synthetic.filter((i) => i.label === label).length + RELABELLED_PER_CLASS;
		const total = synthetic.length + 2 * RELABELLED_PER_CLASS;
		await expect(status.getByTestId('bank-synthetic')).toHaveText(
			new RegExp(`^\\s*${total} of them are synthetic: drawn by Leukodex’s generator`)
		);
		const row = (name: string) => status.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
		await expect(row('Promyelocyte').getByTestId('class-synthetic')).toHaveText(`${count('promyelocyte')} synthetic`);
		await expect(row('Basophil').getByTestId('class-synthetic')).toHaveText(`${count('basophil')} synthetic`);
		// a class with no synthetic image says nothing of them
		const classesWithSynthetic = new Set([...synthetic.map((i) => i.label), 'promyelocyte', 'basophil']);
		await expect(status.getByTestId('class-synthetic')).toHaveCount(classesWithSynthetic.size);

		await page.goto('/lessons');
		const badge = (cls: string) => page.getByTestId(`lesson-entry-${cls}`).getByTestId('image-count');
		await expect(badge('promyelocyte')).toHaveText(new RegExp(`drill images · ${count('promyelocyte')} synthetic$`));
		await expect(badge('basophil')).toHaveText(new RegExp(`drill images · ${count('basophil')} synthetic$`));
		await expect(page.getByTestId('image-count').filter({ hasText: 'synthetic' })).toHaveCount(classesWithSynthetic.size);
	}
);

test('real images only: no synthetic image reaches the drill', { tag: '@synthetic' }, async ({ page }) => {
	await withSyntheticItems(page, ['promyelocyte', 'basophil', 'lymphocyte', 'monocyte']);
	await createLearner(page, 'Real Rita');
	await page.goto('/drill');
	await page.getByTestId('image-mix').getByRole('radio', { name: 'Real images only' }).check();
	await page.getByTestId('drill-setup').locator('button[type="submit"]').click();
	const real = new Set(bank.items.filter((i) => i.provenance === 'real').map((i) => i.id));
	for (let k = 0; k < 10; k++) {
		const item = page.locator('[data-testid="drill-item"][data-image-ready="true"][data-stage="answering"]');
		await expect(item).toBeVisible({ timeout: 30_000 });
		expect(real.has((await item.getAttribute('data-item-id'))!)).toBe(true);
		await page.getByTestId('answers').locator('button').first().click();
		await expect(page.getByTestId('synthetic-note')).toHaveCount(0);
		await page.getByTestId('next').click();
	}
});

test('"Real or synthetic?": a round by keyboard fills the 2×2 table, which a reload keeps', { tag: '@synthetic' }, async ({ page }) => {
	await withSyntheticItems(page, ['promyelocyte', 'basophil']);
	await createLearner(page, 'Realism Rui');
	await page.goto('/realism');
	await expect(page.getByTestId('realism-mine')).toHaveText('No answers yet.');
	// the note on "Synthetic images taken for real" waits for that figure
	await expect(page.getByTestId('realism-passed-help')).toHaveCount(0);
	await page.getByTestId('realism-start').click();
	const truths: string[] = [];
	for (let k = 0; k < 20; k++) {
		await expect(page.getByText(`Image ${k + 1} of 20`)).toBeVisible();
		await expect(page.locator('[data-testid="realism-image"][data-ready="true"]')).toBeVisible();
		await page.keyboard.press(k % 2 ? 's' : 'r');
		const feedback = page.getByTestId('realism-feedback');
		await expect(feedback).toBeVisible();
		truths.push((await feedback.getAttribute('data-truth'))!);
		// Enter goes to the focused "Next image" button
		await expect(page.getByTestId('realism-next')).toBeFocused();
		await page.keyboard.press('Enter');
	}
	await expect(page.getByTestId('round-done')).toBeVisible();
	// half of a round is real, half synthetic
	expect(truths.filter((t) => t === 'synthetic')).toHaveLength(10);
	const cells = async () =>
		Promise.all(
			['real-real', 'real-synthetic', 'synthetic-real', 'synthetic-synthetic'].map(async (id) =>
				Number(await page.getByTestId('realism-mine').getByTestId(id).textContent())
			)
		);
	const before = await cells();
	expect(before.reduce((x, y) => x + y, 0)).toBe(20);
	expect(before[0]! + before[1]!).toBe(10);
	await page.reload();
	expect(await cells()).toEqual(before);
	await expect(page.getByTestId('realism-everyone')).toBeVisible();
	await expect(page.getByText(/^Synthetic images taken for real: \d+%$/).first()).toBeVisible();
	await expect(page.getByTestId('realism-passed-help')).toContainText('“Synthetic images taken for real” near 50%');
});

test(
	'"Real or synthetic?" also shows cell types drills do not, says so, and counts each type apart; drills never draw them',
	{ tag: '@synthetic' },
	async ({ page }) => {
		test.setTimeout(120_000);
		// basophils: synthetic images drills may show; eosinophils: only the game's (bank.realism). The bank's own synthetic
		// images are left out, so a round is 5 pairs of each
		const fixtureOnly = (item: { id: string; provenance: string }) =>
			item.provenance === 'real' || item.id.startsWith('synthetic:fixture-');
		await withSyntheticItems(page, ['basophil'], fixtureOnly, ['eosinophil']);
		await createLearner(page, 'Realism Ria');
		await page.goto('/realism');
		await expect(page.getByTestId('realism-by-class')).toHaveCount(0);
		await page.getByTestId('realism-start').click();
		let notInDrills = 0;
		for (let k = 0; k < 20; k++) {
			await expect(page.getByText(`Image ${k + 1} of 20`)).toBeVisible();
			await expect(page.locator('[data-testid="realism-image"][data-ready="true"]')).toBeVisible();
			await page.keyboard.press('r');
			await expect(page.getByTestId('realism-feedback')).toBeVisible();
			notInDrills += await page.getByTestId('realism-not-in-drills').count();
			await page.getByTestId('realism-next').click();
		}
		expect(notInDrills, 'each synthetic eosinophil says drills do not show its type').toBe(5);
		const table = page.getByTestId('realism-by-class');
		await expect(table.locator('tbody tr')).toHaveCount(2);
		await expect(table.locator('tr[data-class="eosinophil"]')).toHaveText(/^\s*Eosinophil\s*5 of 5 \(100%\)\s*not yet\s*$/);
		await expect(table.locator('tr[data-class="basophil"]')).toHaveText(/^\s*Basophil\s*5 of 5 \(100%\)\s*yes\s*$/);

		await page.goto('/model');
		await expect(page.getByTestId('synthetic-for-realism')).toContainText(`${RELABELLED_PER_CLASS} more synthetic images`);

		// a drill of every image never draws one of the game's own
		await page.goto('/drill');
		const served = await page.evaluate(async () => (await (await fetch('bank/bank.json')).json()) as { realism?: { id: string }[] });
		const gameOnly = new Set((served.realism ?? []).map((item) => item.id));
		await page.getByTestId('image-mix').getByRole('radio', { name: /mixed/ }).check();
		await page.getByTestId('drill-setup').locator('button[type="submit"]').click();
		for (let k = 0; k < 10; k++) {
			const item = page.locator('[data-testid="drill-item"][data-image-ready="true"][data-stage="answering"]');
			await expect(item).toBeVisible({ timeout: 30_000 });
			expect(gameOnly.has((await item.getAttribute('data-item-id'))!)).toBe(false);
			await page.getByTestId('answers').locator('button').first().click();
			await page.getByTestId('next').click();
		}
		expect(gameOnly.size).toBe(RELABELLED_PER_CLASS);
	}
);

test(
	'"Real or synthetic?": answers saved on one device are put together with another device\'s; a file chosen twice counts once, a bad one is refused',
	{ tag: '@synthetic' },
	async ({ page }) => {
		await withSyntheticItems(page, ['basophil']);
		await createLearner(page, 'Realism Rae');
		await page.goto('/realism');
		await expect(page.getByTestId('realism-save')).toHaveCount(0);
		await page.getByTestId('realism-start').click();
		for (let k = 0; k < 2; k++) {
			await expect(page.getByText(`Image ${k + 1} of 20`)).toBeVisible();
			await expect(page.locator('[data-testid="realism-image"][data-ready="true"]')).toBeVisible();
			await page.keyboard.press('r');
			await expect(page.getByTestId('realism-feedback')).toBeVisible();
			await page.getByTestId('realism-next').click();
		}
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('realism-save').click()]);
		expect(download.suggestedFilename()).toMatch(/^leukodex-real-or-synthetic-Realism-Rae-\d{4}-\d{2}-\d{2}\.json$/);
		const mine = readFileSync((await download.path())!, 'utf8');
		const saved = JSON.parse(mine) as { learner: string; answers: { at: number }[] };
		expect(saved.learner).toBe('Realism Rae');
		expect(saved.answers).toHaveLength(2);
		// another technologist's file from another device
		const other = JSON.stringify({ ...saved, learner: 'Tech B', answers: saved.answers.map((a) => ({ ...a, at: a.at + 1 })) });
		const file = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
		await page
			.getByTestId('realism-device-files')
			.setInputFiles([file('rae.json', mine), file('tech-b.json', other), file('rae-again.json', mine), file('notes.json', '{ not json')]);
		const outcomes = page.getByTestId('realism-device-outcomes').locator('li');
		await expect(outcomes).toHaveCount(4);
		expect(await outcomes.evaluateAll((items) => items.map((li) => li.getAttribute('data-status')))).toEqual([
			'read',
			'read',
			'twice',
			'refused'
		]);
		await expect(outcomes.nth(0)).toHaveText('rae.json: 2 answers by Realism Rae');
		await expect(outcomes.nth(3)).toHaveText('notes.json: not a file Leukodex can read (it is not JSON)');
		const together = page.getByTestId('realism-together');
		const cells = await Promise.all(
			['real-real', 'real-synthetic', 'synthetic-real', 'synthetic-synthetic'].map(async (id) =>
				Number(await together.getByTestId(id).textContent())
			)
		);
		expect(cells.reduce((x, y) => x + y, 0)).toBe(4);
		// everything said "real": the files together say so too
		expect(cells[1]! + cells[3]!).toBe(0);
	}
);

test.describe('an image not yet on screen', () => {
	// the images are held back below; no service worker may serve them from its cache instead
	test.use({ serviceWorkers: 'block' });

	test('"Real or synthetic?" takes no answer for an image that is not drawn yet', { tag: '@synthetic' }, async ({ page }) => {
		await withSyntheticItems(page, ['basophil']);
		await createLearner(page, 'Realism Remy');
		await page.goto('/realism');
		let release: () => void = () => {};
		const released = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/bank/images/**', async (route) => {
			await released;
			await route.continue();
		});
		await page.getByTestId('realism-start').click();
		await expect(page.getByTestId('realism-image')).toHaveAttribute('data-ready', 'false');
		await expect(page.getByTestId('say-real')).toBeDisabled();
		await page.keyboard.press('r');
		await page.waitForTimeout(300);
		await expect(page.getByTestId('realism-feedback')).toHaveCount(0);
		release();
		await expect(page.getByTestId('realism-image')).toHaveAttribute('data-ready', 'true');
		await page.keyboard.press('r');
		await expect(page.getByTestId('realism-feedback')).toBeVisible();
		await expect(
			page.getByTestId('realism-mine').getByTestId('real-real').or(page.getByTestId('realism-mine').getByTestId('synthetic-real'))
		).toHaveCount(2);
	});
});

test(
	'the model page says how many synthetic images drills can draw, none included, and how they were drawn',
	{ tag: '@synthetic' },
	async ({ page }) => {
		const synthetic = bank.items.filter((item) => item.provenance === 'synthetic').length;
		const generatorCard = (await (await page.request.get('/models/generator/card.json')).json()) as {
			sampling?: { truncation: number | null };
			yardstick?: { frechet_halvings?: number };
			per_class: Record<
				string,
				{
					frechet_second?: number;
					nucleus_split_share?: number;
					nucleus_split_share_real?: number;
					nucleus_hole_share?: number;
					nucleus_hole_share_real?: number;
					real_test_sources?: string[];
				}
			>;
		};
		await page.goto('/model');
		const truncation = page.getByTestId('generator-section').getByTestId('generator-truncation');
		if (generatorCard.sampling?.truncation != null) await expect(truncation).toContainText(`bound ${generatorCard.sampling.truncation}`);
		else await expect(truncation).toHaveCount(0);
		// measured in a second network too: the page says so and shows those distances
		const measuredTwice = Object.values(generatorCard.per_class).some((m) => m.frechet_second !== undefined);
		await expect(page.getByTestId('generator-second')).toHaveCount(measuredTwice ? 1 : 0);
		// the lobe measure, with no network in it: explained once, and a column per cell type
		const seg = generatorCard.per_class.segmented_neutrophil;
		await expect(page.getByTestId('generator-lobes')).toHaveCount(seg?.nucleus_split_share === undefined ? 0 : 1);
		if (seg?.nucleus_split_share !== undefined && seg.nucleus_split_share_real !== undefined)
			await expect(page.getByTestId('generator-lobes-segmented_neutrophil')).toHaveText(
				`${Math.round(seg.nucleus_split_share * 100)}% (${Math.round(seg.nucleus_split_share_real * 100)}%)`
			);
		// the ring measure: explained once (with the gate's use of it), and a column per cell type
		const band = generatorCard.per_class.band_neutrophil;
		await expect(page.getByTestId('generator-holes')).toHaveCount(band?.nucleus_hole_share === undefined ? 0 : 1);
		if (band?.nucleus_hole_share !== undefined && band.nucleus_hole_share_real !== undefined)
			await expect(page.getByTestId('generator-holes-band_neutrophil')).toHaveText(
				`${Math.round(band.nucleus_hole_share * 100)}% (${Math.round(band.nucleus_hole_share_real * 100)}%)`
			);
		// a class's distance and floor are medians over several halvings of its real images, and the page says how many
		const halvings = generatorCard.yardstick?.frechet_halvings;
		if (halvings) await expect(page.getByTestId('generator-halvings')).toContainText(`over ${halvings} random halvings`);
		else await expect(page.getByTestId('generator-halvings')).toHaveCount(0);
		// which lab's cells each class was measured against, said when the card records it
		const sourcesRecorded = Object.values(generatorCard.per_class).some((m) => m.real_test_sources !== undefined);
		await expect(page.getByTestId('generator-compared')).toHaveCount(sourcesRecorded ? 1 : 0);
		const count = page.getByTestId('generator-section').getByTestId('synthetic-in-bank');
		await expect(count).toHaveText(
			synthetic === 0
				? 'The question bank has no synthetic images yet: no cell type’s generated images come close enough to real ones.'
				: `The question bank has ${synthetic} synthetic image${synthetic === 1 ? '' : 's'}.`
		);

		// the same page over a bank that holds some
		await withSyntheticItems(page, ['promyelocyte', 'basophil']);
		await page.reload();
		await expect(count).toHaveText(`The question bank has ${synthetic + 2 * RELABELLED_PER_CLASS} synthetic images.`);
	}
);

test(
	'"Real or synthetic?" on a 390×844 phone: the image, both answers and "Next" are on screen without scrolling',
	{ tag: '@synthetic' },
	async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		// band neutrophils only the game shows: half the feedback carries the longest note ("not used in drills yet")
		const fixtureOnly = (item: { id: string; provenance: string }) =>
			item.provenance === 'real' || item.id.startsWith('synthetic:fixture-');
		await withSyntheticItems(page, [], fixtureOnly, ['band_neutrophil']);
		await createLearner(page, 'Realism Rosa');
		await page.goto('/realism');
		await expect(page.getByTestId('realism-intro')).toBeVisible();
		await page.getByTestId('realism-start').click();
		let noted = 0;
		for (let k = 0; k < 20 && noted === 0; k++) {
			await expect(page.locator('[data-testid="realism-image"][data-ready="true"]')).toBeVisible();
			for (const id of ['realism-image', 'say-real', 'say-synthetic']) await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
			await page.getByTestId('say-real').click();
			await expect(page.getByTestId('realism-next')).toBeInViewport({ ratio: 1 });
			expect(await page.evaluate(() => window.scrollY)).toBe(0);
			noted += await page.getByTestId('realism-not-in-drills').count();
			await page.getByTestId('realism-next').click();
		}
		expect(noted, 'a synthetic image with the note was among those answered').toBe(1);
	}
);
