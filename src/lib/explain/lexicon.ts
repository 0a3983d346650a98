import { CELL_CLASS_IDS, type CellClassId } from '../cells/taxonomy.ts';
import type { AttributeName } from './attributes.ts';

/**
 * Words for cell classes and attribute values in English and Traditional Chinese, as a tutor (or
 * a person) writes them: the validator's vocabulary. English is matched lower-cased on word
 * boundaries; Chinese as substrings, longest first, so that 前骨髓細胞 is not read as 骨髓細胞
 * and "reactive lymphocyte" not as "lymphocyte".
 */
export const CLASS_WORDS: Record<CellClassId, { en: string[]; zh: string[] }> = {
	myeloblast: {
		en: ['myeloblasts', 'myeloblast', 'blast cells', 'blast cell', 'blasts', 'blast'],
		zh: ['骨髓母細胞', '骨髓芽細胞', '芽細胞', '母細胞']
	},
	promyelocyte: { en: ['promyelocytes', 'promyelocyte'], zh: ['前骨髓細胞'] },
	myelocyte: { en: ['myelocytes', 'myelocyte'], zh: ['骨髓細胞'] },
	metamyelocyte: { en: ['metamyelocytes', 'metamyelocyte'], zh: ['後骨髓細胞'] },
	band_neutrophil: {
		en: [
			'band neutrophils',
			'band neutrophil',
			'band forms',
			'band form',
			'band cells',
			'band cell',
			'stab cell',
			'stab neutrophil',
			'bands',
			'band',
			'stab'
		],
		zh: ['帶狀嗜中性球', '桿狀嗜中性球', '帶狀核嗜中性球', '桿狀核球', '帶狀球']
	},
	segmented_neutrophil: {
		en: [
			'segmented neutrophils',
			'segmented neutrophil',
			'segmented granulocyte',
			'polymorphonuclear neutrophil',
			'polymorphs',
			'polymorph',
			'segs',
			'seg',
			'pmn'
		],
		zh: ['分葉嗜中性球', '分葉核嗜中性球', '分節嗜中性球', '分葉核球']
	},
	eosinophil: { en: ['eosinophils', 'eosinophil', 'eos'], zh: ['嗜酸性白血球', '嗜酸性球', '嗜伊紅性球', '嗜酸球'] },
	basophil: { en: ['basophils', 'basophil', 'baso'], zh: ['嗜鹼性白血球', '嗜鹼性球', '嗜鹼球'] },
	monocyte: { en: ['monocytes', 'monocyte', 'mono'], zh: ['單核白血球', '單核細胞', '單核球'] },
	lymphocyte: { en: ['lymphocytes', 'lymphocyte', 'lymphs', 'lymph'], zh: ['淋巴細胞', '淋巴球'] },
	reactive_lymphocyte: {
		en: [
			'reactive lymphocytes',
			'reactive lymphocyte',
			'reactive (atypical) lymphocyte',
			'atypical lymphocytes',
			'atypical lymphocyte',
			'variant lymphocyte',
			'reactive lymph',
			'downey cell'
		],
		zh: ['反應性（非典型）淋巴球', '反應性淋巴細胞', '反應性淋巴球', '非典型淋巴球', '異型淋巴球']
	},
	erythroblast: {
		en: [
			'nucleated red blood cells',
			'nucleated red blood cell',
			'nucleated red cells',
			'nucleated red cell',
			'nrbcs',
			'nrbc',
			'erythroblasts',
			'erythroblast',
			'normoblasts',
			'normoblast'
		],
		zh: ['有核紅血球', '有核紅細胞', '紅血球母細胞', '幼紅細胞']
	},
	platelet: { en: ['platelets', 'platelet', 'thrombocytes', 'thrombocyte'], zh: ['血小板'] },
	giant_platelet: { en: ['giant platelets', 'giant platelet', 'macroplatelets', 'macroplatelet'], zh: ['巨大血小板', '巨血小板'] },
	smudge_cell: {
		en: ['smudge cells', 'smudge cell', 'basket cells', 'basket cell', 'smear cell', 'smudged cell'],
		zh: ['破碎細胞（塗抹細胞）', '破碎細胞', '塗抹細胞', '籃狀細胞']
	}
};

export interface ClassMention {
	cellClass: CellClassId;
	start: number;
	end: number;
}

function escape(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// one alternation per language, longest first, so the first alternative that matches is the longest name
const ALL = CELL_CLASS_IDS.flatMap((id) => [
	...CLASS_WORDS[id].en.map((w) => ({ id, w, zh: false })),
	...CLASS_WORDS[id].zh.map((w) => ({ id, w, zh: true }))
]).sort((a, b) => b.w.length - a.w.length);

// "band" alone names the cell, but not in "band-shaped nucleus" or "a band of cytoplasm"
const AFTER: Record<string, string> = { band: '(?![- ]?(shaped|like|nucleus|of|form)\\b)' };
const CLASS_PATTERN = new RegExp(
	ALL.map(({ w, zh }) => (zh ? escape(w) : `(?<![a-z-])${escape(w)}(?![a-z])${AFTER[w] ?? ''}`)).join('|'),
	'g'
);
const WORD_TO_CLASS = new Map(ALL.map(({ id, w }) => [w, id]));

/** Class names in `text` (lower-cased English or Chinese), left to right, without overlaps. */
export function findClasses(text: string): ClassMention[] {
	const lower = text.toLowerCase();
	const found: ClassMention[] = [];
	for (const match of lower.matchAll(CLASS_PATTERN)) {
		const cellClass = WORD_TO_CLASS.get(match[0]);
		if (cellClass) found.push({ cellClass, start: match.index, end: match.index + match[0].length });
	}
	return found;
}

/** `text` with every class name replaced by spaces (same length), so attribute words inside names ("segmented") are not read. */
export function maskClasses(text: string, mentions: readonly ClassMention[]): string {
	let out = text;
	for (const m of mentions) out = out.slice(0, m.start) + ' '.repeat(m.end - m.start) + out.slice(m.end);
	return out;
}

/** Words for white cells in general: a statement about them is not about this image. */
export const GENERIC_CELL_WORDS =
	/\b(neutrophils?|granulocytes?|leukocytes?|leucocytes?|white (blood )?cells?|cells of this kind)\b|嗜中性球|白血球|顆粒球/g;

/**
 * Attribute cues: a pattern and the set of values it allows. Several cues in one clause narrow
 * the claim ("not segmented" ∩ "band" = unsegmented-band). English patterns see lower-cased text.
 * Cytoplasm colour is not checked: WBCAtt's blue scale and the lessons' words (pink-lilac,
 * sky blue) describe the same cells differently, so any wording would be a false alarm.
 */
export interface AttributeCue {
	attribute: AttributeName;
	pattern: RegExp;
	values: readonly string[];
}

const SEGMENTED = ['segmented-bilobed', 'segmented-multilobed'];
const UNSEGMENTED = ['unsegmented-band', 'unsegmented-indented', 'unsegmented-round'];

export const ATTRIBUTE_CUES: readonly AttributeCue[] = [
	// nucleus shape
	{
		attribute: 'nucleus_shape',
		pattern:
			/\b(unsegmented|non-segmented|not segmented|no segmentation|not lobed|unlobed|single[- ]lobed?)\b|未分葉|沒有分葉|不分葉|無分葉/,
		values: UNSEGMENTED
	},
	{
		attribute: 'nucleus_shape',
		pattern: /(?<!un|non-|not )\b(segmented|lobed|lobulated|lobes)\b(?! ?[:：]? ?no\b)|(?<![未沒不無]有?)分葉|[兩二三多數]葉/,
		values: SEGMENTED
	},
	{
		attribute: 'nucleus_shape',
		pattern: /\b(bilobed|bi-lobed|two lobes|2 lobes|spectacle)|兩葉|二葉|雙葉|眼鏡/,
		values: ['segmented-bilobed']
	},
	{
		attribute: 'nucleus_shape',
		pattern:
			/\b(multilobed|multi-lobed|several lobes|three lobes|3 lobes|four lobes|many lobes|multiple lobes|3–5 lobes|3-5 lobes)|多葉|三葉|四葉|數葉/,
		values: ['segmented-multilobed']
	},
	{
		attribute: 'nucleus_shape',
		pattern:
			/\b(band-shaped|band shaped|curved band|c-shaped|u-shaped|s-shaped|sausage)|(?<!un|not )\bband\b(?= nucleus|-like nucleus)|帶狀(?!嗜)|彎曲帶/,
		values: ['unsegmented-band']
	},
	{
		attribute: 'nucleus_shape',
		pattern:
			/\b(indented|kidney|bean-shaped|bean shaped|reniform|notched|folded)\b|有凹陷|輕微凹陷|凹陷(小於|不到)|未分葉\u3000凹陷|腎形|豆形|摺痕/,
		values: ['unsegmented-indented']
	},
	{
		attribute: 'nucleus_shape',
		pattern:
			/\b(round|oval|circular) nucleus\b|\bnucleus (is )?(round|oval)\b|nucleus shape: not segmented, round|圓形細胞核|細胞核(呈)?圓|核圓|未分葉，圓形/,
		values: ['unsegmented-round']
	},
	{
		attribute: 'nucleus_shape',
		pattern: /\birregular nucleus\b|\bnucleus (shape: |is )irregular\b|細胞核(形狀)?[：:]?(呈)?不規則/,
		values: ['irregular']
	},
	// chromatin
	{
		attribute: 'chromatin_density',
		pattern:
			/\b(dense|densely|condensed|clumped|clumpy|coarse|compact|dark|solid)\b[^.,;]{0,25}\bchromatin|\bchromatin\b[^.,;]{0,20}\b(dense|condensed|clumped|coarse|compact)\b|染色質[^，。；]{0,8}(緻密|濃縮|聚集|成塊|粗)/,
		values: ['densely']
	},
	{
		attribute: 'chromatin_density',
		pattern:
			/\b(fine|finely|open|loose|loosely|lacy|delicate|smooth|dispersed|immature)\b[^.,;]{0,25}\bchromatin|\bchromatin\b[^.,;]{0,20}\b(fine|open|loose|lacy|delicate|smooth|dispersed)\b|染色質[^，。；]{0,8}(細緻|疏鬆|鬆散|花邊|平滑|細網)/,
		values: ['loosely']
	},
	// nuclear : cytoplasmic ratio
	{
		attribute: 'nuclear_cytoplasmic_ratio',
		pattern:
			/\bhigh (n:c|n\/c|nc|nuclear[- :]+(to[- ])?cytoplasmic)|\b(n:c|n\/c|nuclear[ :]+cytoplasmic) ratio( is|:| of)? (very )?high|\b(scant|scanty|little|sparse) cytoplasm|thin rim of cytoplasm|核質比[：:為是]?\s*(很|偏)?高|細胞質(很|極)?少/,
		values: ['high']
	},
	{
		attribute: 'nuclear_cytoplasmic_ratio',
		pattern:
			/\blow (n:c|n\/c|nc|nuclear[- :]+(to[- ])?cytoplasmic)|\b(n:c|n\/c|nuclear[ :]+cytoplasmic) ratio( is|:| of)? (very )?low|\b(abundant|plentiful|ample|lots of|a lot of) cytoplasm|核質比[：:為是]?\s*(很|偏)?低|細胞質(豐富|很多|量多)|大量細胞質/,
		values: ['low']
	},
	// cell size
	{
		attribute: 'cell_size',
		pattern: /\b(large|big) cell\b|\bcell (is |size: |size is )(large|big)\b|細胞大小[：:]\s*大|細胞(很|偏)大|體積(很|偏)?大/,
		values: ['big']
	},
	{
		attribute: 'cell_size',
		pattern: /\bsmall cell\b|\bcell (is |size: |size is )small\b|細胞大小[：:]\s*小|細胞(很|偏)小|體積(很|偏)?小/,
		values: ['small']
	},
	// vacuoles
	{
		attribute: 'cytoplasm_vacuole',
		pattern:
			/(?<!\b(no|without|absent|lacks|lacking|free of)\b[^.,;]{0,15})\bvacuol\w*(?![^.,;]{0,10}\b(absent|none)\b)|(?<!(沒有|無|不見))空泡(?![：:]\s*無)/,
		values: ['yes']
	},
	{
		attribute: 'cytoplasm_vacuole',
		pattern:
			/\b(no|without|absent|lacks|lacking|free of)\b[^.,;]{0,15}vacuol|vacuol\w*[^.,;]{0,10}\b(absent|none)\b|(沒有|無|不見)空泡|空泡[：:]\s*無/,
		values: ['no']
	},
	// cytoplasm texture
	{ attribute: 'cytoplasm_texture', pattern: /\bfrosted\b|\bground[- ]glass\b|霧狀|霧面|毛玻璃/, values: ['frosted'] },
	{
		attribute: 'cytoplasm_texture',
		pattern:
			/\bclear (blue |sky-blue |sky blue |pale )?cytoplasm|\bcytoplasm (is |texture: )clear\b|細胞質質地[：:]\s*清澈|細胞質清澈|清澈的(天?藍色)?細胞質/,
		values: ['clear']
	},
	// granules
	{
		attribute: 'granule_colour',
		pattern:
			/\b(red|orange|orange-red|red-orange|reddish|eosinophilic)\b[^.,;]{0,20}granul|granul\w*[^.,;]{0,12}\b(red|orange|orange-red)\b|granule colou?r: red|橘紅|紅色顆粒|顆粒顏色[：:]\s*紅色|橙色顆粒/,
		values: ['red']
	},
	{
		attribute: 'granule_colour',
		pattern:
			/\b(purple|dark purple|purple-black|black|blue-black|violet|dark blue)\b[^.,;]{0,20}granul|granul\w*[^.,;]{0,12}\b(purple|black|violet)\b|granule colou?r: purple|(?<!淡|粉)紫(黑)?色?顆粒|顆粒顏色[：:]\s*紫色|深紫/,
		values: ['purple']
	},
	{
		attribute: 'granule_colour',
		pattern:
			/\b(pink|pinkish|lilac|salmon|neutrophilic)\b[^.,;]{0,20}granul|granul\w*[^.,;]{0,12}\b(pink|lilac)\b|granule colou?r: pink|粉紅色?顆粒|淡紫色?顆粒|顆粒顏色[：:]\s*粉紅色/,
		values: ['pink']
	},
	{
		attribute: 'granule_type',
		pattern: /\b(coarse|large|big)\b[^.,;]{0,20}granul|granule type: coarse|粗大[^，。；]{0,6}顆粒|顆粒類型[：:]\s*粗大/,
		values: ['coarse', 'round']
	},
	{
		attribute: 'granule_type',
		pattern: /\b(round|spherical|uniform)\b[^.,;]{0,20}granul|granule type: round|圓形?顆粒|大而圓|顆粒類型[：:]\s*圓形/,
		values: ['round']
	},
	{
		attribute: 'granule_type',
		pattern: /\b(fine|small|tiny|dust-like|dust)\b[^.,;]{0,20}granul|granule type: small|細小[^，。；]{0,6}顆粒|顆粒類型[：:]\s*小/,
		values: ['small']
	},
	{
		attribute: 'granularity',
		pattern:
			/\b(has|have|with|contains|shows|full of|packed with|filled with|numerous|many|prominent)\b[^.,;]{0,25}granul|granules: present|(充滿|滿是|有|可見|帶)[^，。；無沒]{0,8}顆粒|顆粒[：:]\s*有/,
		values: ['yes']
	},
	{
		attribute: 'granularity',
		pattern:
			/\b(no|without|lacks|lacking|free of|absent)\b[^.,;]{0,12}granul|\bagranular\b|granules: absent|granul\w* (are |is )?absent|(沒有|無|不見)[^，。；]{0,4}顆粒|顆粒[：:]\s*無/,
		values: ['no']
	}
];
