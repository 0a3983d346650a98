import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
	BANK_SCHEMA_VERSION,
	parseBank,
	parsePredictions,
	PREDICTIONS_SCHEMA_VERSION,
	type Bank,
	type BankItem,
	type ItemPrediction,
	type Predictions
} from '../src/lib/bank/schema.ts';
import { splitOf, type Split } from '../src/lib/bank/split.ts';
import { CELL_CLASS_IDS, GROUP_LABELS, inTaxonomyOrder, isCellClassId, isGroupLabel, type CellClassId } from '../src/lib/cells/taxonomy.ts';
import { modelClassIds, readOutputs } from '../src/lib/classifier/outputs.ts';
import { preprocess, type Pixels } from '../src/lib/classifier/preprocess.ts';
import { MIN_RED_CELLS } from './scale.ts';
import { measureScales, normalizeImage, planScales, scalesContract, type NormalizedImage, type SourceScales } from './normalize.ts';
import { checkImage, decodeRgb, ImageDecodeError } from '../scripts/lib/image.ts';
import { formatProblems, readManifest, type Manifest, type ManifestRow, type RowProblem } from '../scripts/lib/manifest.ts';
import type { NodeClassifier } from '../scripts/lib/onnx-node.ts';
import { mapConcurrent } from '../scripts/lib/pool.ts';
import { imageKey, type PredictionCache } from './prediction-cache.ts';
import type { SyntheticImages } from './synthetic-set.ts';

/**
 * The question-bank importer: dataset folders (manifest.csv + images) → static/bank/
 * (bank.json, predictions.json + images/<content hash>.jpg). Every row is checked, every image
 * really decoded; the drill bank holds only test-split items with a single-class label, so the
 * classifier never trained on what learners are graded on. Bank images are brought to one
 * magnification and one pixel size and named by their content, so neither the file name nor
 * the picture's size or scale tells the class or the source.
 */

export const SPLIT_ALGORITHM = 'sha256-u32 <0.70 train, <0.85 val, else test';

export interface ImportOptions {
	/** dataset folders, each holding a manifest.csv; the folder name is the source */
	datasets: string[];
	/** output folder, replaced as a whole (e.g. static/bank) */
	out: string;
	/** import the good rows and report the bad ones, instead of failing */
	skipBad?: boolean;
	/** predictions are stored when a classifier is given */
	classifier?: NodeClassifier | null;
	/** earlier answers of the same classifier, by image content (see prediction-cache.ts) */
	predictionCache?: PredictionCache | null;
	/** images decoded at once (default: 4 per core) */
	concurrency?: number;
	log?: (line: string) => void;
	/** clock for createdAt (tests pin it) */
	now?: () => Date;
	/** where to write the measured scales (source-scales.json); not written when absent */
	scalesOut?: string;
	/** side of the square bank images in pixels; default: the largest every source can fill */
	imageSize?: number;
	/** the generator's images (synthetic-set.ts), added with provenance "synthetic" */
	synthetic?: SyntheticImages | null;
}

export interface SourceReport {
	name: string;
	rows: number;
	splits: Record<Split, number>;
	inBank: number;
	perClass: Partial<Record<CellClassId, number>>;
	/** test-split rows left out because their label names a group */
	grouped: number;
	/** all rows with a group label, any split */
	groupedAll: number;
	skipped: number;
}

export interface ImportReport {
	bank: Bank;
	/** the classifier's answers (predictions.json), null when no classifier was given */
	predictions: Predictions | null;
	sources: SourceReport[];
	/** each source's measured scale and the one scale and size every bank image now has */
	scales: SourceScales;
	skipped: RowProblem[];
	seconds: number;
}

export class ImportError extends Error {
	constructor(
		message: string,
		readonly problems: RowProblem[] = []
	) {
		super(message);
	}
}

/** Every folder directly under `root` that has a manifest.csv, sorted by name. */
export async function findDatasets(root: string): Promise<string[]> {
	let entries;
	try {
		entries = await readdir(root, { withFileTypes: true });
	} catch {
		throw new ImportError(
			`The datasets folder ${resolve(root)} cannot be read. Pass dataset folders explicitly: npm run bank -- <folder>...`
		);
	}
	return entries
		.filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'manifest.csv')))
		.map((e) => resolve(root, e.name))
		.sort();
}

interface Checked {
	manifest: Manifest;
	row: ManifestRow;
	split: Split;
	/** set for rows that go into the bank */
	label: CellClassId | null;
	width: number;
	height: number;
}

export async function importBank(options: ImportOptions): Promise<ImportReport> {
	const started = performance.now();
	const log = options.log ?? (() => {});
	const concurrency = options.concurrency ?? Math.max(2, availableParallelism() * 4);
	if (options.datasets.length === 0) throw new ImportError('No dataset folders were given or found (each needs a manifest.csv).');

	const manifests: Manifest[] = [];
	for (const dir of options.datasets) {
		const manifestPath = dir.endsWith('.csv') ? dir : join(dir, 'manifest.csv');
		manifests.push(await readManifest(manifestPath));
	}
	const problems: RowProblem[] = manifests.flatMap((m) => m.problems);
	const sourceNames = new Map<string, string>();
	for (const m of manifests) {
		const other = sourceNames.get(m.source);
		if (other)
			problems.push({
				manifest: m.path,
				line: 0,
				id: '',
				problem: `the source name "${m.source}" is also used by ${other}; rename one folder`
			});
		sourceNames.set(m.source, m.path);
	}

	// Label checks are cheap: do them before decoding anything.
	const candidates: { manifest: Manifest; row: ManifestRow }[] = [];
	for (const manifest of manifests) {
		for (const row of manifest.rows) {
			if (!isCellClassId(row.label) && !isGroupLabel(row.label)) {
				const guess = row.label === '' ? null : suggestLabel(row.label);
				const problem = row.label === '' ? 'empty label' : `unknown label "${row.label}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
				problems.push({ manifest: manifest.path, line: row.line, id: row.id, problem });
				continue;
			}
			candidates.push({ manifest, row });
		}
	}

	// First pass: every image is decoded (on libuv's threads), so a bad file fails the import here.
	let decoded = 0;
	const checked = await mapConcurrent(candidates, concurrency, async ({ manifest, row }): Promise<Checked | null> => {
		const split = splitOf(manifest.source, row.id);
		const label = split === 'test' && isCellClassId(row.label) ? row.label : null;
		let size: { width: number; height: number };
		try {
			size = await checkImage(row.path);
		} catch (error) {
			const problem = error instanceof ImageDecodeError ? `${error.message}: ${row.file}` : `image cannot be read: ${row.file} (${error})`;
			problems.push({ manifest: manifest.path, line: row.line, id: row.id, problem });
			return null;
		}
		if (++decoded % 2000 === 0) log(`  checked ${decoded} of ${candidates.length} images…`);
		return { manifest, row, split, label, width: size.width, height: size.height };
	});

	problems.sort((a, b) => a.manifest.localeCompare(b.manifest) || a.line - b.line);
	if (problems.length > 0 && !options.skipBad) {
		const files = new Set(problems.map((p) => p.manifest)).size;
		throw new ImportError(
			`The question bank was not built: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} manifest${files === 1 ? '' : 's'}. Nothing was written.\n` +
				`${formatProblems(problems)}\n` +
				(problems.some((p) => p.problem.includes(' label'))
					? `Labels must be taxonomy ids (${CELL_CLASS_IDS.join(', ')}) or group labels (${Object.keys(GROUP_LABELS).join(', ')}).\n`
					: '') +
				'Fix these rows, or run with --skip-bad to import the rest.',
			problems
		);
	}

	const good = checked.filter((c): c is Checked => c !== null);
	const bankRows = good.filter((c) => c.label !== null);

	if (bankRows.length === 0) {
		throw new ImportError(
			`The question bank would be empty: no test-split row with a single-class label${problems.length ? ` (${problems.length} row(s) skipped)` : ''}. Nothing was written.`,
			problems
		);
	}

	// One magnification and one pixel size for every source (scale.ts, normalize.ts).
	const scales = await measureScales(manifests, good, concurrency);
	const plan = planScales(
		scales,
		bankRows.map((c) => ({ source: c.manifest.source, width: c.width, height: c.height })),
		options.imageSize
	);
	for (const s of plan.sources) {
		log(
			s.pxPerUm === null
				? `  ${s.name}: scale not measured (${s.cellsMeasured} single red cells in ${s.imagesSampled} images; ${MIN_RED_CELLS} needed): images kept at their own scale`
				: `  ${s.name}: red cells ${s.redCellDiameterPx?.toFixed(1)} px across → ${s.pxPerUm.toFixed(2)} px/µm (${s.cellsMeasured} cells in ${s.imagesSampled} images); resized ×${s.factor.toFixed(3)}`
		);
	}
	log(
		`  every image: ${plan.size}×${plan.size} px at ${plan.pxPerUm === null ? 'its source’s own scale' : `${plan.pxPerUm.toFixed(2)} px/µm`}`
	);

	// Second pass: resample and crop each bank image; the classifier answers for the image the
	// learner will see, so decoding and inference overlap. Synthetic images show one bank field of
	// view at the generator's resolution: they are only scaled up to the bank's pixel size.
	const classifier = options.classifier ?? null;
	if (classifier) modelClassIds(classifier.card.classes);
	const cache = classifier ? (options.predictionCache ?? null) : null;
	const usedKeys = new Set<string>();
	const factors = new Map(plan.sources.map((s) => [s.name, s.factor]));
	const synthetic = options.synthetic ?? null;
	interface Entry {
		path: string;
		file: string;
		factor: number;
		item: Omit<BankItem, 'image' | 'width' | 'height'>;
		/** a synthetic image only the "Real or synthetic?" game shows (synthetic-set.ts): in bank.realism, not bank.items */
		realismOnly?: true;
	}
	const entries: Entry[] = [
		...bankRows.map((c): Entry => {
			const item: Entry['item'] = {
				id: `${c.manifest.source}:${c.row.id}`,
				source: c.manifest.source,
				label: c.label as CellClassId,
				provenance: 'real'
			};
			if (Object.keys(c.row.attributes).length > 0) item.attributes = c.row.attributes;
			return { path: c.row.path, file: c.row.file, factor: factors.get(c.manifest.source) ?? 1, item };
		}),
		...(synthetic?.set.images ?? []).map((image, i): Entry => ({
			path: synthetic!.paths[i],
			file: image.file,
			factor: plan.size / synthetic!.set.imageSize,
			item: {
				id: `synthetic:${image.file.replace(/\.jpg$/, '')}`,
				source: 'synthetic',
				label: image.cellClass,
				provenance: 'synthetic',
				...(synthetic!.set.imitates?.[image.cellClass] ? { imitates: synthetic!.set.imitates[image.cellClass] } : {})
			},
			...(image.use === 'realism' ? { realismOnly: true as const } : {})
		}))
	];
	const outputs = await mapConcurrent(entries, concurrency, async (e) => {
		let image: NormalizedImage;
		try {
			image = await normalizeImage(e.path, e.factor, plan.size);
		} catch (error) {
			throw new ImportError(
				`The question bank was not built: ${e.file} could not be resampled (${error instanceof Error ? error.message : error}). Nothing was written.`
			);
		}
		const key = imageKey(image.bytes);
		let prediction: ItemPrediction | undefined;
		// the game never shows the classifier's answer: a realism-only image needs none
		if (classifier && !e.realismOnly) {
			const hit = cache?.get(key);
			if (hit) prediction = hit.prediction;
			else {
				prediction = await predictOne(classifier, await decodeRgb(e.path, image.bytes));
				cache?.set(key, { width: plan.size, height: plan.size, prediction });
			}
			usedKeys.add(key);
		}
		// 12 hex digits (48 bits) name thousands of images without a clash and keep bank.json small; a clash is checked below
		return { file: `${key.slice(0, 12)}.jpg`, key, bytes: image.bytes, prediction };
	});
	const byFile = new Map<string, { key: string; file: string }>();
	entries.forEach((e, i) => {
		const other = byFile.get(outputs[i].file);
		if (other !== undefined && other.key !== outputs[i].key)
			throw new ImportError(
				`The question bank was not built: ${other.file} and ${e.file} give the same image name ${outputs[i].file}. Nothing was written.`
			);
		byFile.set(outputs[i].file, { key: outputs[i].key, file: e.file });
	});

	const built = entries.map((e, i): BankItem => ({
		...e.item,
		image: `bank/images/${outputs[i].file}`,
		width: plan.size,
		height: plan.size
	}));
	const items = built.filter((_, i) => !entries[i].realismOnly);
	const realism = built.filter((_, i) => entries[i].realismOnly);
	const predictionOf = new Map(built.map((item, i) => [item.id, outputs[i].prediction]));

	const reports: SourceReport[] = manifests.map((m) => {
		const mine = good.filter((c) => c.manifest === m);
		const splits: Record<Split, number> = { train: 0, val: 0, test: 0 };
		const perClass: Partial<Record<CellClassId, number>> = {};
		let grouped = 0;
		let groupedAll = 0;
		for (const c of mine) {
			splits[c.split]++;
			if (c.label) perClass[c.label] = (perClass[c.label] ?? 0) + 1;
			if (isGroupLabel(c.row.label)) {
				groupedAll++;
				if (c.split === 'test') grouped++;
			}
		}
		const skipped = new Set(problems.filter((p) => p.manifest === m.path && p.line > 0).map((p) => p.line)).size;
		return {
			name: m.source,
			rows: mine.length + skipped,
			splits,
			inBank: mine.filter((c) => c.label).length,
			perClass,
			grouped,
			groupedAll,
			skipped
		};
	});

	const bank = parseBank({
		schemaVersion: BANK_SCHEMA_VERSION,
		createdAt: (options.now?.() ?? new Date()).toISOString(),
		split: { algorithm: SPLIT_ALGORITHM, included: 'test' },
		sources: [
			...reports.map(({ name, rows, inBank, grouped, skipped }) => ({ name, rows, inBank, grouped, skipped })),
			// inBank: the images drills may show; the rest are in `realism`
			...(synthetic && synthetic.set.images.length > 0
				? [
						{
							name: 'synthetic',
							rows: synthetic.set.images.length,
							inBank: synthetic.set.images.length - realism.length,
							grouped: 0,
							skipped: 0
						}
					]
				: [])
		],
		classes: inTaxonomyOrder(items.map((i) => i.label)),
		imageBytes: [...new Map(outputs.map((o) => [o.file, o.bytes.length])).values()].reduce((a, b) => a + b, 0),
		model: classifier ? { name: classifier.card.name, createdAt: classifier.card.created_at, classes: classifier.card.classes } : null,
		items,
		...(realism.length > 0 ? { realism } : {})
	} satisfies Bank);

	const predictions: Predictions | null =
		classifier && bank.model
			? parsePredictions({
					schemaVersion: PREDICTIONS_SCHEMA_VERSION,
					bankCreatedAt: bank.createdAt,
					model: { name: bank.model.name, createdAt: bank.model.createdAt },
					items: Object.fromEntries(
						items.flatMap((item) => {
							const prediction = predictionOf.get(item.id);
							return prediction ? [[item.id, prediction] as const] : [];
						})
					)
				} satisfies Predictions)
			: null;

	if (cache) {
		log(`  classifier: ${cache.misses} image(s) classified, ${cache.hits} answer(s) reused from earlier imports`);
		const problem = await cache.save(usedKeys);
		if (problem) log(`  note: ${problem}`);
	}
	const files = new Map(outputs.map((o) => [join('images', o.file), o.bytes]));
	await writeBankAtomically(
		resolve(options.out),
		bank,
		predictions,
		[...files].map(([to, bytes]) => ({ to, bytes }))
	);
	const sourceScales = scalesContract(plan);
	if (options.scalesOut) await writeFile(options.scalesOut, JSON.stringify(sourceScales, null, '\t') + '\n');
	return { bank, predictions, sources: reports, scales: sourceScales, skipped: problems, seconds: (performance.now() - started) / 1000 };
}

const VALID_LABELS: readonly string[] = [...CELL_CLASS_IDS, ...Object.keys(GROUP_LABELS)];

function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		previous = current;
	}
	return previous[b.length];
}

/** The valid label a typo most likely meant ("Band Neutrophil", "basofil"), if one is close. */
export function suggestLabel(label: string): string | null {
	const normal = label
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	let best: string | null = null;
	let bestDistance = 3;
	for (const valid of VALID_LABELS) {
		const d = editDistance(normal, valid);
		if (d < bestDistance) {
			best = valid;
			bestDistance = d;
		}
	}
	return best;
}

const round4 = (p: number) => Math.round(p * 1e4) / 1e4;

async function predictOne(classifier: NodeClassifier, pixels: Pixels): Promise<ItemPrediction> {
	const { card } = classifier;
	const outputs = await classifier.classify(preprocess(pixels, card.input));
	const answer = readOutputs(card, outputs.classProbs, outputs.attributeProbs, 3);
	return {
		top: answer.top.map((t) => ({ cellClass: t.cellClass, p: round4(t.p) })),
		attributes: Object.fromEntries(Object.entries(answer.attributes).map(([k, a]) => [k, { value: a.value, p: round4(a.p) }]))
	};
}

/**
 * Writes the whole bank into a fresh sibling folder, then swaps it in with renames, so a reader
 * (or a crash) never sees a half-written bank: `out` is either the old bank or the new one.
 */
export async function writeBankAtomically(
	out: string,
	bank: Bank,
	predictions: Predictions | null,
	files: { to: string; bytes: Uint8Array }[]
): Promise<void> {
	const parent = dirname(out);
	await mkdir(parent, { recursive: true });
	const tag = `${process.pid}-${Date.now()}`;
	const staging = join(parent, `.${basename(out)}.partial-${tag}`);
	const previous = join(parent, `.${basename(out)}.previous-${tag}`);
	try {
		await mkdir(staging);
		const dirs = new Set(files.map((f) => dirname(join(staging, f.to))));
		for (const d of dirs) await mkdir(d, { recursive: true });
		await mapConcurrent(files, 16, (f) => writeFile(join(staging, f.to), f.bytes));
		await writeFile(join(staging, 'bank.json'), JSON.stringify(bank));
		if (predictions) await writeFile(join(staging, 'predictions.json'), JSON.stringify(predictions));
		const hadPrevious = existsSync(out);
		if (hadPrevious) await rename(out, previous);
		try {
			await rename(staging, out);
		} catch (error) {
			if (hadPrevious) await rename(previous, out);
			throw error;
		}
		if (hadPrevious) await rm(previous, { recursive: true, force: true });
	} finally {
		await rm(staging, { recursive: true, force: true });
	}
}

/** The per-source summary printed after an import. */
export function formatReport(report: ImportReport, classifierNote: string): string {
	const lines: string[] = [];
	for (const s of report.sources) {
		lines.push(
			`${s.name}: ${s.rows} rows (train ${s.splits.train}, val ${s.splits.val}, test ${s.splits.test}); in bank ${s.inBank}; grouped ${s.grouped} in test split (${s.groupedAll} in all); skipped ${s.skipped}`
		);
		for (const id of inTaxonomyOrder(Object.keys(s.perClass))) lines.push(`    ${id.padEnd(22)} ${String(s.perClass[id]).padStart(5)}`);
	}
	const synthetic = report.bank.items.filter((i) => i.provenance === 'synthetic');
	const realism = report.bank.realism ?? [];
	if (synthetic.length + realism.length > 0) {
		lines.push(`synthetic: ${synthetic.length} generated images for drills, ${realism.length} for "Real or synthetic?" only`);
		// per class: images for drills, images for the game only
		const perClass = new Map<CellClassId, { drill: number; game: number }>();
		const count = (items: readonly BankItem[], use: 'drill' | 'game') => {
			for (const item of items) {
				const row = perClass.get(item.label) ?? { drill: 0, game: 0 };
				row[use]++;
				perClass.set(item.label, row);
			}
		};
		count(synthetic, 'drill');
		count(realism, 'game');
		for (const id of inTaxonomyOrder([...perClass.keys()])) {
			const { drill, game } = perClass.get(id)!;
			lines.push(`    ${id.padEnd(22)} ${String(drill).padStart(5)} ${String(game).padStart(5)}`);
		}
	}
	if (report.skipped.length > 0) lines.push(`Skipped ${report.skipped.length} problem row(s):\n${formatProblems(report.skipped)}`);
	lines.push(`Bank: ${report.bank.items.length} items in ${report.bank.classes.length} classes. ${classifierNote}`);
	lines.push(`Done in ${report.seconds.toFixed(1)} s.`);
	return lines.join('\n');
}
