import { at } from '../arrays.ts';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../bank/sampling.ts';
import { base64UrlDecode, base64UrlEncode, fragmentPayload, toLinkPayload } from './codec.ts';
import { canonicalJson, checksum } from './checksum.ts';
import { fixtureBankItems, fixtureSpec } from './fixtures.ts';
import { bankVersion, itemsForSpec, lookAlikeComposition, planAssignment } from './plan.ts';
import {
	buildResults,
	resultsFromFile,
	resultsFromPayload,
	resultsToFile,
	specFromFile,
	specFromPayload,
	specLink,
	specToFile,
	specToPayload
} from './results.ts';
import { attemptsCsv, buildDashboard, toCsv } from './dashboard.ts';

const items = fixtureBankItems();
const spec = fixtureSpec(items);

describe('assignment spec: link and file', () => {
	it('round-trips through a link payload and a file', () => {
		const fromLink = specFromPayload(specToPayload(spec));
		expect(fromLink).toEqual({ ok: true, value: spec });
		expect(specFromFile(specToFile(spec))).toEqual({ ok: true, value: spec });
	});

	it('puts the payload in the fragment of an inbox link, short enough for a QR code', () => {
		const link = specLink('https://lab.example/leukodex', spec);
		const url = new URL(link);
		expect(url.pathname).toBe('/leukodex/inbox');
		const payload = fragmentPayload(url.hash, 'a')!;
		expect(specFromPayload(payload)).toEqual({ ok: true, value: spec });
		// a version-10 QR code at level M holds 213 bytes; this spec is well inside version 15 (520)
		expect(link.length).toBeLessThan(520);
	});

	it('refuses a spec from a newer version of the app by name', () => {
		const future = { ...spec, schemaVersion: 2 };
		const result = specFromFile(JSON.stringify({ ...future, checksum: checksum(canonicalJson(future)) }));
		expect(result).toEqual({ ok: false, problem: { kind: 'future-version', version: 2, supported: 1 } });
	});

	it('refuses an edited spec (checksum) and a results file opened as an assignment', () => {
		const text = specToFile(spec).replace('"count": 4', '"count": 5');
		expect(specFromFile(text)).toEqual({ ok: false, problem: { kind: 'checksum' } });
		const results = buildResults({ resultId: 'drill-0001', spec, learnerName: 'Ana', startedAt: 1, timedOut: false, attempts: [] });
		expect(specFromFile(resultsToFile(results))).toMatchObject({ ok: false, problem: { kind: 'wrong-format', found: 'leukodex-results' } });
	});

	it('names what is invalid in a spec whose checksum matches', () => {
		const bad = { ...spec, composition: [{ cellClass: 'band_neutrophil', count: 0 }] };
		const result = specFromFile(JSON.stringify({ ...bad, checksum: checksum(canonicalJson(bad)) }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toMatchObject({ kind: 'invalid', detail: expect.stringContaining('composition.0.count') });
	});

	it('tells a cut-off link, bad characters and an empty one apart', () => {
		const payload = specToPayload(spec);
		expect(specFromPayload(payload.slice(0, payload.length - 40))).toEqual({ ok: false, problem: { kind: 'truncated' } });
		expect(specFromPayload(`${payload.slice(0, 10)}%${payload.slice(11)}`)).toEqual({ ok: false, problem: { kind: 'encoding' } });
		expect(specFromPayload('  ')).toEqual({ ok: false, problem: { kind: 'empty' } });
		expect(specFromFile('{"format":')).toEqual({ ok: false, problem: { kind: 'not-json' } });
	});

	it('base64url round-trips every length', () => {
		const random = mulberry32(7);
		for (let n = 0; n < 40; n++) {
			const bytes = Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
			expect(base64UrlDecode(base64UrlEncode(bytes))).toEqual(bytes);
		}
	});
});

describe('fuzz: random truncations and byte flips of links and files', () => {
	// Every damaged copy must be refused cleanly (a result, never a throw) or, for the rare change
	// that leaves the same JSON (e.g. whitespace in a file), decode to exactly the original spec:
	// never a different, half-valid spec.
	const RUNS = 2000;

	const original = JSON.stringify(spec);
	function check(decode: () => ReturnType<typeof specFromPayload>, tally: Record<string, number>) {
		let result: ReturnType<typeof specFromPayload>;
		try {
			result = decode();
		} catch (error) {
			throw new Error(`decoding threw instead of refusing: ${String(error)}`, { cause: error });
		}
		if (result.ok) {
			// (a plain comparison: expect() in a loop of thousands is what made this test slow)
			if (JSON.stringify(result.value) !== original)
				throw new Error(`a damaged copy decoded to another spec: ${JSON.stringify(result.value)}`);
			tally.identical = (tally.identical ?? 0) + 1;
		} else tally[result.problem.kind] = (tally[result.problem.kind] ?? 0) + 1;
	}

	it(`link payloads: ${RUNS} truncations and ${RUNS} character changes are all refused`, () => {
		const payload = specToPayload(spec);
		const random = mulberry32(2026);
		const truncations: Record<string, number> = {};
		const flips: Record<string, number> = {};
		for (let i = 0; i < RUNS; i++) {
			const cut = Math.floor(random() * payload.length);
			check(() => specFromPayload(payload.slice(0, cut)), truncations);
			const index = Math.floor(random() * payload.length);
			let replacement = payload.charAt(index);
			// any printable ASCII character, including ones a chat app might substitute
			while (replacement === payload.charAt(index)) replacement = String.fromCharCode(33 + Math.floor(random() * 94));
			check(() => specFromPayload(payload.slice(0, index) + replacement + payload.slice(index + 1)), flips);
		}
		console.info(
			`fuzz link (${payload.length} chars): truncations ${JSON.stringify(truncations)}; changed characters ${JSON.stringify(flips)}`
		);
		expect(truncations.identical ?? 0).toBe(0);
		expect(Object.values(truncations).reduce((a, b) => a + b, 0)).toBe(RUNS);
		// a changed character may still decode to the same bytes only through the unused low bits of the last one
		expect(flips.identical ?? 0).toBeLessThan(RUNS * 0.01);
	});

	it(`files: ${RUNS} truncations and ${RUNS} byte flips never yield anything but the original or a refusal`, () => {
		const bytes = new TextEncoder().encode(specToFile(spec));
		const random = mulberry32(4242);
		const truncations: Record<string, number> = {};
		const flips: Record<string, number> = {};
		const decoder = new TextDecoder('utf-8', { fatal: false });
		for (let i = 0; i < RUNS; i++) {
			const cut = Math.floor(random() * bytes.length);
			check(() => specFromFile(decoder.decode(bytes.subarray(0, cut))), truncations);
			const flipped = bytes.slice();
			const i = Math.floor(random() * bytes.length);
			flipped[i] = at(flipped, i) ^ (1 << Math.floor(random() * 8));
			check(() => specFromFile(decoder.decode(flipped)), flips);
		}
		console.info(`fuzz file (${bytes.length} bytes): truncations ${JSON.stringify(truncations)}; byte flips ${JSON.stringify(flips)}`);
		// only a cut in the trailing newline leaves the same JSON
		expect(truncations.identical ?? 0).toBeLessThanOrEqual(RUNS * 0.01);
	});

	it('results files and links under the same damage are refused just as cleanly', () => {
		const results = buildResults({
			resultId: 'drill-0002',
			spec,
			learnerName: 'Chen Mei',
			startedAt: 1_700_000_000_000,
			finishedAt: 1_700_000_600_000,
			timedOut: false,
			attempts: planAssignment(items, spec).map((itemId, i) => ({
				itemId,
				trueClass: items.find((x) => x.id === itemId)!.label,
				answeredClass: 'lymphocyte',
				msToAnswer: 900 + i,
				at: 1_700_000_000_000 + i * 1000
			}))
		});
		const file = resultsToFile(results);
		const payload = toLinkPayload(results);
		const random = mulberry32(99);
		let refused = 0;
		for (let i = 0; i < 500; i++) {
			const cut = 1 + Math.floor(random() * (file.length - 3));
			const a = resultsFromFile(file.slice(0, cut));
			const b = resultsFromPayload(payload.slice(0, Math.floor(random() * payload.length)));
			if (!a.ok) refused++;
			if (!b.ok) refused++;
			else expect(b.value).toEqual(results);
		}
		expect(refused).toBe(1000);
	});
});

describe('items fixed by a seed over the bank', () => {
	it('gives every device the same items, the asked count per class, none twice', () => {
		const a = planAssignment(items, spec);
		const b = planAssignment([...items].reverse(), spec);
		expect(a).toEqual(b);
		expect(new Set(a).size).toBe(10);
		expect(a.filter((id) => id.includes('band')).length).toBe(4);
	});

	it('says so when the bank is another version, or the items do not match the hash', () => {
		const otherBank = items.slice(1);
		expect(itemsForSpec(otherBank, { createdAt: 'later' }, spec)).toEqual({
			ok: false,
			problem: { kind: 'other-bank', made: spec.bank.createdAt, here: 'later' }
		});
		expect(itemsForSpec(items, { createdAt: 'x' }, { ...spec, seed: 1 })).toEqual({ ok: false, problem: { kind: 'items-differ' } });
		expect(itemsForSpec(items, { createdAt: 'x' }, spec)).toEqual({ ok: true, itemIds: planAssignment(items, spec) });
	});

	it('the bank version depends on the items, not their order', () => {
		expect(bankVersion([...items].reverse())).toBe(bankVersion(items));
		expect(bankVersion(items.slice(1))).not.toBe(bankVersion(items));
	});

	it('"emphasise the look-alikes of X" builds X and its look-alikes the bank has', () => {
		const available = new Map([
			['band_neutrophil', 30],
			['segmented_neutrophil', 3]
		] as const);
		expect(lookAlikeComposition('band_neutrophil', ['segmented_neutrophil', 'metamyelocyte'], available, 5)).toEqual([
			{ cellClass: 'band_neutrophil', count: 5 },
			{ cellClass: 'segmented_neutrophil', count: 3 }
		]);
	});
});

describe('dashboard', () => {
	const itemIds = planAssignment(items, spec);
	const label = new Map(items.map((i) => [i.id, i.label]));
	const trainee = (name: string, wrongEvery: number) =>
		buildResults({
			resultId: `drill-${name}`,
			spec,
			learnerName: name,
			startedAt: 0,
			finishedAt: 1,
			timedOut: false,
			attempts: itemIds.map((itemId, i) => ({
				itemId,
				trueClass: label.get(itemId)!,
				answeredClass:
					i % wrongEvery === 0
						? label.get(itemId) === 'band_neutrophil'
							? 'segmented_neutrophil'
							: 'band_neutrophil'
						: label.get(itemId)!,
				msToAnswer: 1000 * (i + 1),
				at: i
			}))
		});

	it('scores each trainee and pools the matrix, items most missed first, the model on the same items', () => {
		const d = buildDashboard([trainee('Ana', 2), trainee('Bo', 5)], {
			images: new Map(),
			predictions: new Map([[at(itemIds, 0), 'band_neutrophil']])
		});
		expect(d.trainees.map((t) => [t.learnerName, t.correct, t.score])).toEqual([
			['Ana', 5, 0.5],
			['Bo', 8, 0.8]
		]);
		expect(d.pooled.matrix.total).toBe(20);
		expect(d.items[0]!.itemId).toBe(itemIds[0]);
		expect(d.items[0]!.missRate).toBe(1);
		expect(d.model?.items).toBe(1);
		expect(d.model?.model.matrix.total).toBe(2);
		expect(d.trainees[0]!.medianMs).toBe(5500);
	});

	it('writes CSV that a spreadsheet reads safely', () => {
		expect(
			toCsv(
				['a', 'b'],
				[
					['x,y', '=SUM(A1)'],
					['say "hi"', null]
				]
			)
		).toBe('a,b\r\n"x,y",\'=SUM(A1)\r\n"say ""hi""",\r\n');
		const csv = attemptsCsv([trainee('Ana', 2)], new Map());
		expect(csv.split('\r\n').length).toBe(12);
	});
});
