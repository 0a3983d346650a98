import { splitOf, type Split } from '../../src/lib/bank/split.ts';
import { flaggedUnfamiliar } from '../../src/lib/classifier/assess.ts';
import { attributeBlocks } from '../../src/lib/classifier/outputs.ts';
import { readManifest, type RowProblem } from './manifest.ts';
import { attributeAccuracy, classMetrics, mergedLabels, argmax, type ClassMetrics } from './metrics.ts';
import type { NodeClassifier } from './onnx-node.ts';
import { mapConcurrent } from './pool.ts';
import { errorText } from '../../src/lib/errors.ts';

/**
 * Scores the classifier on any folder with a manifest (images relative to it), including other
 * labs' data whose labels the model does not know: those rows are counted, not scored.
 */

export interface EvaluateOptions {
	/** model class → manifest label, applied (probabilities added up) before scoring */
	map?: ReadonlyMap<string, string>;
	/** score only rows of this split (by the shared split of <folder name>:<id>) */
	split?: Split;
	concurrency?: number;
	onProgress?: (done: number, total: number) => void;
}

export interface Evaluation extends ClassMetrics {
	model: { name: string; created_at: string };
	manifest: string;
	source: string;
	split: Split | 'all';
	map: Record<string, string>;
	attribute_accuracy?: Record<string, number>;
	mean_attribute_accuracy?: number;
	/** manifest labels that are not (mapped) model classes: rows counted here, left out of the scores */
	unknown_labels: Record<string, number>;
	/** for those rows, what the model answered (label → predicted label → count) */
	unknown_predicted: Record<string, Record<string, number>>;
	/**
	 * share (0–1) of the evaluated images the model flags as unfamiliar (unlike anything it learnt from;
	 * card.unfamiliar), scored or not; null for a model without the unfamiliar output
	 */
	flagged: number | null;
	/** accuracy over the scored images that are not flagged (null: no such image, or no unfamiliar output) */
	accuracy_unflagged: number | null;
	/** per manifest label: images evaluated and how many of them were flagged */
	flagged_by_label: Record<string, { n: number; flagged: number }>;
	/** rows that could not be evaluated (bad row, missing or undecodable image) */
	skipped: { line: number; id: string; problem: string }[];
	seconds: number;
}

export async function evaluateManifest(
	classifier: NodeClassifier,
	manifestPath: string,
	options: EvaluateOptions = {}
): Promise<Evaluation> {
	const started = performance.now();
	const { card } = classifier;
	const map = options.map ?? new Map<string, string>();
	const manifest = await readManifest(manifestPath);
	const fatal = manifest.problems.find((p) => p.line === 0 || manifest.columns.length === 0);
	if (fatal) throw new Error(`${manifest.path}: ${fatal.problem}`);
	const skipped: RowProblem[] = [...manifest.problems];
	const rows = options.split ? manifest.rows.filter((r) => splitOf(manifest.source, r.id) === options.split) : manifest.rows;

	const { labels, merge } = mergedLabels(card.classes, map);
	const blocks = attributeBlocks(card.attributes);
	const scoredAttributes = blocks.map((b) => b.name).filter((name) => manifest.attributeColumns.includes(name));

	let done = 0;
	const results = await mapConcurrent(rows, options.concurrency ?? 4, async (row) => {
		try {
			const outputs = await classifier.classifyFile(row.path);
			options.onProgress?.(++done, rows.length);
			const probs = merge(outputs.classProbs);
			const predictedAttributes: Record<string, string> = {};
			for (const { name, values, offset } of blocks) {
				predictedAttributes[name] = values[argmax(outputs.attributeProbs.subarray(offset, offset + values.length))];
			}
			const flagged = flaggedUnfamiliar(outputs.unfamiliarScore, card.unfamiliar);
			return { row, probs, predictedAttributes, flagged };
		} catch (error) {
			skipped.push({ manifest: manifest.path, line: row.line, id: row.id, problem: errorText(error) });
			return null;
		}
	});

	const truth: number[] = [];
	const probs: Float64Array[] = [];
	const unknown_labels: Record<string, number> = {};
	const unknown_predicted: Record<string, Record<string, number>> = {};
	const attributeRows: { truth: Record<string, string>; predicted: Record<string, string> }[] = [];
	const flagged_by_label: Record<string, { n: number; flagged: number }> = {};
	let evaluated = 0;
	let flaggedCount = 0;
	let unflaggedScored = 0;
	let unflaggedRight = 0;
	for (const r of results) {
		if (!r) continue;
		evaluated++;
		const byLabel = (flagged_by_label[r.row.label] ??= { n: 0, flagged: 0 });
		byLabel.n++;
		if (r.flagged) {
			flaggedCount++;
			byLabel.flagged++;
		}
		if (scoredAttributes.length > 0) attributeRows.push({ truth: r.row.attributes, predicted: r.predictedAttributes });
		const t = labels.indexOf(r.row.label);
		if (t < 0) {
			unknown_labels[r.row.label] = (unknown_labels[r.row.label] ?? 0) + 1;
			const answer = labels[argmax(r.probs)];
			const counts = (unknown_predicted[r.row.label] ??= {});
			counts[answer] = (counts[answer] ?? 0) + 1;
			continue;
		}
		truth.push(t);
		probs.push(r.probs);
		if (r.flagged === false) {
			unflaggedScored++;
			if (argmax(r.probs) === t) unflaggedRight++;
		}
	}
	const hasRule = results.some((r) => r !== null && r.flagged !== null);

	const attributes = attributeAccuracy(scoredAttributes, attributeRows);
	skipped.sort((a, b) => a.line - b.line);
	return {
		model: { name: card.name, created_at: card.created_at },
		manifest: manifest.path,
		source: manifest.source,
		split: options.split ?? 'all',
		map: Object.fromEntries(map),
		...classMetrics(labels, truth, probs),
		...(attributes ?? {}),
		unknown_labels,
		unknown_predicted,
		flagged: hasRule && evaluated > 0 ? flaggedCount / evaluated : null,
		accuracy_unflagged: hasRule && unflaggedScored > 0 ? unflaggedRight / unflaggedScored : null,
		flagged_by_label: hasRule ? flagged_by_label : {},
		skipped: skipped.map(({ line, id, problem }) => ({ line, id, problem })),
		seconds: (performance.now() - started) / 1000
	};
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function formatEvaluation(e: Evaluation): string {
	const lines = [
		`Model ${e.model.name} on ${e.manifest} (split: ${e.split}${
			Object.keys(e.map).length
				? `; map: ${Object.entries(e.map)
						.map(([k, v]) => `${k}→${v}`)
						.join(', ')}`
				: ''
		})`,
		`  scored ${e.n} images: accuracy ${pct(e.accuracy)}, macro-F1 ${pct(e.macro_f1)}, ECE ${e.ece.toFixed(3)}`
	];
	if (e.mean_attribute_accuracy !== undefined) {
		lines.push(`  attributes: mean accuracy ${pct(e.mean_attribute_accuracy)}`);
		for (const [name, acc] of Object.entries(e.attribute_accuracy ?? {})) lines.push(`    ${name.padEnd(26)} ${pct(acc).padStart(6)}`);
	}
	if (e.flagged !== null) {
		lines.push(
			`  flagged unfamiliar: ${pct(e.flagged)} of the images; accuracy on the rest: ${e.accuracy_unflagged === null ? '–' : pct(e.accuracy_unflagged)}`
		);
		for (const [label, c] of Object.entries(e.flagged_by_label)) lines.push(`    ${label.padEnd(26)} ${c.flagged} of ${c.n} flagged`);
	}
	const width = Math.max(8, ...e.confusion.labels.map((l) => l.length));
	lines.push(`  ${'class'.padEnd(width)}  support  precision  recall     F1`);
	e.confusion.labels.forEach((label, c) => {
		const m = e.per_class[label];
		const predicted = e.confusion.matrix.reduce((s, row) => s + row[c], 0);
		if (m.support === 0 && predicted === 0) return;
		lines.push(
			`  ${label.padEnd(width)}  ${String(m.support).padStart(7)}  ${pct(m.precision).padStart(9)}  ${pct(m.recall).padStart(6)}  ${pct(m.f1).padStart(6)}`
		);
	});
	const unknown = Object.entries(e.unknown_labels);
	if (unknown.length > 0) {
		lines.push('  labels the model does not know (not scored; --map can merge model classes into them):');
		for (const [label, count] of unknown) {
			const answers = Object.entries(e.unknown_predicted[label] ?? {})
				.sort((a, b) => b[1] - a[1])
				.map(([p, c]) => `${p} ${c}`)
				.join(', ');
			lines.push(`    ${label}: ${count} (answered: ${answers})`);
		}
	}
	if (e.skipped.length > 0) {
		lines.push(`  skipped ${e.skipped.length} row(s):`);
		for (const s of e.skipped.slice(0, 10)) lines.push(`    line ${s.line}${s.id ? ` (id ${s.id})` : ''}: ${s.problem}`);
		if (e.skipped.length > 10) lines.push(`    … and ${e.skipped.length - 10} more.`);
	}
	lines.push(`  ${e.seconds.toFixed(1)} s`);
	return lines.join('\n');
}
