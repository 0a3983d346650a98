// Proves the in-browser classifier: the worker gives the same answers as the importer stored in
// the bank (predictions.json), nothing is fetched from another host, bad files and a corrupt model give clear
// messages, and the /model page shows the model card's test metrics.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { inferenceThreads } from '../../src/lib/classifier/model-files.ts';

// These tests stand in for the network (page.route): a service worker that already controls the page would
// fetch, or answer from its cache, past them. The worker has its own tests (offline.spec.ts).
test.use({ serviceWorkers: 'block' });

const SCREENSHOTS = 'test-results/screenshots';

interface BankItemLite {
	id: string;
	label: string;
	image: string;
}
interface BankLite {
	createdAt: string;
	model: { name: string; createdAt: string } | null;
	items: BankItemLite[];
}
interface PredictionsLite {
	bankCreatedAt: string;
	items: Record<string, { top: { cellClass: string; p: number }[] }>;
}

/** Collects every request the page makes that does not go to the app itself. */
function watchForeignRequests(page: Page, baseURL: string): string[] {
	const foreign: string[] = [];
	const origin = new URL(baseURL).origin;
	page.on('request', (request) => {
		const url = request.url();
		if (url.startsWith('blob:') || url.startsWith('data:')) return;
		if (new URL(url).origin !== origin) foreign.push(url);
	});
	return foreign;
}

async function openCheck(page: Page) {
	await page.goto('/check');
	await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', /ready|failed/, { timeout: 30_000 });
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer) {
	await page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer });
}

test('classifies bank images in the worker exactly as the importer did', async ({ page, request, baseURL }) => {
	const foreign = watchForeignRequests(page, baseURL!);
	// LEUKODEX_BANK_JSON (a bank.json, with its predictions.json beside it) lets a developer compare
	// against a bank built from another model.
	const fromDisk = process.env.LEUKODEX_BANK_JSON;
	const bank: BankLite = fromDisk ? JSON.parse(readFileSync(fromDisk, 'utf8')) : await (await request.get('/bank/bank.json')).json();
	const card = await (await request.get('/models/classifier/card.json')).json();
	expect(bank.model, 'the bank has no model predictions: run `npm run bank` after training').not.toBeNull();
	expect(bank.model!.createdAt, 'the bank’s predictions come from another model than the one served').toBe(card.created_at);
	const answers: PredictionsLite = fromDisk
		? JSON.parse(readFileSync(join(dirname(fromDisk), 'predictions.json'), 'utf8'))
		: await (await request.get('/bank/predictions.json')).json();
	expect(answers.bankCreatedAt).toBe(bank.createdAt);

	// Three items from three different classes, so one lucky class cannot pass the test.
	const picked: BankItemLite[] = [];
	for (const item of bank.items) {
		if (answers.items[item.id] && !picked.some((p) => p.label === item.label)) picked.push(item);
		if (picked.length === 3) break;
	}
	expect(picked).toHaveLength(3);

	await openCheck(page);
	await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
	for (const item of picked) {
		const image = await request.get(`/${item.image}`);
		expect(image.ok(), item.image).toBe(true);
		await upload(page, item.image.split('/').pop()!, 'image/jpeg', await image.body());
		const first = page.getByTestId('top-classes').locator('li').first();
		await expect(page.getByTestId('prediction')).toBeVisible({ timeout: 20_000 });
		const stored = answers.items[item.id]!.top[0]!;
		await expect(first).toHaveAttribute('data-class', stored.cellClass);
		const p = Number(await first.getAttribute('data-p'));
		expect(Math.abs(p - stored.p), `${item.id}: browser p=${p}, importer p=${stored.p}`).toBeLessThan(1e-3);
		await expect(page.getByTestId('top-classes').locator('li')).toHaveCount(Math.min(3, card.classes.length));
		await expect(page.getByTestId('attributes').locator('tbody tr')).toHaveCount(card.attributes.length);
		await expect(page.getByTestId('crop-outline')).toBeVisible();
	}
	await expect(page.getByTestId('learning-aid')).toBeVisible();
	// The server sends COOP/COEP, so the page may give the model threads (half its cores: 1 of 2 here).
	const { isolated, cores } = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
	expect(isolated, 'the page is cross-origin isolated (COOP/COEP headers)').toBe(true);
	await expect(page.getByTestId('prediction')).toHaveAttribute('data-threads', String(inferenceThreads(isolated, cores)));
	console.log(
		`classify timing (last image, ${await page.getByTestId('prediction').getAttribute('data-threads')} thread(s)): ${await page.getByTestId('prediction').getAttribute('data-ms')}`
	);
	await page.setViewportSize({ width: 1280, height: 1000 });
	await page.screenshot({ path: `${SCREENSHOTS}/check-desktop.png`, fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: `${SCREENSHOTS}/check-phone.png`, fullPage: true });
	await page.getByRole('button', { name: '繁體中文' }).click();
	await expect(page.getByTestId('prediction')).toContainText('最可能的類別');
	await page.screenshot({ path: `${SCREENSHOTS}/check-phone-zh.png`, fullPage: true });
	await page.getByRole('button', { name: 'English' }).click();
	expect(foreign, 'requests to other hosts').toEqual([]);
});

test('on a device with more cores the model runs on several threads, with the same answers', async ({ page, request }) => {
	// An 8-core phone: the page asks for 4 threads, so onnxruntime-web starts its thread workers from
	// its own glue file (served by the app), not from the bundled copy inside our worker.
	await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 8 }));
	const bank: BankLite = await (await request.get('/bank/bank.json')).json();
	const answers: PredictionsLite = await (await request.get('/bank/predictions.json')).json();
	const item = bank.items.find((candidate) => answers.items[candidate.id])!;
	await openCheck(page);
	await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
	const image = await request.get(`/${item.image}`);
	await upload(page, item.image.split('/').pop()!, 'image/jpeg', await image.body());
	await expect(page.getByTestId('prediction')).toBeVisible({ timeout: 20_000 });
	await expect(page.getByTestId('prediction')).toHaveAttribute('data-threads', '4');
	const first = page.getByTestId('top-classes').locator('li').first();
	const stored = answers.items[item.id]!.top[0]!;
	await expect(first).toHaveAttribute('data-class', stored.cellClass);
	expect(Math.abs(Number(await first.getAttribute('data-p')) - stored.p)).toBeLessThan(1e-3);
	await expect(page.getByTestId('prediction')).toContainText('4 threads');
});

test('classifies a 12-megapixel phone photo and outlines its centre square', async ({ page }) => {
	// A landscape photo the size a phone camera takes; noise so the JPEG is realistically large.
	const width = 4032;
	const height = 3024;
	const noise = Buffer.alloc(width * height * 3);
	for (let i = 0; i < noise.length; i++) noise[i] = 120 + ((i * 2654435761) >>> 27);
	const photo = await sharp(noise, { raw: { width, height, channels: 3 } })
		.jpeg({ quality: 90 })
		.toBuffer();
	const started = Date.now();
	await openCheck(page);
	const loadMs = Date.now() - started;
	await upload(page, 'IMG_0001.jpg', 'image/jpeg', photo);
	await expect(page.getByTestId('prediction')).toBeVisible({ timeout: 30_000 });
	const outline = await page.getByTestId('crop-outline').boundingBox();
	const shown = await page.locator('figure img').boundingBox();
	// the square is the full height, centred horizontally
	expect(Math.abs(outline!.height - shown!.height)).toBeLessThan(2);
	expect(Math.abs(outline!.width - shown!.height)).toBeLessThan(2);
	expect(Math.abs(outline!.x - shown!.x - (shown!.width - outline!.width) / 2)).toBeLessThan(2);
	console.log(
		`page open → model ready ${loadMs} ms; ${(photo.length / 1e6).toFixed(1)} MB photo: ${await page.getByTestId('prediction').getAttribute('data-ms')}`
	);
});

test('an image pasted from the clipboard is classified', async ({ page }) => {
	const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c8a0c8' } })
		.png()
		.toBuffer();
	await openCheck(page);
	await page.evaluate((base64) => {
		const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
		const data = new DataTransfer();
		data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
		window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
	}, png.toString('base64'));
	await expect(page.getByTestId('prediction')).toBeVisible({ timeout: 20_000 });
	await expect(page.locator('figcaption')).toContainText('300 × 200');
});

test('explains files that are not usable images', async ({ page }) => {
	await openCheck(page);
	await upload(page, 'notes.txt', 'text/plain', Buffer.from('not a picture'));
	await expect(page.getByTestId('problem')).toHaveAttribute('data-code', 'not-image');
	await expect(page.getByTestId('problem')).toContainText('not an image');

	// Claims to be a JPEG but cannot be decoded: the worker must report it, not crash.
	await upload(page, 'broken.jpg', 'image/jpeg', Buffer.from('\xff\xd8\xff\xe0 garbage that is no JPEG', 'latin1'));
	await expect(page.getByTestId('problem')).toHaveAttribute('data-code', 'not-image');

	await upload(page, 'empty.png', 'image/png', Buffer.alloc(0));
	await expect(page.getByTestId('problem')).toHaveAttribute('data-code', 'empty');

	// A 41 MB file, made inside the page (sending it through the test driver would be slow).
	await page.getByTestId('file-input').evaluate((input: HTMLInputElement) => {
		const files = new DataTransfer();
		files.items.add(new File([new Uint8Array(41 * 1024 * 1024)], 'huge.jpg', { type: 'image/jpeg' }));
		input.files = files.files;
		input.dispatchEvent(new Event('change', { bubbles: true }));
	});
	await expect(page.getByTestId('problem')).toHaveAttribute('data-code', 'too-large');

	// A small file that would decode to 51 megapixels is refused from its header, before decoding.
	const wide = await sharp({ create: { width: 10_000, height: 5_100, channels: 3, background: '#fff' } })
		.png()
		.toBuffer();
	await upload(page, 'wide.png', 'image/png', wide);
	await expect(page.getByTestId('problem')).toHaveAttribute('data-code', 'too-large');
	await expect(page.getByTestId('problem')).toContainText('too large');
	await expect(page.getByTestId('prediction')).toHaveCount(0);
});

test('a corrupt model file gives a clear error and the app keeps working', async ({ page }) => {
	await page.route('**/models/classifier/model.onnx', (route) =>
		route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from('this is not an ONNX model'.repeat(100)) })
	);
	await page.goto('/check');
	const problem = page.getByTestId('model-problem');
	await expect(problem).toBeVisible({ timeout: 30_000 });
	await expect(problem).toHaveAttribute('data-code', 'model-invalid');
	await expect(problem).toContainText('damaged');
	await page.screenshot({ path: `${SCREENSHOTS}/check-corrupt-model.png`, fullPage: true });
	// The rest of the app still works: navigate to the model page.
	await page.getByRole('link', { name: 'Model', exact: true }).click();
	await expect(page.getByTestId('model-plain')).toBeVisible();
	await page.getByText('For engineers').click();
	await expect(page.getByTestId('model-metrics')).toBeVisible();
});

test('a model that does not match its card is refused', async ({ page, request }) => {
	const card = await (await request.get('/models/classifier/card.json')).json();
	// Same model file, but the card's reference outputs belong to some other model.
	card.reference.tensor.class_probs = card.reference.tensor.class_probs.map((p: number, i: number) => p + (i % 2 ? 0.01 : -0.01));
	await page.route('**/models/classifier/card.json', (route) => route.fulfill({ json: card }));
	await page.goto('/check');
	await expect(page.getByTestId('model-problem')).toHaveAttribute('data-code', 'model-invalid', { timeout: 30_000 });
	await page.getByTestId('model-problem').locator('summary').click();
	await expect(page.getByTestId('model-problem')).toContainText('do not belong together');
});

test('a missing inference engine (wasm) is reported as a browser problem', async ({ page }) => {
	await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
	await page.goto('/check');
	await expect(page.getByTestId('model-problem')).toHaveAttribute('data-code', 'runtime', { timeout: 30_000 });
	await expect(page.getByTestId('model-problem')).toContainText('inference engine');
});

test('a missing model file is reported as not installed', async ({ page }) => {
	await page.route('**/models/classifier/model.onnx', (route) => route.fulfill({ status: 404, body: 'not found' }));
	await page.goto('/check');
	await expect(page.getByTestId('model-problem')).toHaveAttribute('data-code', 'model-missing', { timeout: 30_000 });
});

test('the model page says how well its features tell the laboratory, before and after the lab-neutral step', async ({ page, request }) => {
	const card = await (await request.get('/models/classifier/card.json')).json();
	card.evaluation.source_probe = { accuracy: 0.55, n: 302, chance: 0.5, what: 'segmented neutrophils' };
	card.evaluation.without_lab_neutral = {
		matek_neutrophils: { n: 151, as_neutrophil: 140, rate: 140 / 151, as_myeloblast: 3 },
		source_probe: 0.97
	};
	await page.route('**/models/classifier/card.json', (route) => route.fulfill({ json: card }));
	await page.goto('/model');
	await page.getByText('For engineers').click();
	const probe = page.getByTestId('metric-lab-probe');
	await expect(probe).toContainText('302 segmented neutrophils (half from each) right 55% of the time');
	await expect(probe).toContainText('guessed right 97%, and 140 of these 151 neutrophils');
	await page.getByRole('button', { name: '繁體中文' }).click();
	await expect(probe).toContainText('55%');
	await expect(probe).toContainText('140');
	// a card without the step: only the probe
	delete card.evaluation.without_lab_neutral;
	await page.unroute('**/models/classifier/card.json');
	await page.route('**/models/classifier/card.json', (route) => route.fulfill({ json: card }));
	await page.getByRole('button', { name: 'English' }).click();
	await page.reload();
	await page.getByText('For engineers').click();
	await expect(page.getByTestId('metric-lab-probe')).toContainText('right 55% of the time');
	await expect(page.getByTestId('metric-lab-probe')).not.toContainText('Before');
});

test('the model page says which of the other lab’s neutrophils were trained on, when a source adversary was', async ({ page, request }) => {
	const card = await (await request.get('/models/classifier/card.json')).json();
	const stage = { ...card.training.stages[0] };
	delete stage.source_adversary;
	await page.route('**/models/classifier/card.json', (route) =>
		route.fulfill({ json: { ...card, training: { ...card.training, stages: [stage] } } })
	);
	await page.goto('/model');
	await page.getByText('For engineers').click();
	await expect(page.getByTestId('metric-matek')).toContainText('were called neutrophils');
	await expect(page.getByTestId('metric-matek')).not.toContainText('used in training');
	const trained = {
		...stage,
		source_adversary: { weight: 0.5, per_lab: 6, label: 'segmented_neutrophil', matek_images: 349, pbc_images: 1984 }
	};
	const matek = { n: 151, as_neutrophil: 148, rate: 148 / 151, held_out: true, as_myeloblast: 1 };
	await page.unroute('**/models/classifier/card.json');
	await page.route('**/models/classifier/card.json', (route) =>
		route.fulfill({
			json: { ...card, training: { ...card.training, stages: [trained] }, evaluation: { ...card.evaluation, matek_neutrophils: matek } }
		})
	);
	await page.reload();
	await page.getByText('For engineers').click();
	await expect(page.getByTestId('metric-matek')).toContainText('148 of 151 segmented neutrophils');
	await expect(page.getByTestId('metric-matek')).toContainText('None of these 151 was used in training. 349 other neutrophils');
	await expect(page.getByTestId('metric-matek')).toContainText('1,984 from the main set');
	await page.getByRole('button', { name: '繁體中文' }).click();
	await expect(page.getByTestId('metric-matek')).toContainText('另外 349 顆');
});

test('the model page says in plain words how the training images were changed, with the exact settings folded away', async ({
	page,
	request
}) => {
	const card = await (await request.get('/models/classifier/card.json')).json();
	await page.goto('/model');
	await page.getByText('For engineers').click();
	const steps = page.getByTestId('augmentation-steps').locator('li');
	// the shipped recipe: turning always, its seven robustness measures, and the non-cell pictures
	await expect(steps).toHaveCount(9);
	await expect(steps.first()).toContainText('turned to any angle');
	await expect(steps.last()).toContainText('pictures that are not a white cell');
	const exact = page.getByText('Exact settings (as the training script wrote them)');
	await expect(page.getByText(card.training.augmentation[2])).toBeHidden();
	await exact.click();
	await expect(page.getByText(card.training.augmentation[2])).toBeVisible();

	// a card trained without the wide zoom and without JPEG says so
	const stage = { ...card.training.stages[0], measures: ['stain', 'illumination', 'resolution', 'focus', 'noise'] };
	await page.route('**/models/classifier/card.json', (route) =>
		route.fulfill({ json: { ...card, training: { ...card.training, stages: [stage] } } })
	);
	await page.reload();
	await page.getByText('For engineers').click();
	await expect(steps).toHaveCount(8);
	await expect(steps.nth(1)).toContainText('zoomed in and out a little only');
	await expect(page.getByTestId('augmentation-steps')).not.toContainText('JPEG');
	await page.getByRole('button', { name: '繁體中文' }).click();
	await expect(steps.nth(1)).toContainText('只稍微放大縮小');
});

test('the model page shows the card’s test metrics', async ({ page, request }) => {
	const card = await (await request.get('/models/classifier/card.json')).json();
	await page.goto('/model');
	// plain words first; the engineering details are one click away
	const plain = page.getByTestId('model-plain');
	await expect(plain).toContainText(`${Math.round(card.evaluation.test.accuracy * 100)}% of the time`);
	// where the dataset's own experts disagree (bands and segmented neutrophils), in plain words
	const disagreement = plain.getByTestId('expert-disagreement');
	await expect(disagreement).toContainText('Band neutrophil or Segmented neutrophil: experts disagree here too');
	await expect(disagreement).toContainText(`agreed on ${Math.round(card.evaluation.expert_agreement.experts * 100)}%`);
	await expect(disagreement).toContainText(`${Math.round(card.evaluation.expert_agreement.model * 100)}% of the time`);
	await expect(page.getByTestId('model-metrics')).toBeHidden();
	await page.getByText('For engineers').click();
	const metrics = page.getByTestId('model-metrics');
	await expect(metrics).toBeVisible();
	const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
	await expect(metrics.getByTestId('metric-accuracy')).toContainText(percent(card.evaluation.test.accuracy));
	await expect(metrics.getByTestId('metric-macro-f1')).toContainText(card.evaluation.test.macro_f1.toFixed(3));
	await expect(page.getByTestId('per-class').locator('tbody tr')).toHaveCount(Object.keys(card.evaluation.test.per_class).length);
	await expect(page.getByTestId('anchors')).toContainText('89.2%');
	const stages: { epochs: number; size: number }[] = card.training.stages ?? [];
	if (stages.length > 1) {
		await expect(page.getByTestId('training-stages')).toContainText(`In ${stages.length} runs`);
		await expect(page.getByTestId('training-stages')).toContainText(`${stages[1]!.epochs} epochs at ${stages[1]!.size} px`);
	} else await expect(page.getByTestId('training-stages')).toHaveCount(0);
	await page.setViewportSize({ width: 1280, height: 1000 });
	await page.screenshot({ path: `${SCREENSHOTS}/model-desktop.png`, fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: `${SCREENSHOTS}/model-phone.png`, fullPage: true });
	await page.getByRole('button', { name: '繁體中文' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('模型');
	await page.screenshot({ path: `${SCREENSHOTS}/model-phone-zh.png`, fullPage: true });
});
