/**
 * The cell taxonomy: every class a technician meets in a peripheral-blood differential.
 * Everything else in the app refers to classes by these ids; display names come from here.
 * Pure data, no framework imports.
 */

export type Lineage = 'granulocytic' | 'lymphoid' | 'monocytic' | 'erythroid' | 'megakaryocytic' | 'artefact';

export interface CellClass {
	/** taxonomy id, also the label used in dataset manifests */
	id: CellClassId;
	name: { en: string; 'zh-TW': string };
	/** short name for buttons and matrix axes */
	short: { en: string; 'zh-TW': string };
	lineage: Lineage;
	/** position in its lineage's maturation series, 1 = most immature; null where not a series */
	maturation: number | null;
	/** classes most often confused with this one, most important first */
	lookAlikes: CellClassId[];
	/** an abnormal finding in adult peripheral blood (prompts review, not a normal differential cell) */
	abnormal: boolean;
}

export const CELL_CLASS_IDS = [
	'myeloblast',
	'promyelocyte',
	'myelocyte',
	'metamyelocyte',
	'band_neutrophil',
	'segmented_neutrophil',
	'eosinophil',
	'basophil',
	'monocyte',
	'lymphocyte',
	'reactive_lymphocyte',
	'erythroblast',
	'platelet',
	'giant_platelet',
	'smudge_cell'
] as const;

export type CellClassId = (typeof CELL_CLASS_IDS)[number];

export const CELL_CLASSES: readonly CellClass[] = [
	{
		id: 'myeloblast',
		name: { en: 'Myeloblast (blast)', 'zh-TW': '骨髓母細胞（芽細胞）' },
		short: { en: 'Blast', 'zh-TW': '芽細胞' },
		lineage: 'granulocytic',
		maturation: 1,
		abnormal: true,
		lookAlikes: ['promyelocyte', 'lymphocyte', 'reactive_lymphocyte', 'monocyte']
	},
	{
		id: 'promyelocyte',
		name: { en: 'Promyelocyte', 'zh-TW': '前骨髓細胞' },
		short: { en: 'Promyelo', 'zh-TW': '前骨髓' },
		lineage: 'granulocytic',
		maturation: 2,
		abnormal: true,
		lookAlikes: ['myelocyte', 'myeloblast', 'monocyte']
	},
	{
		id: 'myelocyte',
		name: { en: 'Myelocyte', 'zh-TW': '骨髓細胞' },
		short: { en: 'Myelo', 'zh-TW': '骨髓' },
		lineage: 'granulocytic',
		maturation: 3,
		abnormal: true,
		lookAlikes: ['metamyelocyte', 'promyelocyte', 'monocyte']
	},
	{
		id: 'metamyelocyte',
		name: { en: 'Metamyelocyte', 'zh-TW': '後骨髓細胞' },
		short: { en: 'Meta', 'zh-TW': '後骨髓' }, // lab shorthand; 'Metamyelo' overflowed a 390 px phone's button
		lineage: 'granulocytic',
		maturation: 4,
		abnormal: true,
		lookAlikes: ['band_neutrophil', 'myelocyte', 'monocyte']
	},
	{
		id: 'band_neutrophil',
		name: { en: 'Band neutrophil', 'zh-TW': '帶狀嗜中性球' },
		short: { en: 'Band', 'zh-TW': '帶狀' },
		lineage: 'granulocytic',
		maturation: 5,
		abnormal: false,
		lookAlikes: ['segmented_neutrophil', 'metamyelocyte']
	},
	{
		id: 'segmented_neutrophil',
		name: { en: 'Segmented neutrophil', 'zh-TW': '分葉嗜中性球' },
		short: { en: 'Seg', 'zh-TW': '分葉' },
		lineage: 'granulocytic',
		maturation: 6,
		abnormal: false,
		lookAlikes: ['band_neutrophil', 'eosinophil']
	},
	{
		id: 'eosinophil',
		name: { en: 'Eosinophil', 'zh-TW': '嗜酸性球' },
		short: { en: 'Eos', 'zh-TW': '嗜酸' },
		lineage: 'granulocytic',
		maturation: null,
		abnormal: false,
		lookAlikes: ['segmented_neutrophil', 'basophil']
	},
	{
		id: 'basophil',
		name: { en: 'Basophil', 'zh-TW': '嗜鹼性球' },
		short: { en: 'Baso', 'zh-TW': '嗜鹼' },
		lineage: 'granulocytic',
		maturation: null,
		abnormal: false,
		lookAlikes: ['eosinophil', 'segmented_neutrophil', 'lymphocyte']
	},
	{
		id: 'monocyte',
		name: { en: 'Monocyte', 'zh-TW': '單核球' },
		short: { en: 'Mono', 'zh-TW': '單核' },
		lineage: 'monocytic',
		maturation: null,
		abnormal: false,
		lookAlikes: ['reactive_lymphocyte', 'metamyelocyte', 'myelocyte', 'myeloblast']
	},
	{
		id: 'lymphocyte',
		name: { en: 'Lymphocyte', 'zh-TW': '淋巴球' },
		short: { en: 'Lymph', 'zh-TW': '淋巴' },
		lineage: 'lymphoid',
		maturation: null,
		abnormal: false,
		lookAlikes: ['reactive_lymphocyte', 'erythroblast', 'myeloblast', 'basophil']
	},
	{
		id: 'reactive_lymphocyte',
		name: { en: 'Reactive (atypical) lymphocyte', 'zh-TW': '反應性（非典型）淋巴球' },
		short: { en: 'React. lymph', 'zh-TW': '反應淋巴' },
		lineage: 'lymphoid',
		maturation: null,
		abnormal: true,
		lookAlikes: ['monocyte', 'lymphocyte', 'myeloblast']
	},
	{
		id: 'erythroblast',
		name: { en: 'Nucleated red blood cell (NRBC)', 'zh-TW': '有核紅血球' },
		short: { en: 'NRBC', 'zh-TW': '有核紅' },
		lineage: 'erythroid',
		maturation: null,
		abnormal: true,
		lookAlikes: ['lymphocyte', 'smudge_cell']
	},
	{
		id: 'platelet',
		name: { en: 'Platelet', 'zh-TW': '血小板' },
		short: { en: 'PLT', 'zh-TW': '血小板' },
		lineage: 'megakaryocytic',
		maturation: null,
		abnormal: false,
		lookAlikes: ['giant_platelet']
	},
	{
		id: 'giant_platelet',
		name: { en: 'Giant platelet', 'zh-TW': '巨大血小板' },
		short: { en: 'Giant PLT', 'zh-TW': '巨血小板' },
		lineage: 'megakaryocytic',
		maturation: null,
		abnormal: true,
		lookAlikes: ['platelet', 'lymphocyte']
	},
	{
		id: 'smudge_cell',
		name: { en: 'Smudge cell', 'zh-TW': '破碎細胞（塗抹細胞）' },
		short: { en: 'Smudge', 'zh-TW': '破碎' },
		lineage: 'artefact',
		maturation: null,
		abnormal: true,
		lookAlikes: ['lymphocyte', 'erythroblast']
	}
];

/**
 * Dataset labels that name a group of classes rather than one class (the annotator did not give
 * the stage). They are valid in manifests but cannot be graded as one answer, so the drill bank
 * leaves them out and the classifier reports them grouped.
 */
export const GROUP_LABELS = {
	immature_granulocyte: ['promyelocyte', 'myelocyte', 'metamyelocyte'],
	neutrophil: ['band_neutrophil', 'segmented_neutrophil']
} as const satisfies Record<string, readonly CellClassId[]>;

export type GroupLabel = keyof typeof GROUP_LABELS;

const byId = new Map<string, CellClass>(CELL_CLASSES.map((c) => [c.id, c]));

export function isCellClassId(value: string): value is CellClassId {
	return byId.has(value);
}

export function isGroupLabel(value: string): value is GroupLabel {
	return Object.hasOwn(GROUP_LABELS, value);
}

export function cellClass(id: CellClassId): CellClass {
	const found = byId.get(id);
	if (!found) throw new Error(`Unknown cell class: ${id}`);
	return found;
}

export type Locale = 'en' | 'zh-TW';

export function cellName(id: CellClassId, locale: Locale): string {
	return cellClass(id).name[locale];
}

export function cellShort(id: CellClassId, locale: Locale): string {
	return cellClass(id).short[locale];
}

/** Classes in taxonomy order, filtered to the given ids (keeps a stable display order everywhere). */
export function inTaxonomyOrder(ids: Iterable<string>): CellClassId[] {
	const wanted = new Set(ids);
	return CELL_CLASS_IDS.filter((id) => wanted.has(id));
}
