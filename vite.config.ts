import { sveltekit } from '@sveltejs/kit/vite';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { staticModels } from './src/lib/classifier/static-models.ts';

/**
 * Cross-origin isolation: with these two headers the page gets SharedArrayBuffer, and the classifier
 * worker runs onnxruntime-web on several threads (about 1.3–2× faster here with 2 cores). Everything the
 * app loads is its own; a host that serves the static build without them still works, on one thread.
 * A middleware rather than `server.headers` / `preview.headers`: SvelteKit answers pages before those apply.
 */
export const isolationHeaders = {
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
	plugins: [crossOriginIsolation(), sveltekit(), staticModels()],
	server: { fs: { allow: ['lessons', 'models'] } },
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.test.ts', 'question-bank/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000
	}
});
