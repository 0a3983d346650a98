import { chromium } from '@playwright/test';
const base = process.env.BASE ?? 'http://127.0.0.1:4300';
const classes = [
	'basophil',
	'eosinophil',
	'erythroblast',
	'promyelocyte',
	'myelocyte',
	'metamyelocyte',
	'band_neutrophil',
	'segmented_neutrophil',
	'lymphocyte',
	'monocyte',
	'platelet',
	'myeloblast'
];
const now = Date.now(),
	DAY = 86400000;
const attempts = [];
let k = 0;
for (const [i, t] of classes.entries())
	for (let j = 0; j < 6; j++) {
		const ans = j < 4 ? t : classes[(i + j) % classes.length];
		attempts.push({
			schemaVersion: 1,
			learnerId: 'L1',
			drillId: 'D1',
			itemId: `it-${k}`,
			image: `bank/images/x/${k}.jpg`,
			provenance: 'real',
			trueClass: t,
			answeredClass: ans,
			correct: ans === t,
			msToAnswer: 1500,
			at: now - (k % 5) * DAY + k * 1000,
			modelClass: j < 5 ? t : classes[(i + 1) % 12],
			modelConfidence: 0.8
		});
		k++;
	}
const backup = {
	format: 'leukodex-learner-backup',
	schemaVersion: 1,
	exportedAt: new Date(now).toISOString(),
	learner: { schemaVersion: 1, id: 'L1', name: 'Mei', createdAt: now - 10 * DAY },
	drills: [
		{
			schemaVersion: 1,
			id: 'D1',
			learnerId: 'L1',
			kind: 'drill',
			classes,
			itemIds: attempts.map((a) => a.itemId),
			position: attempts.length,
			seed: 1,
			startedAt: now - 10 * DAY,
			finishedAt: now - DAY
		}
	],
	attempts
};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [name, vp] of [
	['phone', { width: 390, height: 844 }],
	['desktop', { width: 1280, height: 900 }]
]) {
	const page = await browser.newPage({ viewport: vp });
	await page.goto(base + '/progress');
	await page
		.getByTestId('import-file')
		.setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
	await page.getByTestId('backup-message').waitFor();
	await page.waitForTimeout(500);
	await page.screenshot({ path: `/tmp/shots/progress-${name}.png`, fullPage: true });
	await page.goto(base + '/model');
	await page.waitForTimeout(1500);
	await page.screenshot({ path: `/tmp/shots/model-${name}.png`, fullPage: true });
	await page.goto(base + '/');
	await page.waitForTimeout(800);
	await page.screenshot({ path: `/tmp/shots/home-${name}.png` });
	await page.close();
}
await browser.close();
