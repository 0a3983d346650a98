import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBank, parsePredictions } from '../src/lib/bank/schema.ts';
import { splitOf } from '../src/lib/bank/split.ts';
import { writeFixtureModel } from '../scripts/lib/fixture-model.ts';
import { loadClassifier } from '../scripts/lib/onnx-node.ts';
import { findDatasets, formatReport, ImportError, importBank, suggestLabel } from './importer.ts';
import { modelKey, PredictionCache } from './prediction-cache.ts';
import { parse } from 'valibot';
import { SourceScalesSchema } from './normalize.ts';
import { readSyntheticSet } from './synthetic-set.ts';

async function syntheticSet(images: { file: string; cellClass: string; use?: 'drill' | 'realism' }[], extra: Record<string, unknown> = {}) {
	const dir = join(root, 'synthetic');
	await mkdir(dir, { recursive: true });
	for (const [i, image] of images.entries()) await jpeg(join(dir, image.file), { r: 180, g: 90 + i * 20, b: 160 }, 16, 16);
	const manifest = {
		schemaVersion: 2,
		createdAt: '2026-12-02T00:00:00Z',
		generator: { name: 'test-generator', version: 'abcdef012345', seed: 7 },
		imageSize: 16,
		filter: { minConfidence: 0.9, minNearestDistance: 1 },
		images: images.map((image, index) => ({ use: 'drill', ...image, index, classifierConfidence: 0.95, nearestTrainingDistance: 3 })),
		...extra
	};
	await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
	return join(dir, 'manifest.json');
}

/** A smear-like image: pale background, pink discs of `diameter` px (red cells), a purple one in the centre. */
async function smear(path: string, size: number, diameter: number, seed: number) {
	const data = Buffer.alloc(size * size * 3);
	for (let i = 0; i < size * size; i++) data.set([236, 230, 222], i * 3);
	const disc = (cx: number, cy: number, d: number, colour: number[]) => {
		for (let y = Math.floor(cy - d / 2); y <= cy + d / 2; y++)
			for (let x = Math.floor(cx - d / 2); x <= cx + d / 2; x++)
				if (x >= 0 && y >= 0 && x < size && y < size && (x - cx) ** 2 + (y - cy) ** 2 <= (d / 2) ** 2) data.set(colour, (y * size + x) * 3);
	};
	disc(size / 2, size / 2, diameter * 1.6, [110, 60, 150]);
	// red cells on a grid around the white cell, apart from each other and from the border
	const step = diameter * 1.5;
	let n = seed;
	for (let cy = step * 0.75; cy + diameter * 0.75 < size; cy += step)
		for (let cx = step * 0.75; cx + diameter * 0.75 < size; cx += step) {
			if (Math.hypot(cx - size / 2, cy - size / 2) < diameter * 1.6) continue;
			if (++n % 3 === 0) continue;
			disc(cx, cy, diameter, [222, 160, 168]);
		}
	await mkdir(join(path, '..'), { recursive: true });
	await sharp(data, { raw: { width: size, height: size, channels: 3 } })
		.jpeg({ quality: 92 })
		.toFile(path);
}

async function smearDataset(source: string, size: number, diameter: number, count: number) {
	const dir = join(root, 'datasets', source);
	const ids = idsIn(source, 'test', count);
	for (const [i, id] of ids.entries()) await smear(join(dir, `${id}.jpg`), size, diameter, i);
	await writeFile(
		join(dir, 'manifest.csv'),
		['id,file,label', ...ids.map((id, i) => `${id},${id}.jpg,${i % 2 ? 'monocyte' : 'lymphocyte'}`)].join('\n') + '\n'
	);
	return dir;
}

// Small dataset folders built here: JPEGs made with sharp, manifests written by hand.

let root: string;
beforeEach(async () => {
	root = await mkdtemp(join(tmpdir(), 'leukodex-import-'));
});
afterEach(async () => {
	await rm(root, { recursive: true, force: true });
});

/** The first `count` ids "<prefix><n>" of the wanted split for this source. */
function idsIn(source: string, split: 'train' | 'test', count: number, prefix = 'c'): string[] {
	const ids: string[] = [];
	for (let n = 0; ids.length < count; n++) if (splitOf(source, `${prefix}${n}`) === split) ids.push(`${prefix}${n}`);
	return ids;
}

async function jpeg(path: string, colour: { r: number; g: number; b: number }, width = 40, height = 36) {
	await mkdir(join(path, '..'), { recursive: true });
	await sharp({ create: { width, height, channels: 3, background: colour } })
		.jpeg({ quality: 90 })
		.toFile(path);
}

async function dataset(source: string, header: string, rows: string[], images: string[]) {
	const dir = join(root, 'datasets', source);
	await mkdir(dir, { recursive: true });
	for (const [i, file] of images.entries()) await jpeg(join(dir, file), { r: 200, g: 100 + i * 10, b: 150 });
	await writeFile(join(dir, 'manifest.csv'), [header, ...rows].join('\n') + '\n');
	return dir;
}

const quiet = { log: () => {} };

async function goodDataset() {
	const [t1, t2, t3] = idsIn('lab', 'test', 3);
	const [r1] = idsIn('lab', 'train', 1);
	return dataset(
		'lab',
		'id,file,label,pbc_group,wbcatt_split,cell_size,nucleus_shape',
		[
			`${t1},img/${t1}.jpg,basophil,basophil,test,big,irregular`,
			`${t2},img/${t2}.jpg,lymphocyte,,,,`,
			`${t3},img/${t3}.jpg,immature_granulocyte,,,,`,
			`${r1},img/${r1}.jpg,monocyte,,,small,`
		],
		[`img/${t1}.jpg`, `img/${t2}.jpg`, `img/${t3}.jpg`, `img/${r1}.jpg`]
	).then((dir) => ({ dir, t1, t2, t3, r1 }));
}

describe('importBank', () => {
	it('builds a bank of test-split, single-class items with their attributes and opaquely named images of one size', async () => {
		const { dir, t1, t2 } = await goodDataset();
		const out = join(root, 'static', 'bank');
		const report = await importBank({ datasets: [dir], out, ...quiet, now: () => new Date('2026-01-02T03:04:05Z') });
		const bank = parseBank(JSON.parse(await readFile(join(out, 'bank.json'), 'utf8')));
		expect(bank.items.map((i) => i.id)).toEqual([`lab:${t1}`, `lab:${t2}`]);
		// images get opaque names: a content hash, no class, source or original file name
		expect(bank.items[0]).toEqual({
			id: `lab:${t1}`,
			source: 'lab',
			label: 'basophil',
			image: expect.stringMatching(/^bank\/images\/[0-9a-f]{12}\.jpg$/),
			width: 36,
			height: 36,
			provenance: 'real',
			attributes: { cell_size: 'big', nucleus_shape: 'irregular' }
		});
		expect(bank.items[1].attributes).toBeUndefined();
		expect(bank.classes).toEqual(['basophil', 'lymphocyte']);
		expect(bank.sources).toEqual([{ name: 'lab', rows: 4, inBank: 2, grouped: 1, skipped: 0 }]);
		expect(bank.model).toBeNull();
		expect(bank.createdAt).toBe('2026-01-02T03:04:05.000Z');
		expect(report.sources[0].splits).toEqual({ train: 1, val: 0, test: 3 });
		// no red cells in these plain images: the source keeps its own scale, cropped to one size
		expect(report.scales.sources).toEqual([expect.objectContaining({ name: 'lab', pxPerUm: null, factor: 1 })]);
		expect(report.scales.imageSize).toBe(36);
		const files = (await readdir(join(out, 'images'))).sort();
		expect(files).toEqual(bank.items.map((i) => i.image.replace('bank/images/', '')).sort());
		for (const file of files)
			expect(await sharp(join(out, 'images', file)).metadata()).toMatchObject({ width: 36, height: 36, format: 'jpeg' });
		expect(bank.imageBytes).toBe((await Promise.all(files.map((f) => readFile(join(out, 'images', f))))).reduce((n, b) => n + b.length, 0));
	});

	it('adds the generator’s images as synthetic items at the bank’s pixel size, under opaque names', async () => {
		const { dir } = await goodDataset();
		const synthetic = await readSyntheticSet(
			await syntheticSet([
				{ file: '0123456789ab.jpg', cellClass: 'promyelocyte' },
				{ file: 'ba9876543210.jpg', cellClass: 'basophil' }
			])
		);
		const out = join(root, 'static', 'bank');
		await importBank({ datasets: [dir], out, ...quiet, synthetic });
		const bank = parseBank(JSON.parse(await readFile(join(out, 'bank.json'), 'utf8')));
		const made = bank.items.filter((i) => i.provenance === 'synthetic');
		expect(made.map((i) => [i.id, i.label, i.source])).toEqual([
			['synthetic:0123456789ab', 'promyelocyte', 'synthetic'],
			['synthetic:ba9876543210', 'basophil', 'synthetic']
		]);
		for (const item of made) {
			expect(item.image).toMatch(/^bank\/images\/[0-9a-f]{12}\.jpg$/);
			expect(item.image).not.toContain('0123456789ab');
			expect(await sharp(join(out, 'images', item.image.replace('bank/images/', ''))).metadata()).toMatchObject({ width: 36, height: 36 });
		}
		expect(bank.classes).toEqual(['promyelocyte', 'basophil', 'lymphocyte']);
		expect(bank.sources.at(-1)).toEqual({ name: 'synthetic', rows: 2, inBank: 2, grouped: 0, skipped: 0 });
	});

	it('keeps images only "Real or synthetic?" may show out of the items, with no classifier answer for them', async () => {
		const { dir } = await goodDataset();
		const synthetic = await readSyntheticSet(
			await syntheticSet(
				[
					{ file: '0123456789ab.jpg', cellClass: 'promyelocyte' },
					{ file: 'ba9876543210.jpg', cellClass: 'eosinophil', use: 'realism' }
				],
				{ imitates: { eosinophil: ['pbc'] } }
			)
		);
		const modelDir = join(root, 'model');
		await writeFixtureModel(modelDir);
		const classifier = await loadClassifier(modelDir);
		const out = join(root, 'static', 'bank');
		const report = await importBank({ datasets: [dir], out, classifier, ...quiet, synthetic });
		await classifier.release();
		const bank = parseBank(JSON.parse(await readFile(join(out, 'bank.json'), 'utf8')));
		expect(bank.items.map((i) => i.id)).not.toContain('synthetic:ba9876543210');
		expect(bank.items.map((i) => i.id)).toContain('synthetic:0123456789ab');
		expect(bank.realism?.map((i) => [i.id, i.label, i.provenance])).toEqual([['synthetic:ba9876543210', 'eosinophil', 'synthetic']]);
		// the labs the generator learnt each class from reach the game (the set names none for promyelocytes)
		expect(bank.realism?.[0].imitates).toEqual(['pbc']);
		expect(bank.items.find((i) => i.id === 'synthetic:0123456789ab')).not.toHaveProperty('imitates');
		// a class drills cannot draw is not among the bank's classes
		expect(bank.classes).toEqual(['promyelocyte', 'basophil', 'lymphocyte']);
		expect(bank.sources.at(-1)).toEqual({ name: 'synthetic', rows: 2, inBank: 1, grouped: 0, skipped: 0 });
		const [game] = bank.realism!;
		expect(game.image).toMatch(/^bank\/images\/[0-9a-f]{12}\.jpg$/);
		expect(await sharp(join(out, 'images', game.image.replace('bank/images/', ''))).metadata()).toMatchObject({ width: 36, height: 36 });
		const files = await readdir(join(out, 'images'));
		expect(bank.imageBytes).toBe((await Promise.all(files.map((f) => readFile(join(out, 'images', f))))).reduce((n, b) => n + b.length, 0));
		const predictions = parsePredictions(JSON.parse(await readFile(join(out, 'predictions.json'), 'utf8')));
		expect(Object.keys(predictions.items).sort()).toEqual(bank.items.map((i) => i.id).sort());
		expect(formatReport(report, '')).toContain('1 generated images for drills, 1 for "Real or synthetic?" only');
	});

	it('refuses a synthetic set written for another version of its contract, saying what to run', async () => {
		const old = await syntheticSet([{ file: '0123456789ab.jpg', cellClass: 'basophil' }], { schemaVersion: 1 });
		await expect(readSyntheticSet(old)).rejects.toThrow(
			/schema version 1; this importer reads version 2: write it again with `npm run bank:synthetic`/
		);
	});

	it('refuses a synthetic set with a missing image or a broken contract, saying which', async () => {
		const missing = await syntheticSet([{ file: '0123456789ab.jpg', cellClass: 'basophil' }]);
		await rm(join(root, 'synthetic', '0123456789ab.jpg'));
		await expect(readSyntheticSet(missing)).rejects.toThrow(/1 image\(s\) that are not there/);
		const badClass = await syntheticSet([{ file: '0123456789ab.jpg', cellClass: 'house' }]);
		await expect(readSyntheticSet(badClass)).rejects.toThrow(/does not match its contract/);
		const named = await syntheticSet([{ file: 'basophil_1.jpg', cellClass: 'basophil' }]);
		await expect(readSyntheticSet(named)).rejects.toThrow(/opaque name/);
		await writeFile(join(root, 'synthetic', 'manifest.json'), '{ not json');
		await expect(readSyntheticSet(join(root, 'synthetic', 'manifest.json'))).rejects.toThrow(/not valid JSON/);
	});

	it('stores the classifier answer for every item when a model is given', async () => {
		const { dir } = await goodDataset();
		const modelDir = join(root, 'model');
		await writeFixtureModel(modelDir);
		const classifier = await loadClassifier(modelDir);
		const out = join(root, 'bank');
		await importBank({ datasets: [dir], out, classifier, ...quiet });
		const bank = parseBank(JSON.parse(await readFile(join(out, 'bank.json'), 'utf8')));
		expect(bank.model?.name).toBe(classifier.card.name);
		// the answers are in a file of their own, tied to this build of bank.json
		expect(JSON.stringify(bank)).not.toContain('"top"');
		const predictions = parsePredictions(JSON.parse(await readFile(join(out, 'predictions.json'), 'utf8')));
		expect(predictions.bankCreatedAt).toBe(bank.createdAt);
		expect(predictions.model.name).toBe(classifier.card.name);
		expect(Object.keys(predictions.items).sort()).toEqual(bank.items.map((i) => i.id).sort());
		for (const prediction of Object.values(predictions.items)) {
			expect(prediction.top).toHaveLength(3);
			const ps = prediction.top.map((t) => t.p);
			expect([...ps].sort((a, b) => b - a)).toEqual(ps);
			expect(Object.keys(prediction.attributes)).toEqual(['cell_size', 'nucleus_shape']);
		}
		await classifier.release();
	});

	it('writes no predictions.json without a model', async () => {
		const { dir } = await goodDataset();
		const out = join(root, 'bank');
		const report = await importBank({ datasets: [dir], out, ...quiet });
		expect(report.bank.model).toBeNull();
		expect(report.predictions).toBeNull();
		expect(existsSync(join(out, 'predictions.json'))).toBe(false);
	});

	it('reuses the same model’s answers on the next import, and classifies changed images again', async () => {
		const { dir, t1 } = await goodDataset();
		const modelDir = join(root, 'model');
		await writeFixtureModel(modelDir);
		const classifier = await loadClassifier(modelDir);
		const key = modelKey(await readFile(classifier.modelPath), await readFile(join(modelDir, 'card.json'), 'utf8'));
		const cacheDir = join(root, 'cache');
		const answersOf = async (out: string) => parsePredictions(JSON.parse(await readFile(join(out, 'predictions.json'), 'utf8'))).items;
		const bankOf = async (out: string) => parseBank(JSON.parse(await readFile(join(out, 'bank.json'), 'utf8')));

		const first = await PredictionCache.open(cacheDir, key);
		await importBank({ datasets: [dir], out: join(root, 'b1'), classifier, predictionCache: first, ...quiet });
		expect([first.hits, first.misses]).toEqual([0, 2]);

		const second = await PredictionCache.open(cacheDir, key);
		await importBank({ datasets: [dir], out: join(root, 'b2'), classifier, predictionCache: second, ...quiet });
		expect([second.hits, second.misses]).toEqual([2, 0]);
		expect((await bankOf(join(root, 'b2'))).items).toEqual((await bankOf(join(root, 'b1'))).items);
		expect(await answersOf(join(root, 'b2'))).toEqual(await answersOf(join(root, 'b1')));

		await jpeg(join(dir, 'img', `${t1}.jpg`), { r: 10, g: 220, b: 30 }, 44, 40); // the image is replaced
		const third = await PredictionCache.open(cacheDir, key);
		await importBank({ datasets: [dir], out: join(root, 'b3'), classifier, predictionCache: third, ...quiet });
		expect([third.hits, third.misses]).toEqual([1, 1]);
		const replaced = (await bankOf(join(root, 'b3'))).items.find((i) => i.id === `lab:${t1}`)!;
		// a bigger image is cropped to the size every image shares
		expect([replaced.width, replaced.height]).toEqual([36, 36]);
		expect(replaced.image).not.toBe((await bankOf(join(root, 'b2'))).items.find((i) => i.id === `lab:${t1}`)!.image);

		// another model (or a retrained one) never sees these answers
		const other = await PredictionCache.open(cacheDir, 'another-model');
		expect(
			other.get(Object.keys(JSON.parse(await readFile(join(cacheDir, `predictions-${key}.json`), 'utf8')).entries)[0])
		).toBeUndefined();
		await classifier.release();
	});

	it('ignores a damaged prediction cache, says so, and rebuilds it', async () => {
		const { dir } = await goodDataset();
		const modelDir = join(root, 'model');
		await writeFixtureModel(modelDir);
		const classifier = await loadClassifier(modelDir);
		const cacheDir = join(root, 'cache');
		await mkdir(cacheDir, { recursive: true });
		await writeFile(join(cacheDir, 'predictions-k1.json'), '{"version": 1, "model": "k1", "entries": {"abc": {"width": -1}}}');
		const damaged = await PredictionCache.open(cacheDir, 'k1');
		expect(damaged.discarded).toMatch(/ignored \(its contents are not valid\)/);
		await importBank({ datasets: [dir], out: join(root, 'b'), classifier, predictionCache: damaged, ...quiet });
		expect(damaged.misses).toBe(2);
		const rebuilt = await PredictionCache.open(cacheDir, 'k1');
		expect(rebuilt.discarded).toBeNull();
		await importBank({ datasets: [dir], out: join(root, 'b'), classifier, predictionCache: rebuilt, ...quiet });
		expect(rebuilt.hits).toBe(2);
		await classifier.release();
	});

	it('lists every bad row with its line, id and problem, and writes nothing', async () => {
		const ids = idsIn('bad', 'test', 8);
		const dir = join(root, 'datasets', 'bad');
		await jpeg(join(dir, 'ok.jpg'), { r: 1, g: 2, b: 3 });
		await jpeg(join(dir, 'ok2.jpg'), { r: 1, g: 2, b: 3 });
		await writeFile(join(dir, 'garbage.jpg'), 'this is not a JPEG');
		const whole = await readFile(join(dir, 'ok.jpg'));
		await writeFile(join(dir, 'truncated.jpg'), whole.subarray(0, Math.floor(whole.length / 2)));
		await writeFile(
			join(dir, 'manifest.csv'),
			[
				'id,file,label',
				`${ids[0]},ok.jpg,basophil`, // line 2: fine
				`${ids[1]},ok2.jpg,basofil`, // 3: unknown label
				`${ids[2]},missing.jpg,monocyte`, // 4: missing file
				`${ids[3]},garbage.jpg,monocyte`, // 5: undecodable
				`${ids[4]},truncated.jpg,monocyte`, // 6: truncated
				`${ids[0]},ok2.jpg,basophil`, // 7: duplicate id
				`,ok2.jpg,basophil`, // 8: empty id
				`${ids[5]},ok2.jpg`, // 9: field missing
				`${ids[6]},ok2.jpg,` // 10: empty label
			].join('\r\n')
		);
		const out = join(root, 'out', 'bank');
		const error = await importBank({ datasets: [dir], out, ...quiet }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ImportError);
		const { problems, message } = error as ImportError;
		expect(problems.map((p) => [p.line, p.id])).toEqual([
			[3, ids[1]],
			[4, ids[2]],
			[5, ids[3]],
			[6, ids[4]],
			[7, ids[0]],
			[8, ''],
			[9, ids[5]],
			[10, ids[6]]
		]);
		expect(problems.map((p) => p.problem)).toEqual([
			'unknown label "basofil" (did you mean "basophil"?)',
			'image file not found: missing.jpg',
			expect.stringMatching(/^image cannot be decoded .*: garbage\.jpg$/),
			expect.stringMatching(/^image cannot be decoded .*: truncated\.jpg$/),
			'duplicate id (first used on line 2)',
			'empty id',
			'has 2 fields, the header has 3',
			'empty label'
		]);
		expect(message).toContain('Labels must be taxonomy ids (myeloblast, promyelocyte,');
		expect(message).toContain('8 problems in 1 manifest');
		expect(message).toContain(`${join(dir, 'manifest.csv')} line 3 (id ${ids[1]}): unknown label "basofil"`);
		expect(message).toContain('--skip-bad');
		expect(existsSync(join(root, 'out'))).toBe(false);
	});

	it('reports a missing required column and a manifest it cannot parse', async () => {
		const a = await dataset('a', 'id,path,label', ['x,x.jpg,basophil'], ['x.jpg']);
		const b = join(root, 'datasets', 'b');
		await mkdir(b, { recursive: true });
		await writeFile(join(b, 'manifest.csv'), 'id,file,label\nx,"x.jpg,basophil\n');
		const error = (await importBank({ datasets: [a, b], out: join(root, 'bank'), ...quiet }).catch((e: unknown) => e)) as ImportError;
		expect(error.problems.map((p) => p.problem)).toEqual([
			'missing required column: file (header is: id,path,label)',
			'not valid CSV: a quoted field is never closed'
		]);
		expect(error.message).toContain('2 problems in 2 manifests');
	});

	it('caps a long listing with a count', async () => {
		const rows = Array.from({ length: 60 }, (_, i) => `r${i},nope${i}.jpg,basophil`);
		const dir = await dataset('many', 'id,file,label', rows, []);
		const error = (await importBank({ datasets: [dir], out: join(root, 'bank'), ...quiet }).catch((e: unknown) => e)) as ImportError;
		expect(error.problems).toHaveLength(60);
		expect(error.message).toContain('… and 20 more.');
		expect(error.message.split('\n').filter((l) => l.includes('image file not found'))).toHaveLength(40);
	});

	it('with skipBad imports the good rows and reports the skipped ones', async () => {
		const [t1, t2] = idsIn('lab', 'test', 2);
		const dir = await dataset(
			'lab',
			'id,file,label',
			[`${t1},${t1}.jpg,eosinophil`, `${t2},gone.jpg,eosinophil`, `x,${t1}.jpg,smudge`],
			[`${t1}.jpg`]
		);
		const out = join(root, 'bank');
		const report = await importBank({ datasets: [dir], out, skipBad: true, ...quiet });
		expect(report.skipped.map((p) => p.line)).toEqual([3, 4]);
		const bank = parseBank(JSON.parse(await readFile(join(out, 'bank.json'), 'utf8')));
		expect(bank.items.map((i) => i.id)).toEqual([`lab:${t1}`]);
		expect(bank.sources[0]).toMatchObject({ rows: 3, inBank: 1, skipped: 2 });
	});

	it('stores two bank images with the same file name in different folders under their own names', async () => {
		const [t1, t2] = idsIn('lab', 'test', 2);
		const dir = await dataset(
			'lab',
			'id,file,label',
			[`${t1},a/cell.jpg,basophil`, `${t2},b/cell.jpg,basophil`],
			['a/cell.jpg', 'b/cell.jpg']
		);
		const report = await importBank({ datasets: [dir], out: join(root, 'bank'), ...quiet });
		expect(new Set(report.bank.items.map((i) => i.image)).size).toBe(2);
	});

	it('measures each source’s scale from its red cells and brings every image to one scale and size', async () => {
		// two labs, the second at 1.5× the magnification and a larger frame
		const a = await smearDataset('lab-a', 320, 40, 8);
		const b = await smearDataset('lab-b', 400, 60, 8);
		const out = join(root, 'bank');
		const scalesOut = join(root, 'source-scales.json');
		const report = await importBank({ datasets: [a, b], out, scalesOut, ...quiet });
		const [sa, sb] = report.scales.sources;
		expect(sa.pxPerUm! * 7.5).toBeGreaterThan(40 * 0.93);
		expect(sa.pxPerUm! * 7.5).toBeLessThan(40 * 1.07);
		expect(sb.pxPerUm! * 7.5).toBeGreaterThan(60 * 0.93);
		expect(sb.pxPerUm! * 7.5).toBeLessThan(60 * 1.07);
		// the finer source is brought down to the coarser one's scale: 400 px × ~2/3 ≈ 267 px
		expect(sa.factor).toBe(1);
		expect(sb.factor).toBeCloseTo(sa.pxPerUm! / sb.pxPerUm!, 3);
		expect(report.scales.imageSize).toBe(Math.min(320, Math.floor(400 * sb.factor)) - (Math.min(320, Math.floor(400 * sb.factor)) % 2));
		expect(new Set(report.bank.items.map((i) => `${i.width}×${i.height}`))).toEqual(
			new Set([`${report.scales.imageSize}×${report.scales.imageSize}`])
		);
		// the contract file says the same
		expect(parse(SourceScalesSchema, JSON.parse(await readFile(scalesOut, 'utf8')))).toEqual(report.scales);
	});

	it('refuses to write an empty bank', async () => {
		const [r1] = idsIn('lab', 'train', 1);
		const dir = await dataset('lab', 'id,file,label', [`${r1},${r1}.jpg,eosinophil`, 'x,gone.jpg,eosinophil'], [`${r1}.jpg`]);
		const out = join(root, 'bank');
		await expect(importBank({ datasets: [dir], out, skipBad: true, ...quiet })).rejects.toThrow(
			/would be empty.*1 row\(s\) skipped.*Nothing was written/
		);
		expect(existsSync(out)).toBe(false);
	});

	it('replaces an existing bank only when the new one is complete', async () => {
		const { dir } = await goodDataset();
		const out = join(root, 'bank');
		await mkdir(out);
		await writeFile(join(out, 'bank.json'), 'old');
		await writeFile(join(dir, 'manifest.csv'), 'id,file,label\nz,missing.jpg,basophil\n', { flag: 'a' });
		await expect(importBank({ datasets: [dir], out, ...quiet })).rejects.toThrow(ImportError);
		expect(await readFile(join(out, 'bank.json'), 'utf8')).toBe('old');

		const good = await goodDataset();
		await importBank({ datasets: [good.dir], out, ...quiet });
		expect(parseBank(JSON.parse(await readFile(join(out, 'bank.json'), 'utf8'))).items).toHaveLength(2);
		expect((await readdir(root)).filter((n) => n.startsWith('.bank'))).toEqual([]);
	});

	it('suggests the label a typo meant, and nothing when none is close', () => {
		expect(suggestLabel('Band Neutrophil')).toBe('band_neutrophil');
		expect(suggestLabel('lymphocite')).toBe('lymphocyte');
		expect(suggestLabel('NRBC')).toBeNull();
	});

	it('finds dataset folders by their manifest', async () => {
		await goodDataset();
		await mkdir(join(root, 'datasets', 'no-manifest'));
		expect(await findDatasets(join(root, 'datasets'))).toEqual([join(root, 'datasets', 'lab')]);
		await expect(findDatasets(join(root, 'nowhere'))).rejects.toThrow(/cannot be read/);
	});
});
