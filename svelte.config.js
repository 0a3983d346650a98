import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The whole app is static files; any static host can serve it. Every page is prerendered as
		// its own shell (src/routes/+layout.ts); a host that routes unknown paths to 200.html lets the
		// client show its not-found page there.
		adapter: adapter({ fallback: '200.html', strict: false }),
		// registered by src/lib/offline/offline.svelte.ts, which also announces a new version
		serviceWorker: { register: false },
		alias: { $lessons: 'lessons', $models: 'models', '$test-data': 'src/test-data' },
		prerender: {
			// The question bank (static/bank/) is built by `npm run bank`, not by the app build, and
			// every page preloads bank/bank.json: a build without a bank is still a valid build, whose
			// pages explain how to build the bank. Any other missing link fails the build.
			handleHttpError: ({ path, status, message }) => {
				if (status === 404 && /\/bank\//.test(path)) return;
				throw new Error(message);
			}
		}
	}
};

export default config;
