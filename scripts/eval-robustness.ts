// `npm run eval:robustness [-- --per-class 60 | --all] [--model dir] [--out file.json] [--data ../shared/datasets]`
// The classifier on the PBC test split (and Matek's test myeloblasts) under fixed, seeded shifts that imitate
// other laboratories (scripts/lib/shifts.ts), on the held-out Matek neutrophils, and on pictures that are not
// white cells (scripts/lib/non-cells.ts). Prints a table; --out writes the report the model page reads.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { splitOf } from '../src/lib/bank/split.ts';
import { flaggedUnfamiliar } from '../src/lib/classifier/assess.ts';
import { preprocess } from '../src/lib/classifier/preprocess.ts';
import { parseRobustness, type Robustness, type ShiftResult } from '../src/lib/classifier/robustness.ts';
import { matekNeutrophilsNotTrainedOn } from './lib/held-out.ts';
import { decodeRgb } from './lib/image.ts';
import { readManifest, type ManifestRow } from './lib/manifest.ts';
import { argmax, classMetrics } from './lib/metrics.ts';
import { nonCells, rng } from './lib/non-cells.ts';
import { DEFAULT_MODEL_DIR, hasModel, loadClassifier, type ModelOutputs } from './lib/onnx-node.ts';
import { mapConcurrent } from './lib/pool.ts';
import { labStats, meanStats, SHIFTS, type Rgb } from './lib/shifts.ts';

const usage =
	'Usage: npm run eval:robustness -- [--per-class N (default 60) | --all] [--model models/classifier] [--out report.json] [--data ../shared/datasets] [--non-cells N per kind (default 20)]';

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			'per-class': { type: 'string', default: '60' },
			all: { type: 'boolean', default: false },
			model: { type: 'string', default: DEFAULT_MODEL_DIR },
			out: { type: 'string' },
			data: { type: 'string', default: '../shared/datasets' },
			'non-cells': { type: 'string', default: '20' },
			threads: { type: 'string', default: '2' },
			help: { type: 'boolean', short: 'h', default: false }
		}
	});
	if (values.help) {
		console.log(usage);
		return 0;
	}
	const perClass = values.all ? null : Number(values['per-class']);
	const perKind = Number(values['non-cells']);
	if ((perClass !== null && !(Number.isInteger(perClass) && perClass > 0)) || !(Number.isInteger(perKind) && perKind >= 0)) {
		console.error(usage);
		return 2;
	}
	const modelDir = resolve(values.model);
	if (!hasModel(modelDir)) {
		console.error(`No model at ${modelDir}. Train one (npm run train:classifier) or pass --model <dir>.`);
		return 1;
	}
	const started = performance.now();
	const classifier = await loadClassifier(modelDir, { threads: Number(values.threads) });
	const { card } = classifier;
	const data = resolve(values.data);
	const pbc = await readManifest(resolve(data, 'pbc', 'manifest.csv'));
	const matek = await readManifest(resolve(data, 'matek-aml', 'manifest.csv'));
	const known = new Set(card.classes);
	const pick = (rows: readonly ManifestRow[], source: string) => rows.filter((r) => known.has(r.label) && splitOf(source, r.id) === 'test');
	const { rows: matekHeld, what: heldWhat } = matekNeutrophilsNotTrainedOn(matek.rows, card.training.held_out);
	let items = [...pick(pbc.rows, 'pbc'), ...pick(matek.rows, 'matek-aml').filter((r) => r.label === 'myeloblast')];
	if (perClass !== null) {
		const seen = new Map<string, number>();
		items = items.filter((r) => {
			const n = seen.get(r.label) ?? 0;
			seen.set(r.label, n + 1);
			return n < perClass;
		});
	}
	// the palettes: mean per-image lαβ statistics of 150 training images of each source
	const paletteOf = async (rows: readonly ManifestRow[], source: string) => {
		const train = rows.filter((r) => splitOf(source, r.id) === 'train');
		const r = rng(11);
		const chosen = Array.from({ length: Math.min(150, train.length) }, () => train[Math.floor(r() * train.length)]);
		return meanStats(await mapConcurrent(chosen, 4, async (row) => labStats(await decodeRgb(row.path))));
	};
	const palettes = { pbc: await paletteOf(pbc.rows, 'pbc'), matek: await paletteOf(matek.rows, 'matek-aml') };
	console.log(
		`Model ${card.name}: ${items.length} test images × ${SHIFTS.length} shifts, ${matekHeld.length} Matek neutrophils, ${perKind} non-cell pictures per kind`
	);

	const threshold = card.unfamiliar?.threshold;
	const isFlagged = (o: ModelOutputs) => flaggedUnfamiliar(o.unfamiliarScore, card.unfamiliar);
	const classifyImage = (img: Rgb) => classifier.classify(preprocess(img, card.input));

	const shifts: ShiftResult[] = [];
	for (const shift of SHIFTS) {
		const t0 = performance.now();
		const outs = await mapConcurrent(items, 4, async (row) => classifyImage(await shift.apply(await decodeRgb(row.path), palettes)));
		shifts.push(scoreShift(shift, items, outs, card.classes, isFlagged));
		const s = shifts[shifts.length - 1];
		console.log(
			`  ${shift.id.padEnd(18)} acc ${pct(s.accuracy)}  F1 ${pct(s.macro_f1)}  →blast ${pct(s.false_myeloblast)}  →platelet ${pct(s.false_platelet)}  flagged ${s.flagged === null ? '–' : pct(s.flagged)}  (${((performance.now() - t0) / 1000).toFixed(0)} s)`
		);
	}

	const heldOuts = await mapConcurrent(matekHeld, 4, async (row) => classifyImage(await decodeRgb(row.path)));
	const answer = (o: ModelOutputs) => card.classes[argmax(o.classProbs)];
	const held_out =
		heldOuts.length === 0
			? null
			: {
					what: heldWhat,
					n: heldOuts.length,
					as_neutrophil: heldOuts.filter((o) => ['segmented_neutrophil', 'band_neutrophil'].includes(answer(o))).length / heldOuts.length,
					as_myeloblast: heldOuts.filter((o) => answer(o) === 'myeloblast').length / heldOuts.length,
					flagged: threshold === undefined ? null : heldOuts.filter((o) => isFlagged(o)).length / heldOuts.length
				};

	let non_cells: Robustness['non_cells'] = null;
	if (perKind > 0 && threshold !== undefined) {
		const smears = pbc.rows.filter((r) => splitOf('pbc', r.id) === 'test').map((r) => r.path);
		const pictures = await nonCells(perKind, smears);
		const outs = await mapConcurrent(pictures, 4, (p) => classifyImage(p.image));
		const by_kind: Record<string, { n: number; flagged: number }> = {};
		pictures.forEach((p, i) => {
			const k = (by_kind[p.kind] ??= { n: 0, flagged: 0 });
			k.n++;
			if (isFlagged(outs[i])) k.flagged++;
		});
		non_cells = { n: pictures.length, flagged: outs.filter((o) => isFlagged(o)).length / pictures.length, by_kind };
	}
	await classifier.release();

	const report: Robustness = parseRobustness({
		schema_version: 1,
		model: { name: card.name, created_at: card.created_at },
		created_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		per_class_limit: perClass,
		shifts,
		held_out,
		non_cells,
		seconds: Math.round((performance.now() - started) / 100) / 10
	});
	console.log(formatReport(report));
	if (values.out) {
		await writeFile(resolve(values.out), JSON.stringify(report, null, 1) + '\n');
		console.log(`Wrote ${resolve(values.out)}`);
	}
	return 0;
}

function scoreShift(
	shift: (typeof SHIFTS)[number],
	items: readonly ManifestRow[],
	outs: readonly ModelOutputs[],
	classes: readonly string[],
	isFlagged: (o: ModelOutputs) => boolean | null
): ShiftResult {
	const truth = items.map((r) => classes.indexOf(r.label));
	const metrics = classMetrics(
		classes,
		truth,
		outs.map((o) => o.classProbs)
	);
	const blast = classes.indexOf('myeloblast');
	const platelet = classes.indexOf('platelet');
	const pred = outs.map((o) => argmax(o.classProbs));
	const share = (num: number, den: number) => (den > 0 ? num / den : 0);
	const nonBlast = truth.filter((t) => t !== blast).length;
	const nonPlatelet = truth.filter((t) => t !== platelet).length;
	const flags = outs.map(isFlagged);
	const hasRule = flags.some((f) => f !== null);
	const unflagged = truth.map((t, i) => ({ t, p: pred[i], f: flags[i] })).filter((x) => x.f === false);
	return {
		id: shift.id,
		what: shift.what,
		kind: shift.kind,
		n: items.length,
		accuracy: metrics.accuracy,
		macro_f1: metrics.macro_f1,
		false_myeloblast: share(truth.filter((t, i) => t !== blast && pred[i] === blast).length, nonBlast),
		false_platelet: share(truth.filter((t, i) => t !== platelet && pred[i] === platelet).length, nonPlatelet),
		flagged: hasRule ? flags.filter(Boolean).length / flags.length : null,
		accuracy_unflagged: hasRule && unflagged.length > 0 ? unflagged.filter((x) => x.t === x.p).length / unflagged.length : null
	};
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`.padStart(6);

export function formatReport(r: Robustness): string {
	const lines = ['', `shift               images  accuracy  macro-F1  non-blast→blast  non-platelet→platelet  flagged  acc. unflagged`];
	for (const s of r.shifts) {
		lines.push(
			`${s.id.padEnd(18)} ${String(s.n).padStart(7)}  ${pct(s.accuracy).padStart(8)}  ${pct(s.macro_f1).padStart(8)}  ${pct(s.false_myeloblast).padStart(15)}  ${pct(s.false_platelet).padStart(21)}  ${s.flagged === null ? '     –' : pct(s.flagged).padStart(7)}  ${s.accuracy_unflagged === null ? '–' : pct(s.accuracy_unflagged).padStart(14)}`
		);
	}
	const worst = r.shifts.reduce((a, b) => (b.macro_f1 < a.macro_f1 ? b : a));
	lines.push(
		`worst macro-F1: ${pct(worst.macro_f1)} (${worst.id}); largest non-blast→blast: ${pct(Math.max(...r.shifts.map((s) => s.false_myeloblast)))}`
	);
	if (r.held_out)
		lines.push(
			`${r.held_out.what}: ${r.held_out.n} images, ${pct(r.held_out.as_neutrophil)} called neutrophil, ${pct(r.held_out.as_myeloblast)} myeloblast, flagged ${r.held_out.flagged === null ? '–' : pct(r.held_out.flagged)}`
		);
	if (r.non_cells)
		lines.push(
			`pictures that are not white cells: ${r.non_cells.n}, flagged ${pct(r.non_cells.flagged)} (` +
				Object.entries(r.non_cells.by_kind)
					.map(([k, c]) => `${k} ${c.flagged}/${c.n}`)
					.join(', ') +
				')'
		);
	lines.push(`${r.seconds} s`);
	return lines.join('\n');
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
);
