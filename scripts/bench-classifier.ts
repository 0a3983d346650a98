// `npm run bench:classifier [-- --model models/classifier --runs 100 --warmup 10 --no-browser]`
// Model size and single-image latency of the classifier in onnxruntime-web (wasm, one thread),
// under Node and in Chromium (/usr/bin/chromium, served from a local server). Prints, asserts nothing.
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { preprocess } from '../src/lib/classifier/preprocess.ts';
import { decodeRgb } from './lib/image.ts';
import { readManifest } from './lib/manifest.ts';
import { DEFAULT_MODEL_DIR, hasModel, loadClassifier } from './lib/onnx-node.ts';

const { values } = parseArgs({
	options: {
		model: { type: 'string', default: DEFAULT_MODEL_DIR },
		runs: { type: 'string', default: '100' },
		warmup: { type: 'string', default: '10' },
		threads: { type: 'string', default: '1' },
		pages: { type: 'string', default: '3' },
		'no-browser': { type: 'boolean', default: false },
		chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }
	}
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const threads = Number(values.threads);
const pages = Math.max(1, Number(values.pages));

export interface Timing {
	median: number;
	p95: number;
	min: number;
	n: number;
}

function summarize(ms: number[]): Timing {
	const sorted = [...ms].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
	return { median: (at(0.5) + sorted[Math.floor(sorted.length / 2)]) / 2, p95: at(0.95), min: sorted[0], n: sorted.length };
}

const fmt = (t: Timing) => `median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, min ${t.min.toFixed(1)} ms (${t.n} runs)`;

async function benchNode(modelDir: string, input: Float32Array) {
	const t0 = performance.now();
	const classifier = await loadClassifier(modelDir, { threads: 1 });
	const load = performance.now() - t0;
	for (let i = 0; i < warmup; i++) await classifier.run(input);
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const s = performance.now();
		await classifier.run(input);
		times.push(performance.now() - s);
	}
	await classifier.release();
	return { load, timing: summarize(times) };
}

const types: Record<string, string> = {
	'.mjs': 'text/javascript',
	'.js': 'text/javascript',
	'.wasm': 'application/wasm',
	'.onnx': 'application/octet-stream',
	'.html': 'text/html'
};

/** Serves / (a blank page), /ort/* (onnxruntime-web's dist files) and /model.onnx on 127.0.0.1. */
function serve(modelPath: string): Promise<Server> {
	const ortDir = resolve('node_modules/onnxruntime-web/dist');
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		let file: string | null = null;
		// cross-origin isolation (SharedArrayBuffer) is what lets onnxruntime-web use more than one thread
		if (threads > 1) {
			res.setHeader('cross-origin-opener-policy', 'same-origin');
			res.setHeader('cross-origin-embedder-policy', 'require-corp');
		}
		if (url.pathname === '/') {
			res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
			return;
		}
		if (url.pathname === '/model.onnx') file = modelPath;
		else if (url.pathname.startsWith('/ort/') && !url.pathname.includes('..')) file = join(ortDir, url.pathname.slice(5));
		if (!file || !existsSync(file)) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
		createReadStream(file).pipe(res);
	});
	return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

async function benchChromium(modelPath: string, input: Float32Array) {
	const server = await serve(modelPath);
	const { port } = server.address() as AddressInfo;
	const browser = await chromium.launch({
		executablePath: values.chromium,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
	try {
		const page = await browser.newPage();
		await page.goto(`http://127.0.0.1:${port}/`);
		const result = await page.evaluate(
			async ({ data, size, runs, warmup, threads }) => {
				// @ts-expect-error: served at run time by the bench's own server
				const ort = await import('/ort/ort.wasm.min.mjs');
				ort.env.wasm.wasmPaths = '/ort/';
				ort.env.wasm.numThreads = threads;
				const t0 = performance.now();
				const session = await ort.InferenceSession.create('/model.onnx', { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
				const load = performance.now() - t0;
				const tensor = new ort.Tensor('float32', Float32Array.from(data), [1, 3, size, size]);
				const feeds = { [session.inputNames[0]]: tensor };
				for (let i = 0; i < warmup; i++) await session.run(feeds);
				const times: number[] = [];
				for (let i = 0; i < runs; i++) {
					const s = performance.now();
					await session.run(feeds);
					times.push(performance.now() - s);
				}
				return { load, times, userAgent: navigator.userAgent, isolated: crossOriginIsolated };
			},
			{ data: Array.from(input), size: Math.round(Math.sqrt(input.length / 3)), runs, warmup, threads }
		);
		return { load: result.load, times: result.times, userAgent: result.userAgent, isolated: result.isolated };
	} finally {
		await browser.close();
		server.close();
	}
}

async function main() {
	const modelDir = resolve(values.model);
	if (!hasModel(modelDir)) {
		console.error(`No model at ${modelDir} (card.json + model file). Train one or pass --model <dir>.`);
		process.exit(1);
	}
	const probe = await loadClassifier(modelDir);
	const { card, modelPath, modelBytes } = probe;
	await probe.release();
	// a real image for the decode + preprocess figure: the card's first reference image, else any PBC image
	const reference = card.reference.images[0];
	const imagePath = reference
		? resolve('../shared/datasets', reference.source, reference.file)
		: ((await readManifest(resolve('../shared/datasets/pbc/manifest.csv'))).rows[0]?.path ?? null);
	let input: Float32Array;
	let prep: Timing | null = null;
	if (imagePath && existsSync(imagePath)) {
		const times: number[] = [];
		let last: Float32Array | null = null;
		for (let i = 0; i < Math.min(runs, 50); i++) {
			const s = performance.now();
			last = preprocess(await decodeRgb(imagePath), card.input);
			times.push(performance.now() - s);
		}
		input = last!;
		prep = summarize(times.slice(3));
	} else {
		input = new Float32Array(3 * card.input.size ** 2).map((_, i) => Math.sin(i / 97));
	}

	console.log(`Model ${card.name}: ${modelPath}`);
	console.log(
		`  size ${(modelBytes / 1024 / 1024).toFixed(2)} MiB (${modelBytes} bytes), input ${card.input.size}×${card.input.size}, ${card.classes.length} classes, ${card.attributes.length} attributes`
	);
	if (prep) console.log(`  decode + preprocess (sharp + preprocess.ts, Node): ${fmt(prep)}`);
	const node = await benchNode(modelDir, input);
	console.log(
		`  Node ${process.version}, onnxruntime-web wasm, 1 thread: session ${node.load.toFixed(0)} ms; inference ${fmt(node.timing)}`
	);
	if (!values['no-browser']) {
		// Each page is a fresh browser: this VM's CPU speed changes by 1.5-3x over minutes (the same graph's
		// page median has been seen at 23 and at 36 ms), so one page is not a figure to compare.
		const all: number[] = [];
		const medians: number[] = [];
		let label = 'chromium';
		for (let k = 0; k < pages; k++) {
			const page = await benchChromium(modelPath, input);
			label = page.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? label;
			if (threads > 1 && !page.isolated) throw new Error('the bench page is not cross-origin isolated, so it cannot use threads');
			const timing = summarize(page.times);
			all.push(...page.times);
			medians.push(timing.median);
			console.log(
				`  Chromium (${label}) page ${k + 1}/${pages}, onnxruntime-web wasm, ${threads} thread${threads > 1 ? 's' : ''}: session ${page.load.toFixed(0)} ms; inference ${fmt(timing)}`
			);
		}
		const sorted = [...medians].sort((a, b) => a - b);
		console.log(
			`  Chromium, all ${pages} pages: inference ${fmt(summarize(all))}; page medians ${sorted.map((m) => m.toFixed(1)).join(', ')} ms`
		);
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
