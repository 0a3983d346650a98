import { defineConfig } from '@playwright/test';

// Browser tests run in Debian's chromium against the production build (`vite preview`).
// PLAYWRIGHT_PORT (or E2E_PORT): another port, so that two checkouts on one machine do not test each other's build.
const port = Number(process.env.PLAYWRIGHT_PORT ?? process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	// Its own folder: Playwright empties outputDir at start, and test-results/ also holds the unit report.
	outputDir: 'test-results/playwright',
	timeout: 60_000,
	retries: process.env.CI ? 1 : 0,
	// two cores, two browsers at once: the 54 browser tests took 7.6 min in a fresh-clone CI (10.0 min with one worker, in a
	// slower phase of the VM; the whole CI 11.7 min against 17.5)
	workers: 2,
	reporter: [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: `npx --no-install vite preview --port ${port} --strictPort --host 127.0.0.1`,
		url: `http://127.0.0.1:${port}`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000
	}
});
