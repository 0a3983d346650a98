import type { CellClassId } from '$lib/cells/taxonomy.ts';

/** Answers from [true class, answered class, how many] triples. */
export const pairs = (spec: [CellClassId, CellClassId, number][]) =>
	spec.flatMap(([trueClass, answeredClass, n]) => Array.from({ length: n }, () => ({ trueClass, answeredClass })));

/** 9 answers worked by hand: monocyte 3 right 1 as lymph; lymphocyte 2 right 2 as mono; a basophil called eosinophil. */
export const handWorkedAnswers = pairs([
	['monocyte', 'monocyte', 3],
	['monocyte', 'lymphocyte', 1],
	['lymphocyte', 'lymphocyte', 2],
	['lymphocyte', 'monocyte', 2],
	['basophil', 'eosinophil', 1]
]);
