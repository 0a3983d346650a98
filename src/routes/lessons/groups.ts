import { CELL_CLASSES, type CellClass, type Lineage } from '$lib/cells/taxonomy.ts';

/** Lineages in the order the lesson index shows them: the differential's order, artefacts last. */
export const LINEAGE_ORDER: readonly Lineage[] = ['granulocytic', 'monocytic', 'lymphoid', 'erythroid', 'megakaryocytic', 'artefact'];

export interface LineageGroup {
	lineage: Lineage;
	/** the maturation series, most immature first (empty if the lineage has none) */
	series: CellClass[];
	/** classes outside a series, in taxonomy order */
	others: CellClass[];
}

export function lessonGroups(classes: readonly CellClass[] = CELL_CLASSES): LineageGroup[] {
	return LINEAGE_ORDER.map((lineage) => {
		const members = classes.filter((c) => c.lineage === lineage);
		return {
			lineage,
			series: members.filter((c) => c.maturation !== null).sort((a, b) => (a.maturation ?? 0) - (b.maturation ?? 0)),
			others: members.filter((c) => c.maturation === null)
		};
	}).filter((group) => group.series.length + group.others.length > 0);
}
