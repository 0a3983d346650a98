import { at } from '../arrays.ts';
import type { CellClassId } from '../cells/taxonomy.ts';
import { summarize, type Summary } from '../cells/confusion.ts';
import type { Results } from './results.ts';

/**
 * The instructor dashboard's numbers for one assignment, from the trainees' imported results.
 * Pure and linear in the number of answers (200 trainees × 100 items = 20,000 answers), so the
 * page can recompute it whenever results are added. Per-trainee matrices are built on demand.
 */
export interface TraineeRow {
	resultId: string;
	learnerName: string;
	answered: number;
	correct: number;
	/** correct / items in the assignment (unanswered items count as wrong) */
	score: number;
	/** median time per answered item, ms; null without answers */
	medianMs: number | null;
	timedOut: boolean;
	finished: boolean;
}

export interface ItemRow {
	itemId: string;
	trueClass: CellClassId;
	image: string | null;
	attempts: number;
	correct: number;
	/** share of the trainees who answered it that got it wrong */
	missRate: number;
	/** wrong answers given, most frequent first */
	wrongAnswers: { cellClass: CellClassId; count: number }[];
	medianMs: number | null;
	/** the classifier's answer on this image, if the bank has one */
	modelClass: CellClassId | null;
}

export interface Dashboard {
	trainees: TraineeRow[];
	pooled: Summary;
	/** items, most missed first */
	items: ItemRow[];
	/** the classifier on the same items, each weighted as often as trainees answered it */
	model: { items: number; trainees: Summary; model: Summary } | null;
	medianMs: number | null;
}

export function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const s = Float64Array.from(values).sort();
	const mid = s.length >> 1;
	return s.length % 2 ? at(s, mid) : (at(s, mid - 1) + at(s, mid)) / 2;
}

export function buildDashboard(
	results: readonly Results[],
	bank: { images: ReadonlyMap<string, string>; predictions: ReadonlyMap<string, CellClassId> }
): Dashboard {
	const trainees: TraineeRow[] = [];
	const items = new Map<
		string,
		{ trueClass: CellClassId; attempts: number; correct: number; wrong: Map<CellClassId, number>; ms: number[] }
	>();
	const pooledAnswers: { trueClass: CellClassId; answeredClass: CellClassId }[] = [];
	const allMs: number[] = [];
	for (const r of results) {
		let correct = 0;
		const ms: number[] = [];
		for (const a of r.attempts) {
			const ok = a.trueClass === a.answeredClass;
			if (ok) correct++;
			ms.push(a.msToAnswer);
			allMs.push(a.msToAnswer);
			pooledAnswers.push({ trueClass: a.trueClass, answeredClass: a.answeredClass });
			let item = items.get(a.itemId);
			if (!item) items.set(a.itemId, (item = { trueClass: a.trueClass, attempts: 0, correct: 0, wrong: new Map(), ms: [] }));
			item.attempts++;
			item.ms.push(a.msToAnswer);
			if (ok) item.correct++;
			else item.wrong.set(a.answeredClass, (item.wrong.get(a.answeredClass) ?? 0) + 1);
		}
		trainees.push({
			resultId: r.resultId,
			learnerName: r.learnerName,
			answered: r.attempts.length,
			correct,
			score: correct / r.assignment.itemCount,
			medianMs: median(ms),
			timedOut: r.timedOut,
			finished: r.finishedAt !== undefined && r.attempts.length === r.assignment.itemCount
		});
	}
	trainees.sort((a, b) => a.learnerName.localeCompare(b.learnerName) || a.resultId.localeCompare(b.resultId));

	const itemRows: ItemRow[] = [...items.entries()].map(([itemId, i]) => ({
		itemId,
		trueClass: i.trueClass,
		image: bank.images.get(itemId) ?? null,
		attempts: i.attempts,
		correct: i.correct,
		missRate: (i.attempts - i.correct) / i.attempts,
		wrongAnswers: [...i.wrong.entries()].map(([cellClass, count]) => ({ cellClass, count })).sort((a, b) => b.count - a.count),
		medianMs: median(i.ms),
		modelClass: bank.predictions.get(itemId) ?? null
	}));
	itemRows.sort((a, b) => b.missRate - a.missRate || b.attempts - a.attempts || a.itemId.localeCompare(b.itemId));

	const pooled = summarize(pooledAnswers);
	let model: Dashboard['model'] = null;
	const withModel = itemRows.filter((i) => i.modelClass !== null);
	if (withModel.length > 0) {
		const shared = new Set(withModel.map((i) => i.itemId));
		const traineeAnswers: { trueClass: CellClassId; answeredClass: CellClassId }[] = [];
		const modelAnswers: { trueClass: CellClassId; answeredClass: CellClassId }[] = [];
		for (const r of results)
			for (const a of r.attempts) {
				if (!shared.has(a.itemId)) continue;
				traineeAnswers.push({ trueClass: a.trueClass, answeredClass: a.answeredClass });
				modelAnswers.push({ trueClass: a.trueClass, answeredClass: bank.predictions.get(a.itemId)! });
			}
		const classes = pooled.matrix.classes;
		model = { items: withModel.length, trainees: summarize(traineeAnswers, classes), model: summarize(modelAnswers, classes) };
	}
	return { trainees, pooled, items: itemRows, model, medianMs: median(allMs) };
}

/** One trainee's confusion matrix and per-class recall. */
export function traineeSummary(results: Results, classes: readonly CellClassId[] = []): Summary {
	return summarize(results.attempts, classes);
}

// ---- CSV ------------------------------------------------------------------------------------

function cell(value: string | number | boolean | null): string {
	const text = value === null ? '' : String(value);
	// quote what needs it; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula
	const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
	return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Every answer of every trainee, one row each: the raw data for a spreadsheet. */
export function attemptsCsv(results: readonly Results[], predictions: ReadonlyMap<string, CellClassId>): string {
	const rows: (string | number | boolean | null)[][] = [];
	for (const r of results)
		for (const a of r.attempts)
			rows.push([
				r.learnerName,
				r.resultId,
				r.assignment.id,
				a.itemId,
				a.trueClass,
				a.answeredClass,
				a.trueClass === a.answeredClass,
				a.msToAnswer,
				new Date(a.at).toISOString(),
				predictions.get(a.itemId) ?? null
			]);
	return toCsv(
		[
			'learner',
			'result_id',
			'assignment_id',
			'item_id',
			'true_class',
			'answered_class',
			'correct',
			'ms_to_answer',
			'answered_at',
			'model_class'
		],
		rows
	);
}

/** One row per trainee: score, answered, median time. */
export function traineesCsv(dashboard: Dashboard): string {
	return toCsv(
		['learner', 'result_id', 'answered', 'correct', 'score', 'median_ms', 'timed_out', 'finished'],
		dashboard.trainees.map((t) => [
			t.learnerName,
			t.resultId,
			t.answered,
			t.correct,
			t.score.toFixed(4),
			t.medianMs,
			t.timedOut,
			t.finished
		])
	);
}
