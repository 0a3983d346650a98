import { defineMessages } from '../define.ts';

/**
 * The grounded explanation's sentence templates (src/lib/explain/explanation.ts fills them from
 * facts). {name}/{other}: cell class names ({aName}/{aOther}: with the English article; in Chinese the
 * bare name); {feature}: a lesson feature label; {text}: lesson or
 * contrast-table text; {attribute}/{value}: WBCAtt attribute and value labels; {p}: a percentage.
 */
export const explainText = defineMessages(
	{
		heading: 'Why',
		leadRight: 'What makes this {aName}',
		leadWrong: 'How to tell {aName} from {aOther}',
		leadModel: 'What makes a cell {aName} (the classifier’s answer, not a verified label)',
		keyFeature: '{feature} — {aName} typically has: {text}.',
		lookAt: 'Look at {feature}.',
		side: '{name}: {text}.',
		tip: '{text}',
		noContrast: '{name} and {other} are not a listed look-alike pair; compare them feature by feature.',
		sideFeature: '{name} — {feature}: {text}.',
		imageExpert: 'In this image the expert annotators recorded {attribute}: {value}',
		imageModel: 'In this image the classifier estimates {attribute}: {value} ({p} confidence)',
		asExpected: ', as expected for {aName}.',
		moreLike: ', which is the usual look of {aOther}; the class label and the attributes were annotated separately and differ here.',
		notTypical: ', which is not the usual look of {aName}.',
		plain: '.',
		noImageFacts: 'No morphology annotation is available for this image, so only the class’s key features are given.',
		noAttributeHeads: 'The classifier’s feature estimates are not used for this class: they were learned from the five mature types only.',
		runnerUp: 'The classifier’s second choice was {other} ({p}).',
		source: 'From the lessons, the look-alike table and this image’s annotation.',
		// lesson feature labels
		'f.size_um': 'Size',
		'f.nc_ratio': 'N:C ratio',
		'f.nucleus_shape': 'Nucleus',
		'f.chromatin': 'Chromatin',
		'f.nucleoli': 'Nucleoli',
		'f.cytoplasm_colour': 'Cytoplasm',
		'f.granules': 'Granules',
		'f.normal_in_adult_blood': 'In normal adult blood'
	},
	{
		heading: '原因',
		leadRight: '為什麼這是{aName}',
		leadWrong: '如何區分{aName}與{aOther}',
		leadModel: '{aName}的判定要點（這是分類模型的答案，不是已確認的標籤）',
		keyFeature: '{feature}——{aName}的典型表現：{text}。',
		lookAt: '請看{feature}。',
		side: '{name}：{text}。',
		tip: '{text}',
		noContrast: '{name}與{other}不在相似細胞對照表中；請逐項比較兩者的特徵。',
		sideFeature: '{name}——{feature}：{text}。',
		imageExpert: '這張影像的專家註記為{attribute}：{value}',
		imageModel: '分類模型估計這張影像的{attribute}為：{value}（信心 {p}）',
		asExpected: '，符合{aName}的表現。',
		moreLike: '，較常見於{aOther}；類別標籤與形態特徵是分別註記的，兩者在此不一致。',
		notTypical: '，與{aName}的常見表現不同。',
		plain: '。',
		noImageFacts: '這張影像沒有形態特徵註記，因此只列出該類別的主要特徵。',
		noAttributeHeads: '此類別不使用分類模型估計的形態特徵：這些特徵只以五種成熟白血球學習。',
		runnerUp: '分類模型的第二選擇是{other}（{p}）。',
		source: '依據課程內容、相似細胞對照表與這張影像的註記。',
		'f.size_um': '大小',
		'f.nc_ratio': '核質比',
		'f.nucleus_shape': '細胞核',
		'f.chromatin': '染色質',
		'f.nucleoli': '核仁',
		'f.cytoplasm_colour': '細胞質',
		'f.granules': '顆粒',
		'f.normal_in_adult_blood': '正常成人血液中'
	}
);
