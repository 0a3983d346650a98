// Benchmark of the instructor dashboard for a class of 200 trainees × 100 items (the issue's size).
// Node: decoding and validating 200 results files, importing them into IndexedDB (fake-indexeddb),
// re-importing them (nothing counted twice), reading them back, computing the dashboard and CSV.
// Chromium (unless --no-browser): the real page against `vite preview` — importing the 200 files
// through the file input until the dashboard shows 200 trainees, then a reload until it shows again.
// Usage: npm run build && npm run bench:dashboard [-- --trainees 200 --items 100 --runs 3 --no-browser --url http://127.0.0.1:4173]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { parseBank } from '../src/lib/bank/schema.ts';
import { mulberry32 } from '../src/lib/bank/sampling.ts';
import { cellClass, type CellClassId } from '../src/lib/cells/taxonomy.ts';
import { bankVersion, itemsHash, planAssignment } from '../src/lib/assignments/plan.ts';
import { ASSIGNMENT_FORMAT, ASSIGNMENT_SCHEMA_VERSION, type AssignmentSpec } from '../src/lib/assignments/spec.ts';
import { buildResults, resultsFromFile, resultsToFile } from '../src/lib/assignments/results.ts';
import { attemptsCsv, buildDashboard } from '../src/lib/assignments/dashboard.ts';
import { createProgressStore } from '../src/lib/progress/repository.ts';
import { AssignmentStore } from '../src/lib/progress/assignment-repository.ts';

const { values } = parseArgs({
	options: {
		trainees: { type: 'string', default: '200' },
		items: { type: 'string', default: '100' },
		runs: { type: 'string', default: '3' },
		'no-browser': { type: 'boolean', default: false },
		url: { type: 'string', default: 'http://127.0.0.1:4173' },
		chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }
	}
});
const TRAINEES = Number(values.trainees);
const ITEMS = Number(values.items);
const RUNS = Math.max(1, Number(values.runs));

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
	const t0 = performance.now();
	const out = await fn();
	return [out, performance.now() - t0];
}

const bank = parseBank(JSON.parse(await readFile('static/bank/bank.json', 'utf8')));
const classes = bank.classes.filter((c) => bank.items.filter((i) => i.label === c).length >= 10).slice(0, 10);
const perClass = Math.ceil(ITEMS / classes.length);
const composition = classes
	.map((cellClass, i) => ({ cellClass, count: i < classes.length - 1 ? perClass : ITEMS - perClass * (classes.length - 1) }))
	.filter((r) => r.count > 0);
const itemIds = planAssignment(bank.items, { composition, seed: 2026, provenance: 'real' });
const spec: AssignmentSpec = {
	format: ASSIGNMENT_FORMAT,
	schemaVersion: ASSIGNMENT_SCHEMA_VERSION,
	id: 'bench-assignment-0001',
	title: 'Benchmark class',
	instructions: '',
	author: 'Bench',
	createdAt: new Date().toISOString(),
	composition,
	provenance: 'real',
	mode: 'test',
	seed: 2026,
	bank: { version: bankVersion(bank.items), createdAt: bank.createdAt },
	items: { count: itemIds.length, hash: itemsHash(itemIds) }
};
const label = new Map(bank.items.map((i) => [i.id, i.label]));
const random = mulberry32(7);
const files = Array.from({ length: TRAINEES }, (_, t) => {
	const start = Date.UTC(2026, 10, 20, 8) + t * 60_000;
	const attempts = itemIds.map((itemId, i) => {
		const trueClass = label.get(itemId)!;
		// about 75% right; a miss names the class's first look-alike
		const answeredClass: CellClassId = random() < 0.75 ? trueClass : (cellClass(trueClass).lookAlikes[0] ?? trueClass);
		return { itemId, trueClass, answeredClass, msToAnswer: Math.round(1500 + random() * 6000), at: start + i * 5000 };
	});
	const results = buildResults({
		resultId: `bench-result-${String(t).padStart(4, '0')}`,
		spec,
		learnerName: `Trainee ${t + 1}`,
		startedAt: start,
		finishedAt: start + ITEMS * 5000,
		timedOut: false,
		attempts
	});
	return { name: `trainee-${t + 1}.json`, text: resultsToFile(results) };
});
const bytes = files.reduce((n, f) => n + f.text.length, 0);
console.log(
	`class: ${TRAINEES} trainees × ${itemIds.length} items = ${TRAINEES * itemIds.length} answers; ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`
);

const node: Record<string, number[]> = { decode: [], import: [], reimport: [], read: [], dashboard: [], csv: [] };
for (let run = 0; run < RUNS; run++) {
	const [, decode] = await time(() => files.map((f) => resultsFromFile(f.text)));
	const progress = createProgressStore({ indexedDB: new IDBFactory(), IDBKeyRange, name: `bench-${run}` });
	const store = new AssignmentStore(progress.db, progress);
	const instructor = await store.createInstructor('Bench');
	const [outcomes, imported] = await time(() => store.importResults(instructor.id, files));
	if (outcomes.some((o) => o.status !== 'added')) throw new Error('a bench file was not added');
	const [again, reimport] = await time(() => store.importResults(instructor.id, files));
	if (again.some((o) => o.status !== 'unchanged')) throw new Error('a re-import changed something');
	const [stored, read] = await time(() => store.listResults(instructor.id));
	const results = stored.map((r) => r.results);
	const [d, dashboard] = await time(() =>
		buildDashboard(results, { images: new Map(bank.items.map((i) => [i.id, i.image])), predictions: new Map() })
	);
	if (d.trainees.length !== TRAINEES) throw new Error('dashboard lost trainees');
	const [, csv] = await time(() => attemptsCsv(results, new Map()));
	progress.db.close();
	Object.entries({ decode, import: imported, reimport, read, dashboard, csv }).forEach(([k, v]) => node[k].push(v));
}
console.log(
	`node (median of ${RUNS}, ms): ${Object.entries(node)
		.map(([k, v]) => `${k} ${median(v).toFixed(0)}`)
		.join(', ')}`
);

if (!values['no-browser']) {
	const { chromium } = await import('@playwright/test');
	const base = values.url!.replace(/\/$/, '');
	let server: ChildProcess | null = null;
	const reachable = async () =>
		fetch(base)
			.then((r) => r.ok)
			.catch(() => false);
	if (!(await reachable())) {
		const { port, hostname } = new URL(base);
		server = spawn('npx', ['vite', 'preview', '--port', port || '4173', '--strictPort', '--host', hostname], {
			stdio: 'ignore',
			detached: true
		});
		for (let i = 0; i < 100 && !(await reachable()); i++) await new Promise((r) => setTimeout(r, 200));
	}
	const dir = await mkdtemp(join(tmpdir(), 'bench-dashboard-'));
	try {
		const paths = await Promise.all(files.map(async (f) => (await writeFile(join(dir, f.name), f.text), join(dir, f.name))));
		const browser = await chromium.launch({ executablePath: values.chromium, args: ['--no-sandbox', '--disable-gpu'] });
		const imports: number[] = [];
		const reloads: number[] = [];
		const computes: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.goto(`${base}/instructor`);
			await page.getByLabel('Instructor name').fill('Bench');
			await page.getByRole('button', { name: 'Create instructor profile' }).click();
			await page.getByTestId('import-results-files').waitFor();
			const dashboard = page.locator(`[data-testid="class-dashboard"][data-trainees="${TRAINEES}"]`);
			const t0 = Date.now();
			await page.getByTestId('import-results-files').setInputFiles(paths);
			await dashboard.waitFor({ timeout: 120_000 });
			await page
				.getByTestId('trainee-row')
				.nth(TRAINEES - 1)
				.waitFor({ state: 'attached' });
			imports.push(Date.now() - t0);
			const t1 = Date.now();
			await page.reload();
			await dashboard.waitFor({ timeout: 120_000 });
			await page
				.getByTestId('trainee-row')
				.nth(TRAINEES - 1)
				.waitFor({ state: 'attached' });
			reloads.push(Date.now() - t1);
			computes.push(Number(await dashboard.getAttribute('data-compute-ms')));
			await context.close();
		}
		await browser.close();
		console.log(
			`chromium (median of ${RUNS}, ms): import ${TRAINEES} files → dashboard shown ${median(imports)}; reload → dashboard shown ${median(reloads)}; dashboard numbers computed in ${median(computes).toFixed(0)}`
		);
	} finally {
		await rm(dir, { recursive: true, force: true });
		if (server?.pid) process.kill(-server.pid, 'SIGTERM');
	}
}
