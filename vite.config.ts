import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { staticModels } from './src/lib/classifier/static-models.ts';

export default defineConfig({
	plugins: [sveltekit(), staticModels()],
	server: { fs: { allow: ['lessons', 'models'] } },
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.test.ts', 'question-bank/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000
	}
});
