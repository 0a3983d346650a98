// `npm run eval:classifier -- <manifest.csv | folder> [--map a=b,...] [--out file.json] [--model dir] [--split test]`
// Scores the ONNX classifier (onnxruntime-web, as in the browser) on any folder with a manifest.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Split } from '../src/lib/bank/split.ts';
import { evaluateManifest, formatEvaluation } from './lib/evaluate.ts';
import { parseClassMap } from './lib/metrics.ts';
import { DEFAULT_MODEL_DIR, hasModel, loadClassifier } from './lib/onnx-node.ts';

const usage =
	'Usage: npm run eval:classifier -- <manifest.csv | dataset folder> [--map model_class=label,...] [--out result.json] [--model models/classifier] [--split train|val|test]';

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			map: { type: 'string', default: '' },
			out: { type: 'string' },
			model: { type: 'string', default: DEFAULT_MODEL_DIR },
			split: { type: 'string' },
			help: { type: 'boolean', short: 'h', default: false }
		}
	});
	if (values.help) {
		console.log(usage);
		return 0;
	}
	if (positionals.length !== 1) {
		console.error(usage);
		return 2;
	}
	if (values.split !== undefined && !['train', 'val', 'test'].includes(values.split)) {
		console.error(`--split must be train, val or test.\n${usage}`);
		return 2;
	}
	const modelDir = resolve(values.model);
	if (!hasModel(modelDir)) {
		console.error(`No model at ${modelDir} (card.json + model file). Train one (npm run train:classifier) or pass --model <dir>.`);
		return 1;
	}
	const classifier = await loadClassifier(modelDir);
	const map = parseClassMap(values.map, classifier.card.classes);
	let manifest = resolve(positionals[0]);
	if (!manifest.endsWith('.csv')) manifest = resolve(manifest, 'manifest.csv');
	const result = await evaluateManifest(classifier, manifest, {
		map,
		split: values.split as Split | undefined,
		onProgress: (done, total) => {
			if (done % 500 === 0) console.log(`  ${done} of ${total}…`);
		}
	});
	await classifier.release();
	console.log(formatEvaluation(result));
	if (values.out) {
		await writeFile(resolve(values.out), JSON.stringify(result, null, 1) + '\n');
		console.log(`Wrote ${resolve(values.out)}`);
	}
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
);
