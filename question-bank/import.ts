// `npm run bank [-- <dataset dir>...] [--skip-bad] [--out static/bank] [--model models/classifier | --no-model] [--no-cache]
//   [--scales file] [--image-size px] [--synthetic manifest.json | --no-synthetic]`
// Builds the drill bank from dataset folders (default: every folder under ../shared/datasets with a manifest.csv)
// and the generator's synthetic images (default: question-bank/synthetic/manifest.json, when it exists).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_DIR, hasModel, loadClassifier, ModelLoadError, type NodeClassifier } from '../scripts/lib/onnx-node.ts';
import { findDatasets, formatReport, ImportError, importBank } from './importer.ts';
import { modelKey, PredictionCache } from './prediction-cache.ts';
import { readSyntheticSet, type SyntheticImages } from './synthetic-set.ts';

const usage =
	'Usage: npm run bank -- [dataset folder...] [--skip-bad] [--out static/bank] [--model <dir> | --no-model] [--no-cache] [--scales <file.json>] [--image-size <px>] [--synthetic <manifest.json> | --no-synthetic]';
// The generator's images (models/generator/make_bank.py writes them; committed).
const SYNTHETIC_FILE = 'question-bank/synthetic/manifest.json';
// The measured scale of each default source: a contract the training code reads too (committed).
const SCALES_FILE = 'question-bank/source-scales.json';
// The classifier's answers are kept here between imports, one file per model (committed: see prediction-cache.ts).
const CACHE_DIR = 'question-bank/prediction-cache';

async function main(): Promise<number> {
	let args;
	try {
		args = parseArgs({
			allowPositionals: true,
			options: {
				'skip-bad': { type: 'boolean', default: false },
				out: { type: 'string', default: 'static/bank' },
				model: { type: 'string' },
				'no-model': { type: 'boolean', default: false },
				'no-cache': { type: 'boolean', default: false },
				scales: { type: 'string' },
				'image-size': { type: 'string' },
				synthetic: { type: 'string' },
				'no-synthetic': { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h', default: false }
			}
		});
	} catch (error) {
		console.error(`${error instanceof Error ? error.message : error}\n${usage}`);
		return 2;
	}
	if (args.values.help) {
		console.log(usage);
		return 0;
	}
	let imageSize: number | undefined;
	if (args.values['image-size'] !== undefined) {
		imageSize = Number(args.values['image-size']);
		if (!Number.isInteger(imageSize) || imageSize < 2) {
			console.error(`--image-size must be a whole number of pixels (2 or more), not "${args.values['image-size']}".\n${usage}`);
			return 2;
		}
	}
	// the committed contract describes the default datasets; other folders write it only when asked
	const scalesOut = args.values.scales ?? (args.positionals.length === 0 ? SCALES_FILE : undefined);
	const datasets =
		args.positionals.length > 0 ? args.positionals.map((p) => resolve(p)) : await findDatasets(resolve('../shared/datasets'));

	let synthetic: SyntheticImages | null = null;
	const syntheticPath = args.values['no-synthetic']
		? undefined
		: (args.values.synthetic ?? (existsSync(SYNTHETIC_FILE) ? SYNTHETIC_FILE : undefined));
	if (syntheticPath !== undefined) {
		try {
			synthetic = await readSyntheticSet(resolve(syntheticPath));
		} catch (error) {
			console.error(
				`The question bank was not built: ${error instanceof Error ? error.message : error}. Fix the set, or run with --no-synthetic.`
			);
			return 1;
		}
	}

	let classifier: NodeClassifier | null = null;
	let note = 'No model predictions stored.';
	if (!args.values['no-model']) {
		const modelDir = resolve(args.values.model ?? DEFAULT_MODEL_DIR);
		if (hasModel(modelDir)) {
			// wasm threads (worker_threads in Node) pay off: inference dominates the import once a model exists
			classifier = await loadClassifier(modelDir, { threads: Math.min(2, availableParallelism()) });
			note = `Predictions from model "${classifier.card.name}" (${modelDir}).`;
		} else if (args.values.model) {
			console.error(`No model card at ${modelDir}/card.json.`);
			return 1;
		} else {
			console.warn(
				`WARNING: no classifier at ${modelDir} (card.json + model file). Importing WITHOUT model predictions;\n         run \`npm run bank\` again once the model is trained.`
			);
		}
	}

	let predictionCache: PredictionCache | null = null;
	if (classifier && !args.values['no-cache']) {
		const key = modelKey(await readFile(classifier.modelPath), await readFile(join(classifier.dir, 'card.json'), 'utf8'));
		predictionCache = await PredictionCache.open(resolve(CACHE_DIR), key);
		if (predictionCache.discarded) console.warn(`note: ${predictionCache.discarded}`);
	}

	console.log(`Importing ${datasets.length} dataset(s): ${datasets.join(', ')}`);
	const report = await importBank({
		datasets,
		out: args.values.out,
		skipBad: args.values['skip-bad'],
		classifier,
		predictionCache,
		scalesOut: scalesOut === undefined ? undefined : resolve(scalesOut),
		imageSize,
		synthetic,
		log: (line) => console.log(line)
	});
	console.log(formatReport(report, note));
	console.log(`Wrote ${resolve(args.values.out)}/bank.json${scalesOut ? ` and ${scalesOut}` : ''}`);
	await classifier?.release();
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		if (error instanceof ImportError || error instanceof ModelLoadError) console.error(error.message);
		else console.error(error instanceof Error ? `The question bank was not built: ${error.message}` : error);
		process.exit(1);
	}
);
