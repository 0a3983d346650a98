// Proves weak-type review: a learner whose history (imported as a backup) keeps calling bands
// segmented and segmented bands gets, from "Review my weak types", a drill of those classes and
// their look-alikes that re-shows the exact images they missed and includes side-by-side contrast
// items; the home page shows the reviews due today, and the review page ranks band as weak.
import { expect, test, type Page } from '@playwright/test';
import { CELL_CLASSES } from '../../src/lib/cells/taxonomy.ts';

interface BankJson {
	items: { id: string; label: string; image: string }[];
}

const DAY = 86_400_000;
const LEARNER_ID = 'e2e-review-learner';
const DRILL_ID = 'e2e-review-drill';
const SHOTS = process.env.ASSIGN_SHOTS;

let bank: BankJson;

test.beforeAll(async ({ request }) => {
	bank = (await (await request.get('/bank/bank.json')).json()) as BankJson;
});

function history(now: number) {
	const pick = (label: string) => bank.items.filter((i) => i.label === label).slice(0, 8);
	const band = pick('band_neutrophil');
	const seg = pick('segmented_neutrophil');
	const lymph = pick('lymphocyte');
	// band: 5 of 8 called segmented; segmented: 3 of 8 called band; lymphocyte all right
	const rows = [
		...band.map((item, i) => ({ item, answeredClass: i < 5 ? 'segmented_neutrophil' : 'band_neutrophil' })),
		...seg.map((item, i) => ({ item, answeredClass: i < 3 ? 'band_neutrophil' : 'segmented_neutrophil' })),
		...lymph.map((item) => ({ item, answeredClass: 'lymphocyte' }))
	];
	const missed = rows.filter((r) => r.item.label !== r.answeredClass).map((r) => r.item.id);
	const startedAt = now - 3 * DAY;
	const backup = {
		format: 'leukodex-learner-backup',
		schemaVersion: 1,
		exportedAt: new Date(now).toISOString(),
		learner: { schemaVersion: 1, id: LEARNER_ID, name: 'Review Ria', createdAt: startedAt },
		drills: [
			{
				schemaVersion: 1,
				id: DRILL_ID,
				learnerId: LEARNER_ID,
				kind: 'drill',
				classes: ['band_neutrophil', 'segmented_neutrophil', 'lymphocyte'],
				itemIds: rows.map((r) => r.item.id),
				position: rows.length,
				seed: 1,
				startedAt,
				finishedAt: startedAt + 600_000
			}
		],
		attempts: rows.map((r, i) => ({
			schemaVersion: 1,
			learnerId: LEARNER_ID,
			drillId: DRILL_ID,
			itemId: r.item.id,
			image: r.item.image,
			provenance: 'real',
			trueClass: r.item.label,
			answeredClass: r.answeredClass,
			correct: r.item.label === r.answeredClass,
			msToAnswer: 2000,
			at: startedAt + i * 10_000
		}))
	};
	return { backup, missed };
}

async function shot(page: Page, name: string) {
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test(
	'a history of band/segmented confusions gives a review drill of those classes with the missed images, and the home page shows what is due',
	{ tag: '@review' },
	async ({ page }) => {
		test.setTimeout(180_000);
		const { backup, missed } = history(Date.now());
		await page.goto('/progress');
		await page
			.getByTestId('import-file')
			.setInputFiles({ name: 'ria.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
		await expect(page.getByTestId('backup-message')).toBeVisible();
		await expect(page.getByTestId('learner-badge')).toContainText('Review Ria');
		await expect(page.getByTestId('weekly-recall')).toBeVisible();

		// home: the missed images and the two weak classes are due (FSRS, answered 3 days ago)
		await page.goto('/');
		const due = page.getByTestId('due-today');
		await expect(due).toBeVisible();
		expect(Number(await due.getAttribute('data-due'))).toBeGreaterThanOrEqual(missed.length);
		await expect(due).toContainText('Reviews due today:');
		await shot(page, 'home-due');

		await due.getByRole('link', { name: 'Review now' }).click();
		const ranking = page.getByTestId('weak-ranking');
		await expect(ranking.locator('tr[data-class="band_neutrophil"]')).toContainText('weak');
		await expect(page.getByTestId('recurring-confusions')).toContainText('Band neutrophil called Segmented neutrophil: 5×');
		await shot(page, 'review-page');
		await page.getByTestId('start-review').click();
		await expect(page).toHaveURL(/\/drill$/);

		const labels = new Map(bank.items.map((i) => [i.id, i.label]));
		const allowed = new Set([
			'band_neutrophil',
			'segmented_neutrophil',
			...CELL_CLASSES.filter((c) => c.id === 'band_neutrophil' || c.id === 'segmented_neutrophil').flatMap((c) => c.lookAlikes)
		]);
		const seen: string[] = [];
		let contrasts = 0;
		for (let k = 0; k < 12; k++) {
			const plain = page.locator(`[data-testid="drill-item"][data-index="${k}"][data-image-ready="true"][data-stage="answering"]`);
			const pair = page.locator('[data-testid="contrast-item"][data-image-ready="true"][data-stage="answering"]');
			await expect(plain.or(pair)).toBeVisible();
			if (await pair.isVisible()) {
				const id = (await pair.getAttribute('data-item-id'))!;
				const foil = (await pair.getAttribute('data-foil-id'))!;
				expect(labels.get(foil)).not.toBe(labels.get(id));
				await expect(pair.getByRole('heading', { level: 2 })).toHaveText(/^Which one is the /);
				if (contrasts === 0) await shot(page, 'contrast-item');
				seen.push(id);
				contrasts++;
				await pair.locator('button[data-target="true"]').click();
				await expect(page.locator('[data-testid="contrast-item"][data-stage="feedback"]')).toBeVisible();
			} else {
				const id = (await plain.getAttribute('data-item-id'))!;
				seen.push(id);
				await page.locator(`[data-testid="answers"] button[data-class="${labels.get(id)}"]`).click();
				await expect(page.locator('[data-testid="drill-item"][data-stage="feedback"]')).toBeVisible();
			}
			await page.keyboard.press('n');
		}
		await expect(page.getByTestId('drill-summary')).toBeVisible();

		for (const id of seen) expect(allowed.has(labels.get(id)!), `${id} (${labels.get(id)}) is a reviewed class`).toBe(true);
		const reShown = missed.filter((id) => seen.includes(id));
		// half of a 12-item review is the images missed before (8 missed: the 6 most recent)
		expect(reShown.length).toBe(6);
		expect(contrasts).toBeGreaterThan(0);
	}
);

test('a new learner is told that no type can be ranked yet, not that there are no weak types', async ({ page }) => {
	await page.goto('/');
	await page.getByLabel('Your name').fill('New Nia');
	await page.getByLabel('Your name').press('Enter');
	await expect(page.getByTestId('learner-badge')).toContainText('New Nia');
	await page.goto('/review');
	const ranking = page.getByTestId('weak-ranking');
	await expect(ranking.getByTestId('none-ranked')).toHaveText(
		'No type has 6 answers yet, so none can be ranked: answer a few drills first.'
	);
	await expect(ranking).not.toContainText('No weak types');
	// every empty section says why it is empty, in words
	await expect(page.getByTestId('leeches').getByTestId('no-leeches')).toHaveText('No image missed 3 times yet.');
});
