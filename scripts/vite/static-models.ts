/**
 * Build tooling (Node, used by vite.config.ts only — never imported by the app).
 *
 * Serves models/classifier/{card.json, model.onnx, robustness.json} at /models/classifier/ and
 * models/generator/card.json (the synthetic images' measures) at /models/generator/ in `vite dev` and
 * emits them into the client build (so adapter-static and `vite preview` ship them), without
 * keeping a second copy in static/. Missing files are simply absent (404): the app explains that
 * no model is available and keeps working.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { parseModelCard } from '../../src/lib/classifier/card.ts';
import { parseGeneratorCard } from '../../src/lib/bank/generator-card.ts';
import { errorText } from '../../src/lib/errors.ts';

const URL_PREFIX = '/models/';
/** served path under /models/ → content type; optional files are not warned about when absent */
const FILES: Record<string, { type: string; optional?: boolean }> = {
	'classifier/card.json': { type: 'application/json' },
	'classifier/model.onnx': { type: 'application/octet-stream' },
	'classifier/robustness.json': { type: 'application/json', optional: true },
	'generator/card.json': { type: 'application/json', optional: true }
};

/**
 * LEUKODEX_MODEL_DIR points at another folder with the same two files (e.g. the output of
 * `train.py --smoke --out /tmp/smoke-model`) to try a model without replacing ours.
 */
export function staticModels(
	directory = process.env.LEUKODEX_MODEL_DIR || 'models/classifier',
	generatorDirectory = 'models/generator'
): Plugin {
	let root = process.cwd();
	let base = '/';
	const source = (name: string) =>
		name.startsWith('generator/')
			? resolve(root, generatorDirectory, name.slice('generator/'.length))
			: resolve(root, directory, name.replace(/^classifier\//, ''));
	return {
		name: 'leukodex:static-models',
		configResolved(config) {
			root = config.root;
			base = config.base;
		},
		configureServer(server) {
			server.middlewares.use((request, response, next) => {
				const path = (request.url ?? '').split('?')[0] ?? '';
				const prefix = (base.startsWith('/') ? base.replace(/\/$/, '') : '') + URL_PREFIX;
				if (!path.startsWith(prefix)) return next();
				const name = path.slice(prefix.length);
				const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
				if (!file || !existsSync(source(name))) return next();
				response.setHeader('Content-Type', file.type);
				response.setHeader('Content-Length', String(statSync(source(name)).size));
				response.setHeader('Cache-Control', 'no-cache');
				response.end(readFileSync(source(name)));
			});
		},
		generateBundle() {
			if (this.environment.config.consumer !== 'client') return;
			const problem = checkShippedModel(source('classifier/card.json'), source('classifier/model.onnx'));
			if (problem) this.error(`${directory}: ${problem}`);
			const generatorProblem = checkGeneratorCard(source('generator/card.json'));
			if (generatorProblem) this.error(`${generatorDirectory}/card.json: ${generatorProblem}`);
			for (const [name, file] of Object.entries(FILES)) {
				if (!existsSync(source(name))) {
					if (!file.optional) this.warn(`${source(name)} not found: the app will report that no model is available.`);
					continue;
				}
				this.emitFile({ type: 'asset', fileName: `${URL_PREFIX.slice(1)}${name}`, source: readFileSync(source(name)) });
			}
		}
	};
}

/** Files we ship are validated at build time: a broken card or a card for another file fails the build. */
export function checkShippedModel(cardPath: string, modelPath: string): string | null {
	if (!existsSync(cardPath)) return null;
	let card;
	try {
		card = parseModelCard(JSON.parse(readFileSync(cardPath, 'utf8')));
	} catch (error) {
		return errorText(error);
	}
	if (!existsSync(modelPath)) return 'card.json is there but model.onnx is missing.';
	const bytes = statSync(modelPath).size;
	if (bytes !== card.model_bytes) {
		return `model.onnx has ${bytes} bytes; its card says ${card.model_bytes}. The two files do not belong together.`;
	}
	return null;
}

/** The generator card, when there is one, must match its contract (the model page reads it). */
export function checkGeneratorCard(cardPath: string): string | null {
	if (!existsSync(cardPath)) return null;
	try {
		parseGeneratorCard(JSON.parse(readFileSync(cardPath, 'utf8')));
		return null;
	} catch (error) {
		return errorText(error);
	}
}
