// Proves that a drill item gives nothing away but the cell itself: no image URL or alt text names a
// class, a source or a source's file-name prefix, every bank image has one pixel size, and the
// drill's image and answers stay in place from one item to the next.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CELL_CLASSES } from '../../src/lib/cells/taxonomy.ts';

interface BankJson {
	sources: { name: string }[];
	items: BankJsonItem[];
	/** synthetic images only "Real or synthetic?" shows: the same rules */
	realism?: BankJsonItem[];
}

interface BankJsonItem {
	id: string;
	label: string;
	source: string;
	image: string;
	width: number;
	height: number;
}

/** File-name prefixes of the source images ("LY" of LY_884557.jpg), read from the datasets' manifests. */
function sourcePrefixes(): string[] {
	const root = join(process.cwd(), '..', 'shared', 'datasets');
	if (!existsSync(root)) return [];
	const prefixes = new Set<string>();
	for (const dir of readdirSync(root)) {
		const manifest = join(root, dir, 'manifest.csv');
		if (!existsSync(manifest)) continue;
		for (const line of readFileSync(manifest, 'utf8').split('\n').slice(1)) {
			const file = line.split(',')[1];
			const prefix = file && /^[A-Za-z]+(?=[_\-\d])/.exec(basename(file))?.[0];
			if (prefix) prefixes.add(prefix);
		}
	}
	return [...prefixes];
}

/** The words that would give an item away: class ids and names (both languages), sources, file prefixes. */
function leaks(bank: BankJson): { words: string[]; prefixes: string[] } {
	const words = new Set<string>();
	for (const c of CELL_CLASSES) {
		words.add(c.id);
		for (const name of Object.values(c.name)) words.add(name.toLowerCase());
	}
	for (const s of bank.sources) words.add(s.name.toLowerCase());
	words.add('matek');
	words.add('white blood');
	words.add('白血球');
	return { words: [...words], prefixes: sourcePrefixes() };
}

function leakIn(text: string, { words, prefixes }: { words: string[]; prefixes: string[] }): string | null {
	const lower = text.toLowerCase();
	const word = words.find((w) => lower.includes(w));
	if (word) return word;
	// a prefix as it appears in a file name: LY_, MYO_, NGS0… (case as in the files; hashes are lower-case hex)
	return prefixes.find((p) => new RegExp(`(^|[^A-Za-z])${p}([_\\-\\d]|$)`).test(text.replace(/^.*\//, ''))) ?? null;
}

let bank: BankJson;

test.beforeAll(async ({ request }) => {
	const response = await request.get('/bank/bank.json');
	expect(response.ok(), 'static/bank/bank.json must exist: run `npm run bank` first').toBe(true);
	bank = (await response.json()) as BankJson;
});

test(
	'no bank image URL names a class, a source or a file prefix, and all images have one size',
	{ tag: '@fair-items' },
	async ({ request }) => {
		const forbidden = leaks(bank);
		expect(forbidden.prefixes.length, 'the datasets’ file-name prefixes are known').toBeGreaterThan(0);
		const all = [...bank.items, ...(bank.realism ?? [])];
		const offending = all.flatMap((item) => {
			const leak = leakIn(item.image, forbidden);
			return leak ? [`${item.id}: ${item.image} (${leak})`] : [];
		});
		expect(offending, 'image URLs that give the answer away').toEqual([]);
		const sizes = new Set(all.map((item) => `${item.width}×${item.height}`));
		expect([...sizes], 'every bank item has the same pixel size').toHaveLength(1);
		// the files themselves, not only the bank's word for it: one item per source, and one the game alone shows
		const sample = [...bank.sources.map((s) => bank.items.find((item) => item.source === s.name)!), bank.realism?.[0]].filter(
			(item): item is BankJsonItem => item !== undefined
		);
		for (const item of sample) {
			const response = await request.get(`/${item.image}`);
			expect(response.ok(), item.image).toBe(true);
			const body = await response.body();
			// JPEG SOF0/SOF2 header: height then width, big-endian
			let offset = 2;
			let size: [number, number] | null = null;
			while (offset < body.length) {
				const marker = body.readUInt16BE(offset);
				if (marker === 0xffc0 || marker === 0xffc2) {
					size = [body.readUInt16BE(offset + 7), body.readUInt16BE(offset + 5)];
					break;
				}
				offset += 2 + body.readUInt16BE(offset + 2);
			}
			expect(size, `${item.image} is ${bank.items[0]!.width}×${bank.items[0]!.height}`).toEqual([
				bank.items[0]!.width,
				bank.items[0]!.height
			]);
		}
	}
);

async function startDrill(page: Page, name: string) {
	await page.goto('/');
	await page.getByLabel('Your name').fill(name);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('learner-badge')).toContainText(name);
	await page.goto('/drill');
	await page.getByRole('button', { name: 'Start drill' }).click();
}

async function readyItem(page: Page) {
	const item = page.locator('[data-testid="drill-item"][data-image-ready="true"][data-stage="answering"]');
	await expect(item).toBeVisible();
	return item;
}

test(
	'the drill’s alt text and image URLs give nothing away, and the layout does not move between items',
	{ tag: '@fair-items' },
	async ({ page }) => {
		test.setTimeout(180_000);
		const forbidden = leaks(bank);
		await startDrill(page, 'Fair Fay');
		for (const language of ['en', 'zh-TW'] as const) {
			if (language !== 'en') {
				await page.evaluate((l) => localStorage.setItem('leukodex.locale', l), language);
				await page.reload();
			}
			let box: { x: number; y: number; width: number; height: number } | null = null;
			let answersBox: { x: number; y: number } | null = null;
			for (let k = 0; k < 4; k++) {
				const item = await readyItem(page);
				const img = item.locator('img').first();
				const alt = (await img.getAttribute('alt')) ?? '';
				const src = (await img.getAttribute('src')) ?? '';
				expect(alt.length, 'the image has alt text').toBeGreaterThan(0);
				expect(leakIn(alt, forbidden), `alt text "${alt}"`).toBeNull();
				expect(leakIn(src, forbidden), `image URL ${src}`).toBeNull();
				const imageBox = await item.locator('.viewport').boundingBox();
				const answers = await page.getByTestId('answers').boundingBox();
				if (box && answersBox) {
					expect(imageBox, 'the image stays where it was').toEqual(box);
					expect({ x: answers!.x, y: answers!.y }, 'the answers stay where they were').toEqual(answersBox);
				}
				box = imageBox;
				answersBox = { x: answers!.x, y: answers!.y };
				await page.getByTestId('answers').locator('button').first().click();
				await page.getByTestId('next').click();
			}
		}
		await page.evaluate(() => localStorage.removeItem('leukodex.locale'));
	}
);
