import { sveltekit } from '@sveltejs/kit/vite';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { staticModels } from './scripts/vite/static-models.ts';
import { appChunks } from './scripts/vite/chunks.ts';

/**
 * Cross-origin isolation: with these two headers the page gets SharedArrayBuffer, so the classifier
 * worker may run onnxruntime-web on several threads (half the device's cores, see inferenceThreads; in
 * a bench page here, with the earlier 8-view model, 2 threads took 27–41 ms per image against 43–44 ms
 * for one). Everything the app loads is its own; a host that serves the static build without them still
 * works, on one thread.
 * A middleware rather than `server.headers` / `preview.headers`: SvelteKit answers pages before those apply.
 */
const isolationHeaders = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp'
} as const;

function crossOriginIsolation(): Plugin {
	const middleware: Connect.NextHandleFunction = (_req, res, next) => {
		for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
		next();
	};
	return {
		name: 'leukodex-cross-origin-isolation',
		configureServer: (server) => void server.middlewares.use(middleware),
		configurePreviewServer: (server) => void server.middlewares.use(middleware)
	};
}

export default defineConfig({
	// appChunks: how the browser's JavaScript is cut into files (scripts/vite/chunks.ts)
	plugins: [crossOriginIsolation(), sveltekit(), staticModels(), appChunks()],
	server: { fs: { allow: ['lessons', 'models'] } },
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.test.ts', 'question-bank/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000
	}
});
