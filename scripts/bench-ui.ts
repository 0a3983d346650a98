// UI benchmark for the drill: how long from navigating to /drill until the first cell image is on
// screen, and how much JavaScript (gzipped) the route loads. Builds nothing: it uses the current
// production build through `vite preview`, starting one on --port unless a server already answers.
// Cold = a first visit (no HTTP cache, no service worker); warm = a later visit; offline = no network, the
// service worker serving the app. Usage: npm run build && npm run bench:ui [-- --runs 7 --cpu 4 --url http://127.0.0.1:4173]
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from '@playwright/test';

const { values } = parseArgs({
	options: {
		url: { type: 'string', default: 'http://127.0.0.1:4173' },
		runs: { type: 'string', default: '7' },
		/** CPU slow-down factor (Chrome DevTools throttling); 4 approximates a modest phone */
		cpu: { type: 'string', default: '1' },
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

// Marks, in page time, the first animation frame in which the drill's image has loaded and is shown.
const FIRST_IMAGE_PROBE = `
	(() => {
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
			image: end((n) => n.includes('/bank/images/'))
		}
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
	/** page-time milestones: document, bank.json and the image received */
	marks: { document: number; bank: number; image: number };
	scripts: Map<string, number>;
	bankGzip: number;
}

async function measure(context: BrowserContext, cold: boolean): Promise<Run> {
	const page: Page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	if (cold) {
		// a first visit: no HTTP cache, no service worker and none of its caches (records stay)
		await cdp.send('Network.clearBrowserCache');
		await cdp.send('Storage.clearDataForOrigin', { origin: new URL(base).origin, storageTypes: 'cache_storage,service_workers' });
	}
	if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });

	const scripts = new Map<string, number>();
	let bankGzip = 0;
	const bodies: Promise<void>[] = [];
	page.on('response', (response) => {
		const type = response.request().resourceType();
		const url = response.url();
		if (type === 'script' || url.endsWith('.js')) {
			bodies.push(response.body().then((b) => void scripts.set(new URL(url).pathname, gzipSync(b, { level: 9 }).length)).catch(() => {}));
		} else if (url.endsWith('/bank/bank.json')) {
			bodies.push(response.body().then((b) => void (bankGzip = gzipSync(b, { level: 9 }).length)).catch(() => {}));
		}
	});

	await page.addInitScript(FIRST_IMAGE_PROBE);
	await page.goto(`${base}/drill`);
	await page.waitForFunction(() => (window as unknown as { __firstDrillImage?: number }).__firstDrillImage !== undefined, null, {
		timeout: 30_000
	});
	// a string, not a function: tsx's helpers (__name) do not exist inside the page
	const { ms, marks } = (await page.evaluate(READ_MARKS)) as Pick<Run, 'ms' | 'marks'>;
	await Promise.all(bodies);
	await page.close();
	return { ms, marks, scripts, bankGzip };
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
	// offline: the service worker serves everything (the warm runs' visits installed it)
	const probe = await context.newPage();
	await probe.goto(`${base}/`);
	await probe.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 60_000 });
	await probe.evaluate(() => navigator.serviceWorker.ready);
	await probe.close();
	await context.setOffline(true);
	for (let i = 0; i < runs; i++) offlineRuns.push(await measure(context, false));
	await context.setOffline(false);

	const scripts = coldRuns[0].scripts;
	const jsGzip = [...scripts.values()].reduce((a, b) => a + b, 0);
	const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

	console.log(`Drill route benchmark — ${base}/drill, ${runs} runs each, CPU slow-down ${cpu}×`);
	console.log(`  first image on screen, cold cache: median ${median(coldRuns.map((r) => r.ms)).toFixed(0)} ms (${coldRuns.map((r) => r.ms.toFixed(0)).join(', ')})`);
	console.log(`  first image on screen, warm cache: median ${median(warmRuns.map((r) => r.ms)).toFixed(0)} ms (${warmRuns.map((r) => r.ms.toFixed(0)).join(', ')})`);
	console.log(`  first image on screen, offline (service worker): median ${median(offlineRuns.map((r) => r.ms)).toFixed(0)} ms (${offlineRuns.map((r) => r.ms.toFixed(0)).join(', ')})`);
	const at = (rs: Run[], key: keyof Run['marks']) => median(rs.map((r) => r.marks[key])).toFixed(0);
	console.log(
		`  cold medians: DOMContentLoaded ${at(coldRuns, 'document')} ms, bank.json received ${at(coldRuns, 'bank')} ms, image received ${at(coldRuns, 'image')} ms`
	);
	console.log(`  JavaScript loaded by /drill: ${scripts.size} files, ${kb(jsGzip)} gzipped (budget 150 kB)`);
	for (const [path, size] of [...scripts].sort((a, b) => b[1] - a[1])) console.log(`    ${kb(size).padStart(9)}  ${path}`);
	console.log(`  bank.json: ${kb(coldRuns[0].bankGzip)} gzipped`);
	await context.close();
} finally {
	await browser.close();
	stopServer(server);
}
