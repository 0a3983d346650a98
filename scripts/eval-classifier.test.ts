import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CLASSES, writeFixtureModel } from './lib/fixture-model.ts';
import { argmax } from './lib/metrics.ts';
import { loadClassifier } from './lib/onnx-node.ts';

// The eval CLI end to end on a generated "other lab" folder: images derived at test time from the
// shared datasets (rotated, cropped, re-encoded; synthetic if the datasets are absent), a label the
// model does not know, a group label that --map can score, and a row whose image is missing.

const tsx = resolve('node_modules/.bin/tsx');
const cli = resolve('scripts/eval-classifier.ts');
const datasets = resolve('../shared/datasets/pbc');
let root: string;

const rows = [
	{ id: 'a1', label: 'basophil', from: 'images/basophil/BA_100102.jpg', attrs: 'small,irregular' },
	{ id: 'a2', label: 'basophil', from: 'images/basophil/BA_101381.jpg', attrs: 'small,' },
	{ id: 'b1', label: 'lymphocyte', from: 'images/lymphocyte/LY_105283.jpg', attrs: 'small,unsegmented-round' },
	{ id: 'c1', label: 'band_neutrophil', from: 'images/band_neutrophil/BNE_105000.jpg', attrs: ',' },
	{ id: 'c2', label: 'segmented_neutrophil', from: 'images/segmented_neutrophil/SNE_102049.jpg', attrs: 'big,segmented-multilobed' },
	{ id: 'd1', label: 'neutrophil', from: 'images/eosinophil/EO_10150.jpg', attrs: ',' },
	{ id: 'd2', label: 'neutrophil', from: 'images/platelet/PLATELET_100529.jpg', attrs: ',' },
	{ id: 'e1', label: 'smudge_cell', from: 'images/erythroblast/ERB_102372.jpg', attrs: ',' }
];

async function makeImage(from: string, to: string, i: number) {
	const source = join(datasets, from);
	const image = existsSync(source)
		? sharp(source)
				.rotate(90 * (i % 4))
				.extract({ left: 10 + i, top: 12, width: 280, height: 300 - i * 3 })
		: sharp({ create: { width: 120 + i * 7, height: 100, channels: 3, background: { r: 40 * i, g: 200 - 20 * i, b: 128 } } });
	await (i % 2 ? image.png() : image.jpeg({ quality: 80 })).toFile(to);
}

function run(args: string[]) {
	const result = spawnSync(tsx, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'leukodex-eval-'));
	await writeFixtureModel(join(root, 'model'));
	const lab = join(root, 'other-lab');
	await mkdir(join(lab, 'cells'), { recursive: true });
	const lines = ['id,file,label,cell_size,nucleus_shape'];
	for (const [i, row] of rows.entries()) {
		const file = `cells/${row.id}.${i % 2 ? 'png' : 'jpg'}`;
		await makeImage(row.from, join(lab, file), i);
		lines.push(`${row.id},${file},${row.label},${row.attrs}`);
	}
	lines.push('z1,cells/missing.jpg,basophil,,');
	await writeFile(join(lab, 'manifest.csv'), lines.join('\r\n') + '\r\n');
});

afterAll(async () => {
	await rm(root, { recursive: true, force: true });
});

describe('eval-classifier CLI', () => {
	it('scores known labels, counts unknown ones and skips a missing image', async () => {
		const out = join(root, 'plain.json');
		const { code, stdout, stderr } = run([join(root, 'other-lab', 'manifest.csv'), '--model', join(root, 'model'), '--out', out]);
		expect(stderr).not.toMatch(/Error/);
		expect(code).toBe(0);
		expect(stdout).toContain('scored 5 images');
		const result = JSON.parse(await readFile(out, 'utf8'));
		for (const key of [
			'n',
			'accuracy',
			'macro_f1',
			'per_class',
			'confusion',
			'ece',
			'attribute_accuracy',
			'mean_attribute_accuracy',
			'unknown_labels',
			'skipped'
		]) {
			expect(result).toHaveProperty(key);
		}
		expect(result.n).toBe(5);
		expect(result.unknown_labels).toEqual({ neutrophil: 2, smudge_cell: 1 });
		expect(result.skipped).toEqual([{ line: 10, id: 'z1', problem: 'image file not found' }]);
		// the model's classes, in the model's order
		expect(result.confusion.labels).toEqual(FIXTURE_CLASSES);
		const matrix: number[][] = result.confusion.matrix;
		expect(matrix.flat().reduce((s, v) => s + v, 0)).toBe(5);
		expect(result.per_class.basophil.support).toBe(2);
		expect(Object.keys(result.attribute_accuracy)).toEqual(['cell_size', 'nucleus_shape']);

		// The same answers, computed directly: accuracy and attribute accuracy must agree.
		const classifier = await loadClassifier(join(root, 'model'));
		let correct = 0;
		let sizeRight = 0;
		for (const [i, row] of rows.entries()) {
			const out = await classifier.classifyFile(join(root, 'other-lab', `cells/${row.id}.${i % 2 ? 'png' : 'jpg'}`));
			const predicted = classifier.card.classes[argmax(out.classProbs)];
			if (predicted === row.label) correct++;
			const size = row.attrs.split(',')[0];
			if (size && ['small', 'big'][argmax(out.attributeProbs.subarray(0, 2))] === size) sizeRight++;
		}
		await classifier.release();
		expect(result.accuracy).toBeCloseTo(correct / 5, 12);
		expect(result.attribute_accuracy.cell_size).toBeCloseTo(sizeRight / 4, 12);
	});

	it('--map merges model classes into the lab’s label before scoring', async () => {
		const out = join(root, 'mapped.json');
		const map = 'band_neutrophil=neutrophil,segmented_neutrophil=neutrophil';
		const { code } = run([join(root, 'other-lab'), '--model', join(root, 'model'), '--map', map, '--out', out]);
		expect(code).toBe(0);
		const result = JSON.parse(await readFile(out, 'utf8'));
		expect(result.map).toEqual({ band_neutrophil: 'neutrophil', segmented_neutrophil: 'neutrophil' });
		expect(result.confusion.labels).toEqual(['basophil', 'eosinophil', 'lymphocyte', 'monocyte', 'neutrophil', 'myeloblast']);
		expect(result.n).toBe(5);
		expect(result.per_class.neutrophil.support).toBe(2);
		// the fine labels are now the unknown ones
		expect(result.unknown_labels).toEqual({ band_neutrophil: 1, segmented_neutrophil: 1, smudge_cell: 1 });
	});

	it('fails clearly on a bad map or a missing model', () => {
		const bad = run([join(root, 'other-lab'), '--model', join(root, 'model'), '--map', 'band=neutrophil']);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('"band" is not one of the model\'s classes');
		const none = run([join(root, 'other-lab'), '--model', join(root, 'nowhere')]);
		expect(none.code).toBe(1);
		expect(none.stderr).toContain('No model at');
	});
});
