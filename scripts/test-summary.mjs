// Sums the test runners' results into one closing line: "total: N passed, M failed".
// Usage: node scripts/test-summary.mjs <results dir> [failed stage names...]
// (plain JavaScript so it runs before anything is built or installed)
import { existsSync, readFileSync } from 'node:fs';

const [dir, ...failedStages] = process.argv.slice(2);
const read = (name) => (existsSync(`${dir}/${name}`) ? JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')) : null);

let passed = 0;
let failed = 0;
const unit = read('unit.json');
if (unit) {
	passed += unit.numPassedTests;
	failed += unit.numFailedTests;
	console.log(`unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed, ${unit.numPendingTests} skipped`);
}
const e2e = read('e2e.json');
if (e2e) {
	const s = e2e.stats;
	passed += s.expected + s.flaky;
	failed += s.unexpected;
	console.log(`e2e: ${s.expected + s.flaky} passed, ${s.unexpected} failed, ${s.skipped} skipped${s.flaky ? ` (${s.flaky} flaky)` : ''}`);
}
// Stages without a test runner of their own (type check, Python checks, bank, build) count as one check each.
const plainStages = ['types', 'split-parity', 'training-smoke', 'bank', 'build'];
for (const name of plainStages) {
	if (failedStages.includes(name)) failed += 1;
	else passed += 1;
}
for (const name of ['unit', 'e2e']) {
	const ran = name === 'unit' ? unit : e2e;
	if (failedStages.includes(name) && (!ran || (name === 'unit' ? ran.numFailedTests : ran.stats.unexpected) === 0)) failed += 1;
}
if (failedStages.length) console.log(`failed stages: ${failedStages.join(', ')}`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
