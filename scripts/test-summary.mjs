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
// pytest's JUnit XML (the training package's tests): the counts on its <testsuite> element
const pythonXml = existsSync(`${dir}/python.xml`) ? readFileSync(`${dir}/python.xml`, 'utf8') : null;
const python = pythonXml && /<testsuite\b[^>]*>/.exec(pythonXml);
if (python) {
	const count = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(python[0])?.[1] ?? 0);
	const bad = count('failures') + count('errors');
	const ok = count('tests') - bad - count('skipped');
	passed += ok;
	failed += bad;
	console.log(`python: ${ok} passed, ${bad} failed, ${count('skipped')} skipped`);
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
for (const name of ['unit', 'e2e', 'python-tests']) {
	const ran = name === 'unit' ? unit : name === 'e2e' ? e2e : python;
	const counted = !ran
		? 0
		: name === 'unit'
			? ran.numFailedTests
			: name === 'e2e'
				? ran.stats.unexpected
				: Number(/\bfailures="(\d+)"/.exec(ran[0])?.[1] ?? 0) + Number(/\berrors="(\d+)"/.exec(ran[0])?.[1] ?? 0);
	if (failedStages.includes(name) && counted === 0) failed += 1;
}
if (failedStages.length) console.log(`failed stages: ${failedStages.join(', ')}`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
