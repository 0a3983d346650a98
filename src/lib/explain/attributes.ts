import type { CellClassId } from '../cells/taxonomy.ts';
import type { LessonFeatureKey } from '../cells/lesson-schema.ts';

/**
 * What the WBCAtt morphology attributes (Tsutsui et al. 2023, the vocabulary of the model card
 * and of the bank's expert annotations) mean for each cell class. Pure data and lookups.
 */

/** The WBCAtt attribute names, in the model card's order. */
export const ATTRIBUTE_NAMES = [
	'cell_size',
	'cell_shape',
	'nucleus_shape',
	'nuclear_cytoplasmic_ratio',
	'chromatin_density',
	'cytoplasm_vacuole',
	'cytoplasm_texture',
	'cytoplasm_colour',
	'granule_type',
	'granule_colour',
	'granularity'
] as const;

export type AttributeName = (typeof ATTRIBUTE_NAMES)[number];

/** Each attribute's values, as the annotators wrote them. */
export const ATTRIBUTE_VALUES: Record<AttributeName, readonly string[]> = {
	cell_size: ['big', 'small'],
	cell_shape: ['irregular', 'round'],
	nucleus_shape: [
		'irregular',
		'segmented-bilobed',
		'segmented-multilobed',
		'unsegmented-band',
		'unsegmented-indented',
		'unsegmented-round'
	],
	nuclear_cytoplasmic_ratio: ['high', 'low'],
	chromatin_density: ['densely', 'loosely'],
	cytoplasm_vacuole: ['no', 'yes'],
	cytoplasm_texture: ['clear', 'frosted'],
	cytoplasm_colour: ['blue', 'light blue', 'purple blue'],
	granule_type: ['coarse', 'nil', 'round', 'small'],
	granule_colour: ['nil', 'pink', 'purple', 'red'],
	granularity: ['no', 'yes']
};

export function isAttributeName(name: string): name is AttributeName {
	return (ATTRIBUTE_NAMES as readonly string[]).includes(name);
}

/**
 * The classes the classifier's attribute heads learned from: WBCAtt annotates the five mature
 * types only (neutrophils, band and segmented, eosinophils, basophils, lymphocytes, monocytes).
 * For any other class a predicted attribute is a guess outside the training data and is not used.
 */
export const ATTRIBUTE_TRAINED_CLASSES: readonly CellClassId[] = [
	'band_neutrophil',
	'segmented_neutrophil',
	'eosinophil',
	'basophil',
	'lymphocyte',
	'monocyte'
];

/**
 * The values a class typically shows, curated from its lesson (key features and look-alike
 * sections); an attribute a class has no entry for is not characteristic of it. Used to say
 * whether an image shows the typical look, and which attribute separates two look-alikes.
 * Neutrophil cytoplasm colour is left out on purpose: the lessons call it pink-lilac, WBCAtt's
 * colour scale (blues only) records it as light blue.
 */
export const TYPICAL: Partial<Record<CellClassId, Partial<Record<AttributeName, readonly string[]>>>> = {
	myeloblast: { nuclear_cytoplasmic_ratio: ['high'], chromatin_density: ['loosely'], cell_size: ['big'] },
	promyelocyte: { granularity: ['yes'], granule_colour: ['purple', 'red'], cytoplasm_colour: ['blue'] },
	myelocyte: { nucleus_shape: ['unsegmented-round'], granularity: ['yes'], granule_colour: ['pink'] },
	metamyelocyte: {
		nucleus_shape: ['unsegmented-indented'],
		granularity: ['yes'],
		granule_colour: ['pink'],
		chromatin_density: ['densely']
	},
	band_neutrophil: {
		nucleus_shape: ['unsegmented-band'],
		granule_type: ['small'],
		granule_colour: ['pink'],
		granularity: ['yes'],
		chromatin_density: ['densely'],
		nuclear_cytoplasmic_ratio: ['low']
	},
	segmented_neutrophil: {
		nucleus_shape: ['segmented-bilobed', 'segmented-multilobed'],
		granule_type: ['small'],
		granule_colour: ['pink'],
		granularity: ['yes'],
		chromatin_density: ['densely'],
		nuclear_cytoplasmic_ratio: ['low']
	},
	eosinophil: {
		nucleus_shape: ['segmented-bilobed'],
		granule_type: ['round'],
		granule_colour: ['red'],
		granularity: ['yes'],
		chromatin_density: ['densely'],
		nuclear_cytoplasmic_ratio: ['low']
	},
	basophil: {
		granule_type: ['coarse'],
		granule_colour: ['purple'],
		granularity: ['yes'],
		chromatin_density: ['densely']
	},
	monocyte: {
		cell_size: ['big'],
		nucleus_shape: ['unsegmented-indented', 'irregular'],
		chromatin_density: ['loosely'],
		cytoplasm_texture: ['frosted'],
		nuclear_cytoplasmic_ratio: ['low'],
		granularity: ['no'],
		granule_type: ['nil']
	},
	lymphocyte: {
		cell_size: ['small'],
		nucleus_shape: ['unsegmented-round', 'unsegmented-indented'],
		chromatin_density: ['densely'],
		nuclear_cytoplasmic_ratio: ['high'],
		cytoplasm_colour: ['blue', 'light blue', 'purple blue'],
		granularity: ['no'],
		granule_type: ['nil']
	},
	reactive_lymphocyte: { cell_size: ['big'], nuclear_cytoplasmic_ratio: ['low'], cytoplasm_texture: ['clear'], granularity: ['no'] },
	erythroblast: { chromatin_density: ['densely'], granularity: ['no'] }
};

export function typicalValues(cellClass: CellClassId, attribute: AttributeName): readonly string[] | undefined {
	return TYPICAL[cellClass]?.[attribute];
}

/** The WBCAtt attributes that show a lesson feature in an image, most telling first. */
export const FEATURE_ATTRIBUTES: Partial<Record<LessonFeatureKey, readonly AttributeName[]>> = {
	size_um: ['cell_size'],
	nc_ratio: ['nuclear_cytoplasmic_ratio'],
	nucleus_shape: ['nucleus_shape'],
	chromatin: ['chromatin_density'],
	cytoplasm_colour: ['cytoplasm_colour', 'cytoplasm_texture'],
	granules: ['granule_colour', 'granule_type', 'granularity']
};

/**
 * The two or three lesson features that make a class what it is, most decisive first: what a
 * right answer is told. Every key is a column of the lesson frontmatter, so the text comes from
 * the lesson itself.
 */
export const KEY_FEATURES: Record<CellClassId, readonly LessonFeatureKey[]> = {
	myeloblast: ['chromatin', 'nucleoli', 'nc_ratio'],
	promyelocyte: ['granules', 'cytoplasm_colour', 'nucleoli'],
	myelocyte: ['nucleus_shape', 'cytoplasm_colour', 'granules'],
	metamyelocyte: ['nucleus_shape', 'chromatin', 'granules'],
	band_neutrophil: ['nucleus_shape', 'granules'],
	segmented_neutrophil: ['nucleus_shape', 'granules'],
	eosinophil: ['granules', 'nucleus_shape'],
	basophil: ['granules', 'nucleus_shape'],
	monocyte: ['cytoplasm_colour', 'nucleus_shape', 'chromatin'],
	lymphocyte: ['nc_ratio', 'chromatin', 'cytoplasm_colour'],
	reactive_lymphocyte: ['cytoplasm_colour', 'size_um', 'nucleus_shape'],
	erythroblast: ['chromatin', 'cytoplasm_colour'],
	platelet: ['size_um', 'granules'],
	giant_platelet: ['size_um', 'granules'],
	smudge_cell: ['nucleus_shape', 'chromatin']
};
