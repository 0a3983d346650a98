// UI benchmark for the drill: how long from navigating to /drill until the first cell image is on
// screen, and how much JavaScript (gzipped) the route loads. Builds nothing: it uses the current
// production build through `vite preview`, starting one on --port unless a server already answers.
// Cold = a first visit (no HTTP cache, no service worker); warm = a later visit; offline = no network, the
// service worker serving the app. Usage: npm run build && npm run bench:ui [-- --runs 7 --cpu 4 --url http://127.0.0.1:4173]
// (--no-offline for a build without a service worker)
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page, type Response } from '@playwright/test';

const { values } = parseArgs({
	options: {
		url: { type: 'string', default: 'http://127.0.0.1:4173' },
		runs: { type: 'string', default: '7' },
		/** CPU slow-down factor (Chrome DevTools throttling); 4 approximates a modest phone */
		cpu: { type: 'string', default: '1' },
		/** skip the offline runs: for a build without a service worker (e.g. an older commit, to compare with) */
		'no-offline': { type: 'boolean', default: false },
		chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }
	}
});
const base = values.url!.replace(/\/$/, '');
const runs = Math.max(1, Number(values.runs));
const cpu = Math.max(1, Number(values.cpu));

async function reachable(url: string): Promise<boolean> {
	try {
		return (await fetch(url)).ok;
	} catch {
		return false;
	}
}

async function ensureServer(): Promise<ChildProcess | null> {
	if (await reachable(base)) return null;
	const { port, hostname } = new URL(base);
	const child = spawn('npx', ['vite', 'preview', '--port', port || '4173', '--strictPort', '--host', hostname], {
		stdio: 'ignore',
		detached: true
	});
	for (let i = 0; i < 100; i++) {
		if (await reachable(base)) return child;
		await new Promise((r) => setTimeout(r, 200));
	}
	stopServer(child);
	throw new Error(`vite preview did not answer on ${base}. Did you run \`npm run build\`?`);
}

function stopServer(child: ChildProcess | null) {
	// the server was started in its own process group: end that group only
	if (child?.pid) process.kill(-child.pid, 'SIGTERM');
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// Marks, in page time, the first animation frame in which the drill's image has loaded and is shown; and, on the
// way, when the app first rendered into <main> and when the drill item's element appeared (bank and records read).
const FIRST_IMAGE_PROBE = `
	(() => {
		const steps = (window.__drillSteps = {});
		new MutationObserver(() => {
			if (steps.app === undefined && document.querySelector('main')?.firstElementChild) steps.app = performance.now();
			if (steps.item === undefined && document.querySelector('[data-testid="drill-item"]')) steps.item = performance.now();
		}).observe(document, { subtree: true, childList: true });
		const tick = () => {
			if (document.querySelector('[data-testid="drill-item"][data-image-ready="true"] img')) {
				window.__firstDrillImage = performance.now();
			} else requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	})();
`;

const READ_MARKS = `(() => {
	const resources = performance.getEntriesByType('resource');
	const end = (test) => (resources.find((r) => test(r.name)) || { responseEnd: NaN }).responseEnd;
	return {
		ms: window.__firstDrillImage,
		marks: {
			document: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
			bank: end((n) => n.endsWith('/bank/bank.json')),
			image: end((n) => n.includes('/bank/images/')),
			scripts: Math.max(...resources.filter((r) => r.name.endsWith('.js') && r.responseEnd <= window.__firstDrillImage).map((r) => r.responseEnd)),
			app: window.__drillSteps.app,
			item: window.__drillSteps.item
		},
		before: resources.filter((r) => r.responseEnd <= window.__firstDrillImage).map((r) => r.name)
	};
})()`;

/** A learner with an unfinished drill, made through the UI, so /drill opens straight on an image. */
async function prepareLearner(context: BrowserContext) {
	const page = await context.newPage();
	await page.goto(`${base}/`);
	await page.getByLabel('Your name').fill('Bench learner');
	await page.getByLabel('Your name').press('Enter');
	await page.getByTestId('learner-badge').getByText('Bench learner').waitFor();
	await page.goto(`${base}/drill`);
	await page.getByRole('button', { name: 'Start drill' }).click();
	await page.locator('[data-image-ready="true"]').waitFor();
	await page.close();
}

interface Run {
	ms: number;
	/** page-time milestones: document, bank.json, the image and the last script before it received; the app's first
	 * render into <main>; the drill item's element (once the bank and the records are read) */
	marks: { document: number; bank: number; image: number; scripts: number; app: number; item: number };
	/** URLs of the resources received before the first image was on screen */
	before: string[];
}

interface Sizes {
	/** gzipped size of each script the page loaded before its first image */
	first: Map<string, number>;
	/** gzipped size of each script loaded after it (the drill's later parts, preloaded when idle) */
	later: Map<string, number>;
	bankGzip: number;
}

/** A visit to /drill; with `sizes`, also how much JavaScript it loaded, measured once the timing is over. */
async function measure(context: BrowserContext, cold: boolean): Promise<Run>;
async function measure(context: BrowserContext, cold: boolean, sizes: true): Promise<Run & Sizes>;
async function measure(context: BrowserContext, cold: boolean, sizes = false): Promise<Run | (Run & Sizes)> {
	const page: Page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	if (cold) {
		// a first visit: no HTTP cache, no service worker and none of its caches (records stay)
		await cdp.send('Network.clearBrowserCache');
		await cdp.send('Storage.clearDataForOrigin', { origin: new URL(base).origin, storageTypes: 'cache_storage,service_workers' });
	}
	if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });

	// bodies are compressed after the timing: doing it while the page loads would take the CPU from it
	const responses: Response[] = [];
	if (sizes) page.on('response', (response) => void responses.push(response));

	await page.addInitScript(FIRST_IMAGE_PROBE);
	await page.goto(`${base}/drill`);
	await page.waitForFunction(() => (window as unknown as { __firstDrillImage?: number }).__firstDrillImage !== undefined, null, {
		timeout: 30_000
	});
	// a string, not a function: tsx's helpers (__name) do not exist inside the page
	const run = (await page.evaluate(READ_MARKS)) as Run;
	if (!sizes) {
		// closed at once: a page left open registers the service worker, whose first install would
		// still be precaching the app while the next visit is timed
		await page.close();
		return run;
	}
	// the later parts are preloaded when the page is idle after the first image
	await page.waitForTimeout(3000);
	const first = new Map<string, number>();
	const later = new Map<string, number>();
	let bankGzip = 0;
	const before = new Set(run.before);
	const gzipped = async (response: Response) => gzipSync(await response.body(), { level: 9 }).length;
	for (const response of responses) {
		const url = response.url();
		try {
			if (response.request().resourceType() === 'script' || url.endsWith('.js')) {
				(before.has(url) ? first : later).set(new URL(url).pathname, await gzipped(response));
			} else if (url.endsWith('/bank/bank.json')) bankGzip = await gzipped(response);
		} catch {
			// a body the browser no longer holds (e.g. a redirect): not counted
		}
	}
	await page.close();
	return { ...run, first, later, bankGzip };
}

const server = await ensureServer();
const browser = await chromium.launch({
	executablePath: values.chromium,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
});
try {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	await prepareLearner(context);

	const coldRuns: Run[] = [];
	const warmRuns: Run[] = [];
	const offlineRuns: Run[] = [];
	for (let i = 0; i < runs; i++) coldRuns.push(await measure(context, true));
	for (let i = 0; i < runs; i++) warmRuns.push(await measure(context, false));
	if (!values['no-offline']) {
		// offline: the service worker serves everything (the warm runs' visits installed it)
		// and the drill's current image is in its image cache: a page the worker controls has shown it (as a
		// learner's page would have; the measured pages close before the worker registers, 1.5 s after load)
		const probe = await context.newPage();
		await probe.goto(`${base}/drill`);
		await probe.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 60_000 });
		await probe.evaluate(() => navigator.serviceWorker.ready);
		await probe.reload();
		await probe.locator('[data-testid="drill-item"][data-image-ready="true"]').waitFor();
		await probe.close();
		await context.setOffline(true);
		for (let i = 0; i < runs; i++) offlineRuns.push(await measure(context, false));
		await context.setOffline(false);
	}

	// one more first visit, untimed, for the sizes
	const sized = await measure(context, true, true);
	const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
	const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

	console.log(`Drill route benchmark — ${base}/drill, ${runs} runs each, CPU slow-down ${cpu}×`);
	console.log(
		`  first image on screen, cold cache: median ${median(coldRuns.map((r) => r.ms)).toFixed(0)} ms (${coldRuns.map((r) => r.ms.toFixed(0)).join(', ')})`
	);
	console.log(
		`  first image on screen, warm cache: median ${median(warmRuns.map((r) => r.ms)).toFixed(0)} ms (${warmRuns.map((r) => r.ms.toFixed(0)).join(', ')})`
	);
	if (offlineRuns.length)
		console.log(
			`  first image on screen, offline (service worker): median ${median(offlineRuns.map((r) => r.ms)).toFixed(0)} ms (${offlineRuns.map((r) => r.ms.toFixed(0)).join(', ')})`
		);
	const at = (rs: Run[], key: keyof Run['marks']) => median(rs.map((r) => r.marks[key])).toFixed(0);
	console.log(
		`  cold medians: DOMContentLoaded ${at(coldRuns, 'document')} ms, bank.json received ${at(coldRuns, 'bank')} ms, image received ${at(coldRuns, 'image')} ms, last script received ${at(coldRuns, 'scripts')} ms`
	);
	console.log(
		`  cold medians, the app: first render ${at(coldRuns, 'app')} ms, drill item (bank and records read) ${at(coldRuns, 'item')} ms, image on screen ${median(coldRuns.map((r) => r.ms)).toFixed(0)} ms`
	);
	console.log(`  JavaScript before the first image: ${sized.first.size} files, ${kb(total(sized.first))} gzipped`);
	console.log(
		`  JavaScript of the drill's later parts (loaded when idle after it): ${sized.later.size} files, ${kb(total(sized.later))} gzipped`
	);
	console.log(`  drill JavaScript in all: ${kb(total(sized.first) + total(sized.later))} gzipped (budget 150 kB)`);
	for (const [label, files] of [
		['before the first image', sized.first],
		['later', sized.later]
	] as const) {
		console.log(`  ${label}:`);
		for (const [path, size] of [...files].sort((a, b) => b[1] - a[1])) console.log(`    ${kb(size).padStart(9)}  ${path}`);
	}
	console.log(`  bank.json: ${kb(sized.bankGzip)} gzipped`);
	await context.close();
} finally {
	await browser.close();
	stopServer(server);
}
