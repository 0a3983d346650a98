/**
 * Build tooling (Node, used by vite.config.ts only — never imported by the app).
 *
 * Serves models/classifier/{card.json, model.onnx} at /models/classifier/ in `vite dev` and
 * emits them into the client build (so adapter-static and `vite preview` ship them), without
 * keeping a second copy in static/. Missing files are simply absent (404): the app explains that
 * no model is available and keeps working.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const URL_PREFIX = '/models/classifier/';
const FILES: Record<string, string> = {
	'card.json': 'application/json',
	'model.onnx': 'application/octet-stream'
};

/**
 * LEUKODEX_MODEL_DIR points at another folder with the same two files (e.g. the output of
 * `train_classifier.py --smoke --out /tmp/smoke-model`) to try a model without replacing ours.
 */
export function staticModels(directory = process.env.LEUKODEX_MODEL_DIR || 'models/classifier'): Plugin {
	let root = process.cwd();
	let base = '/';
	const source = (name: string) => resolve(root, directory, name);
	return {
		name: 'leukodex:static-models',
		configResolved(config) {
			root = config.root;
			base = config.base;
		},
		configureServer(server) {
			server.middlewares.use((request, response, next) => {
				const path = (request.url ?? '').split('?')[0];
				const prefix = (base.startsWith('/') ? base.replace(/\/$/, '') : '') + URL_PREFIX;
				if (!path.startsWith(prefix)) return next();
				const name = path.slice(prefix.length);
				if (!Object.hasOwn(FILES, name) || !existsSync(source(name))) return next();
				response.setHeader('Content-Type', FILES[name]);
				response.setHeader('Content-Length', String(statSync(source(name)).size));
				response.setHeader('Cache-Control', 'no-cache');
				response.end(readFileSync(source(name)));
			});
		},
		generateBundle() {
			if (this.environment.config.consumer !== 'client') return;
			for (const name of Object.keys(FILES)) {
				if (!existsSync(source(name))) {
					this.warn(`${directory}/${name} not found: the app will report that no model is available.`);
					continue;
				}
				this.emitFile({ type: 'asset', fileName: `${URL_PREFIX.slice(1)}${name}`, source: readFileSync(source(name)) });
			}
		}
	};
}
