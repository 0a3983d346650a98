import { at } from '../arrays.ts';
import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../cells/confusion.ts';
import { contrastRatio, PAPER } from './color.ts';
import { matrixLines, matrixRows, moveInGrid } from './matrix.ts';

describe('matrix rows', () => {
	const m = confusionMatrix([
		{ trueClass: 'monocyte', answeredClass: 'monocyte' },
		{ trueClass: 'monocyte', answeredClass: 'monocyte' },
		{ trueClass: 'monocyte', answeredClass: 'monocyte' },
		{ trueClass: 'monocyte', answeredClass: 'lymphocyte' },
		{ trueClass: 'lymphocyte', answeredClass: 'lymphocyte' }
	]);
	const rows = matrixRows(m);

	it('lays out rows = true class, columns = answer, with counts, row shares and the diagonal', () => {
		expect(rows.map((r) => [r.trueClass, r.total])).toEqual([
			['monocyte', 4],
			['lymphocyte', 1]
		]);
		const mono = at(rows, 0);
		expect(mono.cells.map((c) => [c.answeredClass, c.count, c.share, c.diagonal])).toEqual([
			['monocyte', 3, 0.75, true],
			['lymphocyte', 1, 0.25, false]
		]);
		expect(rows[1]!.cells[0]).toMatchObject({ trueClass: 'lymphocyte', answeredClass: 'monocyte', count: 0, share: 0, fill: PAPER });
	});

	it('gives every cell readable text', () => {
		for (const cell of rows.flatMap((r) => r.cells)) expect(contrastRatio(cell.text, cell.fill)).toBeGreaterThanOrEqual(4.5);
	});
});

describe('matrix lines (narrow screens)', () => {
	it('gives each true class its right answers and only the other answers given, most frequent first', () => {
		const m = confusionMatrix([
			...Array.from({ length: 2 }, () => ({ trueClass: 'monocyte' as const, answeredClass: 'monocyte' as const })),
			{ trueClass: 'monocyte', answeredClass: 'basophil' },
			...Array.from({ length: 3 }, () => ({ trueClass: 'monocyte' as const, answeredClass: 'lymphocyte' as const })),
			{ trueClass: 'lymphocyte', answeredClass: 'monocyte' },
			{ trueClass: 'basophil', answeredClass: 'basophil' }
		]);
		const lines = matrixLines(m);
		const mono = lines.find((l) => l.trueClass === 'monocyte')!;
		expect(mono.total).toBe(6);
		expect([mono.right.answeredClass, mono.right.count, mono.right.share]).toEqual(['monocyte', 2, 2 / 6]);
		expect(mono.mistakes.map((c) => [c.answeredClass, c.count])).toEqual([
			['lymphocyte', 3],
			['basophil', 1]
		]);
		const lymph = lines.find((l) => l.trueClass === 'lymphocyte')!;
		expect([lymph.right.count, lymph.mistakes.map((c) => c.answeredClass)]).toEqual([0, ['monocyte']]);
		expect(lines.find((l) => l.trueClass === 'basophil')!.mistakes).toEqual([]);
	});
});

describe('grid keys', () => {
	it('moves by arrows within bounds and ignores other keys', () => {
		expect(moveInGrid('ArrowRight', 0, 0, 3)).toEqual({ row: 0, col: 1 });
		expect(moveInGrid('ArrowLeft', 0, 0, 3)).toEqual({ row: 0, col: 0 });
		expect(moveInGrid('ArrowDown', 2, 1, 3)).toEqual({ row: 2, col: 1 });
		expect(moveInGrid('ArrowUp', 2, 1, 3)).toEqual({ row: 1, col: 1 });
		expect(moveInGrid('End', 1, 0, 3)).toEqual({ row: 1, col: 2 });
		expect(moveInGrid('Home', 1, 2, 3)).toEqual({ row: 1, col: 0 });
		expect(moveInGrid('Enter', 1, 1, 3)).toBeNull();
	});
});
