import { at, cell } from '../arrays.ts';
import type { CellClassId } from '../cells/taxonomy.ts';
import { rowShare, type ConfusionMatrix } from '../cells/confusion.ts';
import { heatFill, textOn } from './color.ts';

/** A chosen cell: the true class and the answer given for it. */
export interface CellPick {
	trueClass: CellClassId;
	answeredClass: CellClassId;
}

/** One heatmap cell: what it counts and how to draw it. */
export interface MatrixCell {
	row: number;
	col: number;
	trueClass: CellClassId;
	answeredClass: CellClassId;
	count: number;
	/** share of the row (true class) given this answer; null when the row is empty */
	share: number | null;
	/** the correct-answer cell of its row */
	diagonal: boolean;
	fill: string;
	text: string;
}

export interface MatrixRow {
	trueClass: CellClassId;
	total: number;
	cells: MatrixCell[];
}

/** Turns a confusion matrix into rows of drawable cells (rows = true class, columns = answer). */
export function matrixRows(m: ConfusionMatrix): MatrixRow[] {
	return m.classes.map((trueClass, row) => ({
		trueClass,
		total: at(m.rowTotals, row),
		cells: m.classes.map((answeredClass, col) => {
			const share = rowShare(m, row, col);
			const diagonal = row === col;
			const fill = heatFill(share, diagonal);
			return { row, col, trueClass, answeredClass, count: cell(m.counts, row, col), share, diagonal, fill, text: textOn(fill) };
		})
	}));
}

/** The cell reached from (row, col) by an arrow key, staying inside the grid; null for other keys. */
export function moveInGrid(key: string, row: number, col: number, size: number): { row: number; col: number } | null {
	const clamp = (v: number) => Math.min(size - 1, Math.max(0, v));
	switch (key) {
		case 'ArrowUp':
			return { row: clamp(row - 1), col };
		case 'ArrowDown':
			return { row: clamp(row + 1), col };
		case 'ArrowLeft':
			return { row, col: clamp(col - 1) };
		case 'ArrowRight':
			return { row, col: clamp(col + 1) };
		case 'Home':
			return { row, col: 0 };
		case 'End':
			return { row, col: size - 1 };
		default:
			return null;
	}
}

/** One true class as a line for a narrow screen: its right answers, then each other answer given, most frequent first. */
export interface MatrixLine {
	trueClass: CellClassId;
	total: number;
	right: MatrixCell;
	mistakes: MatrixCell[];
}

export function matrixLines(m: ConfusionMatrix): MatrixLine[] {
	return matrixRows(m).map((row) => ({
		trueClass: row.trueClass,
		total: row.total,
		right: row.cells[row.cells.findIndex((c) => c.diagonal)]!,
		mistakes: row.cells.filter((c) => !c.diagonal && c.count > 0).sort((a, b) => b.count - a.count || a.col - b.col)
	}));
}
