import { CELL_CLASSES, type CellClassId, type Locale } from '../cells/taxonomy.ts';
import type { AttributeName } from './attributes.ts';

/**
 * "How to tell A from B" for every look-alike pair of the taxonomy, in both languages, written
 * from the lessons' look-alike sections. One entry per unordered pair; `contrastFor(a, b)`
 * serves both directions, so the two directions cannot disagree.
 *
 * - `feature`: what to look at, the deciding feature;
 * - `sides`: what each class shows for that feature (one short clause each);
 * - `attribute`: the WBCAtt attribute that records this feature in an image, where there is one
 *   (its typical values per class are in attributes.ts TYPICAL and must not overlap for the pair);
 * - `tip`: the rule for a cell in between, where the lessons give one;
 * - `lesson`: a phrase that appears verbatim in that class's lesson, in the subsection on the
 *   other class (checked by a test), so the table stays tied to what the lessons teach.
 */
export type Text = Record<Locale, string>;

export interface Contrast {
	pair: readonly [CellClassId, CellClassId];
	feature: Text;
	sides: Partial<Record<CellClassId, Text>>;
	attribute?: AttributeName;
	tip?: Text;
	lesson: { cellClass: CellClassId } & Text;
}

export const CONTRASTS: readonly Contrast[] = [
	{
		pair: ['myeloblast', 'promyelocyte'],
		feature: { en: 'the Golgi zone and the nucleus position', 'zh-TW': '高基氏體區與細胞核位置' },
		sides: {
			myeloblast: {
				en: 'a central or slightly eccentric nucleus, smooth chromatin and no Golgi zone',
				'zh-TW': '細胞核位於中央或稍偏，染色質平滑，沒有高基氏體區'
			},
			promyelocyte: {
				en: 'an eccentric nucleus with a pale Golgi zone beside it and many primary azurophilic granules',
				'zh-TW': '細胞核偏位，旁邊有淡染的高基氏體區，並有大量初級嗜天青顆粒'
			}
		},
		tip: {
			en: 'Granules alone do not decide: a granular blast has granules but no Golgi zone.',
			'zh-TW': '不能只看顆粒：有顆粒的芽細胞並沒有高基氏體區。'
		},
		lesson: { cellClass: 'myeloblast', en: 'a granular blast has granules but no Golgi zone', 'zh-TW': '有顆粒的芽細胞並沒有高基氏體區' }
	},
	{
		pair: ['myeloblast', 'lymphocyte'],
		feature: { en: 'the chromatin texture and nucleoli', 'zh-TW': '染色質質地與核仁' },
		attribute: 'chromatin_density',
		sides: {
			myeloblast: { en: 'fine, smooth chromatin with visible nucleoli', 'zh-TW': '染色質細緻平滑，可見核仁' },
			lymphocyte: { en: 'dense, clumped chromatin and no visible nucleolus', 'zh-TW': '染色質緻密成塊，看不到核仁' }
		},
		tip: { en: 'Compare the chromatin with a lymphocyte in the same field.', 'zh-TW': '與同一視野中的淋巴球比較染色質。' },
		lesson: { cellClass: 'myeloblast', en: 'Blasts have smooth chromatin and nucleoli', 'zh-TW': '芽細胞的染色質平滑且有核仁' }
	},
	{
		pair: ['myeloblast', 'reactive_lymphocyte'],
		feature: { en: 'the amount of cytoplasm (N:C ratio) and the chromatin', 'zh-TW': '細胞質的量（核質比）與染色質' },
		attribute: 'nuclear_cytoplasmic_ratio',
		sides: {
			myeloblast: { en: 'a high N:C ratio, fine smooth chromatin and nucleoli', 'zh-TW': '核質比高，染色質細緻平滑並有核仁' },
			reactive_lymphocyte: {
				en: 'more cytoplasm, blue mostly at the edges, and coarser chromatin',
				'zh-TW': '細胞質較多，藍色集中在邊緣，染色質較粗'
			}
		},
		tip: {
			en: 'Reactive lymphocytes vary from cell to cell; blasts in a leukaemia look alike. If doubt remains, refer the film.',
			'zh-TW': '反應性淋巴球彼此差異大；白血病中的芽細胞彼此相似。仍有疑問時應轉請複閱。'
		},
		lesson: {
			cellClass: 'reactive_lymphocyte',
			en: 'Reactive lymphocytes have more cytoplasm, coarser chromatin',
			'zh-TW': '反應性淋巴球細胞質較多、染色質較粗'
		}
	},
	{
		pair: ['myeloblast', 'monocyte'],
		feature: { en: 'the amount of cytoplasm and the nucleus shape', 'zh-TW': '細胞質的量與細胞核形狀' },
		attribute: 'nuclear_cytoplasmic_ratio',
		sides: {
			myeloblast: {
				en: 'less cytoplasm (high N:C ratio), a round nucleus, very fine chromatin and nucleoli',
				'zh-TW': '細胞質較少（核質比高），細胞核圓，染色質極細緻並有核仁'
			},
			monocyte: {
				en: 'abundant grey-blue cytoplasm and a folded nucleus without an obvious nucleolus',
				'zh-TW': '大量灰藍色細胞質，細胞核有摺痕，沒有明顯核仁'
			}
		},
		lesson: { cellClass: 'monocyte', en: 'A blast has less cytoplasm (high N:C ratio)', 'zh-TW': '芽細胞的細胞質較少（核質比高）' }
	},
	{
		pair: ['promyelocyte', 'myelocyte'],
		feature: { en: 'the cytoplasm colour and granules', 'zh-TW': '細胞質顏色與顆粒' },
		sides: {
			promyelocyte: {
				en: 'blue cytoplasm with coarse red-purple primary granules and usually a nucleolus',
				'zh-TW': '藍色細胞質帶粗大的紅紫色初級顆粒，通常可見核仁'
			},
			myelocyte: {
				en: 'pink-lilac cytoplasm with fine secondary granules and no nucleolus',
				'zh-TW': '淡粉紫色細胞質帶細小的次級顆粒，沒有核仁'
			}
		},
		tip: {
			en: 'A cell with any clear area of pink secondary granulation counts as a myelocyte.',
			'zh-TW': '只要有明確的粉紅色次級顆粒區，就計為骨髓細胞。'
		},
		lesson: {
			cellClass: 'promyelocyte',
			en: 'count a cell with any clear area of pink secondary granulation as a myelocyte',
			'zh-TW': '只要有明確的粉紅色次級顆粒區，就計為骨髓細胞'
		}
	},
	{
		pair: ['promyelocyte', 'monocyte'],
		feature: { en: 'the granules and the nucleus', 'zh-TW': '顆粒與細胞核' },
		sides: {
			promyelocyte: {
				en: 'coarse granules and a round, eccentric nucleus with a Golgi zone beside it',
				'zh-TW': '顆粒粗大，細胞核圓且偏位，旁邊有高基氏體區'
			},
			monocyte: {
				en: 'very fine, dust-like granules in grey-blue cytoplasm and a folded nucleus',
				'zh-TW': '灰藍色細胞質中極細如粉塵的顆粒，細胞核有摺痕'
			}
		},
		lesson: { cellClass: 'promyelocyte', en: "A promyelocyte's granules are coarse", 'zh-TW': '前骨髓細胞的顆粒粗大' }
	},
	{
		pair: ['myelocyte', 'metamyelocyte'],
		feature: { en: 'the nucleus shape: is there an indentation?', 'zh-TW': '細胞核形狀：是否有凹陷' },
		attribute: 'nucleus_shape',
		sides: {
			myelocyte: {
				en: 'a round or oval nucleus, not indented (it may be flat on one side)',
				'zh-TW': '細胞核圓形或橢圓形，沒有凹陷（可能一側扁平）'
			},
			metamyelocyte: {
				en: 'an indented, kidney-shaped nucleus, the indentation less than half the width of the imagined round nucleus',
				'zh-TW': '細胞核有凹陷、呈腎形，凹陷深度小於假想圓形細胞核寬度的一半'
			}
		},
		tip: { en: 'As soon as there is a definite indentation, call it a metamyelocyte.', 'zh-TW': '一旦出現明確凹陷，就計為後骨髓細胞。' },
		lesson: {
			cellClass: 'metamyelocyte',
			en: 'As soon as there is a definite indentation, call it a metamyelocyte',
			'zh-TW': '一旦出現明確凹陷，就計為後骨髓細胞'
		}
	},
	{
		pair: ['myelocyte', 'monocyte'],
		feature: { en: 'the cytoplasm and the nucleus', 'zh-TW': '細胞質與細胞核' },
		attribute: 'granularity',
		sides: {
			myelocyte: {
				en: 'pink-lilac cytoplasm with specific granules and a round, eccentric nucleus',
				'zh-TW': '帶特異顆粒的淡粉紫色細胞質，細胞核圓且偏位'
			},
			monocyte: {
				en: 'grey-blue, often vacuolated cytoplasm with only dust-fine granules and a folded nucleus',
				'zh-TW': '灰藍色、常有空泡的細胞質，只有細如粉塵的顆粒，細胞核有摺痕'
			}
		},
		lesson: {
			cellClass: 'myelocyte',
			en: "The myelocyte's cytoplasm is pink-lilac with specific granules",
			'zh-TW': '骨髓細胞的細胞質是帶特異顆粒的淡粉紫色'
		}
	},
	{
		pair: ['metamyelocyte', 'band_neutrophil'],
		feature: { en: 'how deep the indentation of the nucleus is', 'zh-TW': '細胞核凹陷的深度' },
		attribute: 'nucleus_shape',
		sides: {
			metamyelocyte: {
				en: 'a kidney-shaped nucleus indented less than half the width of the imagined round nucleus',
				'zh-TW': '腎形細胞核，凹陷小於假想圓形細胞核寬度的一半'
			},
			band_neutrophil: {
				en: 'an indentation past half, leaving a curved band of fairly even thickness (C, U or S)',
				'zh-TW': '凹陷超過一半，細胞核成為寬度大致一致的彎曲帶狀（C、U 或 S 形）'
			}
		},
		tip: {
			en: 'A cell right at the threshold is classified as the more mature form (band).',
			'zh-TW': '剛好落在判定界線上的細胞，歸為較成熟的型態（帶狀）。'
		},
		lesson: {
			cellClass: 'metamyelocyte',
			en: 'A cell right at the threshold is classified as the more mature form',
			'zh-TW': '剛好落在判定界線上的細胞，歸為較成熟的型態'
		}
	},
	{
		pair: ['metamyelocyte', 'monocyte'],
		feature: { en: 'the chromatin and the cytoplasm', 'zh-TW': '染色質與細胞質' },
		attribute: 'granularity',
		sides: {
			metamyelocyte: {
				en: 'dark, clumped chromatin and pink-lilac cytoplasm with secondary granules',
				'zh-TW': '染色質深色成塊，細胞質為帶次級顆粒的淡粉紫色'
			},
			monocyte: { en: 'lacy chromatin and grey-blue cytoplasm, often with vacuoles', 'zh-TW': '染色質呈花邊狀，細胞質灰藍色，常有空泡' }
		},
		lesson: { cellClass: 'metamyelocyte', en: 'Decide on chromatin and cytoplasm', 'zh-TW': '請依染色質與細胞質判斷' }
	},
	{
		pair: ['band_neutrophil', 'segmented_neutrophil'],
		feature: { en: 'the narrowest point of the nucleus (ICSH one-third rule)', 'zh-TW': '細胞核最窄處（ICSH 三分之一規則）' },
		attribute: 'nucleus_shape',
		sides: {
			band_neutrophil: {
				en: 'no part of the nucleus narrows below one-third of the width of its widest part',
				'zh-TW': '細胞核沒有任何一處窄於最寬處寬度的三分之一'
			},
			segmented_neutrophil: {
				en: 'lobes joined by a thin filament, or a constriction narrower than one-third of the widest part of the nucleus',
				'zh-TW': '各葉以細絲相連，或有寬度小於細胞核最寬處三分之一的縮窄'
			}
		},
		tip: {
			en: 'If you still cannot decide, call it segmented (the more mature form).',
			'zh-TW': '仍無法判定時，歸為分葉（較成熟的型態）。'
		},
		lesson: { cellClass: 'band_neutrophil', en: 'If you still cannot decide, call it segmented', 'zh-TW': '仍無法判定時，歸為分葉' }
	},
	{
		pair: ['segmented_neutrophil', 'eosinophil'],
		feature: { en: 'the granules', 'zh-TW': '顆粒' },
		attribute: 'granule_colour',
		sides: {
			segmented_neutrophil: { en: 'fine, lilac granules spread evenly', 'zh-TW': '細小、淡紫色、均勻分布的顆粒' },
			eosinophil: {
				en: 'large, round, uniform orange-red granules filling the cytoplasm, usually two nuclear lobes',
				'zh-TW': '大而圓、大小一致的橘紅色顆粒充滿細胞質，細胞核通常兩葉'
			}
		},
		tip: {
			en: 'Toxic granulation makes neutrophil granules darker and coarser, but never orange.',
			'zh-TW': '毒性顆粒會讓嗜中性球顆粒變深變粗，但不會是橘色。'
		},
		lesson: { cellClass: 'segmented_neutrophil', en: 'still not orange', 'zh-TW': '但仍不是橘色' }
	},
	{
		pair: ['eosinophil', 'basophil'],
		feature: { en: 'the granule colour and whether they hide the nucleus', 'zh-TW': '顆粒顏色，以及是否遮住細胞核' },
		attribute: 'granule_colour',
		sides: {
			eosinophil: { en: 'orange-red, uniform granules that leave the nucleus visible', 'zh-TW': '橘紅色、大小一致的顆粒，細胞核清晰可見' },
			basophil: {
				en: 'dark purple to black granules of uneven size lying over the nucleus',
				'zh-TW': '深紫至黑色、大小不一的顆粒，覆蓋在細胞核上'
			}
		},
		lesson: {
			cellClass: 'eosinophil',
			en: "An eosinophil's granules are orange-red, uniform and leave the nucleus visible",
			'zh-TW': '嗜酸性球的顆粒為橘紅色、大小一致，細胞核清晰可見'
		}
	},
	{
		pair: ['basophil', 'segmented_neutrophil'],
		feature: { en: 'the size and colour of the granules', 'zh-TW': '顆粒的大小與顏色' },
		attribute: 'granule_type',
		sides: {
			basophil: { en: 'coarse purple-black granules that obscure the nucleus', 'zh-TW': '粗大的紫黑色顆粒，遮住細胞核' },
			segmented_neutrophil: {
				en: 'fine lilac granules and a clearly visible segmented nucleus',
				'zh-TW': '細小的淡紫色顆粒，分葉的細胞核清楚可見'
			}
		},
		tip: {
			en: 'Toxic granulation darkens neutrophil granules, but they stay small, evenly spread, and do not hide the nucleus.',
			'zh-TW': '毒性顆粒會讓嗜中性球顆粒變深，但顆粒仍小、分布均勻，不會遮住細胞核。'
		},
		lesson: { cellClass: 'basophil', en: 'they do not obscure the nucleus', 'zh-TW': '不會遮住細胞核' }
	},
	{
		pair: ['basophil', 'lymphocyte'],
		feature: { en: 'granules over the nucleus and cytoplasm', 'zh-TW': '覆蓋細胞核與細胞質的顆粒' },
		attribute: 'granularity',
		sides: {
			basophil: { en: 'coarse purple-black granules over the nucleus and cytoplasm', 'zh-TW': '細胞核與細胞質上有粗大的紫黑色顆粒' },
			lymphocyte: { en: 'clear sky-blue cytoplasm, at most a few fine granules', 'zh-TW': '清澈的天藍色細胞質，最多只有少數細小顆粒' }
		},
		tip: {
			en: 'Look for the dark granules before calling a small round cell a lymphocyte.',
			'zh-TW': '把小圓細胞判為淋巴球之前，先找找看有沒有深色顆粒。'
		},
		lesson: {
			cellClass: 'lymphocyte',
			en: 'Look for the dark granules before calling a small round cell a lymphocyte',
			'zh-TW': '在把小圓細胞判為淋巴球之前，先找找看有沒有深色顆粒'
		}
	},
	{
		pair: ['monocyte', 'reactive_lymphocyte'],
		feature: { en: 'the cytoplasm', 'zh-TW': '細胞質' },
		attribute: 'cytoplasm_texture',
		sides: {
			monocyte: {
				en: 'grey-blue, dull ("ground glass") cytoplasm with fine granules and vacuoles, a folded nucleus with lacy chromatin',
				'zh-TW': '灰藍、霧面（毛玻璃樣）的細胞質，帶細顆粒與空泡，細胞核有摺痕、染色質呈花邊狀'
			},
			reactive_lymphocyte: {
				en: 'clear blue cytoplasm, darker at the edges where it flows around red cells, and coarser chromatin',
				'zh-TW': '清澈的藍色細胞質，包覆紅血球的邊緣較深，染色質較粗'
			}
		},
		tip: {
			en: 'When many cells are in question, compare with the obvious monocytes and lymphocytes on the same film.',
			'zh-TW': '若有許多細胞難以判定，請與同一張抹片上典型的單核球和淋巴球比較。'
		},
		lesson: { cellClass: 'monocyte', en: 'Decide on the cytoplasm', 'zh-TW': '請依細胞質判斷' }
	},
	{
		pair: ['lymphocyte', 'reactive_lymphocyte'],
		feature: { en: 'the cell size and amount of cytoplasm', 'zh-TW': '細胞大小與細胞質的量' },
		attribute: 'cell_size',
		sides: {
			lymphocyte: {
				en: 'small and regular, dense chromatin, a thin rim of pale blue cytoplasm',
				'zh-TW': '小而規則，染色質緻密，只有薄薄一圈淡藍色細胞質'
			},
			reactive_lymphocyte: {
				en: 'larger, with more cytoplasm that is deeper blue at the edges and indented by red cells',
				'zh-TW': '較大、細胞質較多，邊緣呈較深的藍色，並被紅血球壓出凹痕'
			}
		},
		tip: {
			en: 'A large lymphocyte without these features is normal, not reactive.',
			'zh-TW': '沒有這些特徵的大淋巴球是正常細胞，不算反應性。'
		},
		lesson: {
			cellClass: 'lymphocyte',
			en: 'Large lymphocytes without these features are normal, not reactive',
			'zh-TW': '沒有上述特徵的大淋巴球是正常細胞，不算反應性'
		}
	},
	{
		pair: ['lymphocyte', 'erythroblast'],
		feature: { en: 'the cytoplasm colour and the nucleus', 'zh-TW': '細胞質顏色與細胞核' },
		attribute: 'cytoplasm_colour',
		sides: {
			lymphocyte: {
				en: 'clear sky-blue cytoplasm and chromatin with a clumped texture',
				'zh-TW': '清澈的天藍色細胞質，染色質可見塊狀紋理'
			},
			erythroblast: {
				en: 'cytoplasm coloured like the red cells around it and a very dark, solid, often eccentric nucleus',
				'zh-TW': '細胞質與周圍紅血球同色，細胞核非常深染、實心，常偏位'
			}
		},
		lesson: { cellClass: 'erythroblast', en: 'Compare the cytoplasm colour', 'zh-TW': '比較細胞質顏色' }
	},
	{
		pair: ['platelet', 'giant_platelet'],
		feature: { en: 'the size, measured against the red cells in the same field', 'zh-TW': '大小，以同一視野的紅血球為尺度' },
		sides: {
			platelet: { en: '1.5–3 µm, well under half the diameter of a red cell', 'zh-TW': '1.5–3 µm，遠小於紅血球直徑的一半' },
			giant_platelet: {
				en: 'as large as or larger than a normal red cell (over about 7 µm)',
				'zh-TW': '與正常紅血球一樣大或更大（大於約 7 µm）'
			}
		},
		tip: { en: 'Platelets in between are large platelets.', 'zh-TW': '介於兩者之間的是大型血小板。' },
		lesson: { cellClass: 'giant_platelet', en: 'Only size separates them', 'zh-TW': '兩者只以大小區分' }
	},
	{
		pair: ['giant_platelet', 'lymphocyte'],
		feature: { en: 'whether there is a nucleus', 'zh-TW': '是否有細胞核' },
		sides: {
			giant_platelet: {
				en: 'a centre of separate purple granules with no nuclear membrane or chromatin pattern',
				'zh-TW': '中央由一顆顆分開的紫色顆粒組成，沒有核膜也沒有染色質紋理'
			},
			lymphocyte: {
				en: 'a nuclear membrane, clumped chromatin and a rim of clear blue cytoplasm',
				'zh-TW': '有核膜與塊狀染色質，外圍一圈清澈的藍色細胞質'
			}
		},
		lesson: { cellClass: 'giant_platelet', en: 'Look for a nucleus', 'zh-TW': '請尋找細胞核' }
	},
	{
		pair: ['smudge_cell', 'lymphocyte'],
		feature: { en: 'whether the cell is intact', 'zh-TW': '細胞是否完整' },
		sides: {
			smudge_cell: { en: 'no cytoplasm and a smeared, structureless nucleus', 'zh-TW': '沒有細胞質，細胞核被抹開而無結構' },
			lymphocyte: {
				en: 'a sharp nuclear outline, clumped chromatin and a rim of blue cytoplasm',
				'zh-TW': '清楚的核膜輪廓、塊狀染色質與一圈藍色細胞質'
			}
		},
		lesson: {
			cellClass: 'smudge_cell',
			en: 'no cytoplasm and a smeared, structureless nucleus',
			'zh-TW': '沒有細胞質，細胞核被抹開而無結構'
		}
	},
	{
		pair: ['smudge_cell', 'erythroblast'],
		feature: { en: 'whether the cell is intact', 'zh-TW': '細胞是否完整' },
		sides: {
			smudge_cell: { en: 'pale and spread out, with no cytoplasm', 'zh-TW': '淡染、攤開，沒有細胞質' },
			erythroblast: {
				en: 'an intact cell with a compact, very dense round nucleus and a rim of cytoplasm coloured like the red cells',
				'zh-TW': '完整的細胞，有緊實、非常緻密的圓形細胞核，外圍一圈與紅血球同色的細胞質'
			}
		},
		lesson: {
			cellClass: 'smudge_cell',
			en: 'A smudge cell is pale and spread out with no cytoplasm',
			'zh-TW': '破碎細胞則淡染、攤開，沒有細胞質'
		}
	}
];

const pairKey = (a: CellClassId, b: CellClassId) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const byPair = new Map(CONTRASTS.map((c) => [pairKey(c.pair[0], c.pair[1]), c]));

/** How to tell `a` from `b` (either order), or undefined if the pair is not a look-alike pair. */
export function contrastFor(a: CellClassId, b: CellClassId): Contrast | undefined {
	return a === b ? undefined : byPair.get(pairKey(a, b));
}

/** Every ordered pair (a, b) where b is one of a's look-alikes in the taxonomy, plus the reverse. */
export function lookAlikePairs(): [CellClassId, CellClassId][] {
	const pairs = new Map<string, [CellClassId, CellClassId]>();
	for (const c of CELL_CLASSES) {
		for (const other of c.lookAlikes) {
			pairs.set(`${c.id}|${other}`, [c.id, other]);
			pairs.set(`${other}|${c.id}`, [other, c.id]);
		}
	}
	return [...pairs.values()];
}
