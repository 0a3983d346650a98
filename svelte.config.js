import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The whole app is static files; any static host can serve it. Client-side routing
		// falls back to index.html for pages that are not prerendered.
		adapter: adapter({ fallback: 'index.html', strict: false }),
		alias: { $lessons: 'lessons', $models: 'models' }
	}
};

export default config;
