import { defineMessages } from '../define.ts';

/** The model page's sections on other laboratories' pictures and on unfamiliar images. */
export const robustness = defineMessages(
	{
		heading: 'Pictures from other laboratories',
		intro:
			'Every laboratory stains, magnifies and photographs a little differently. To see how the model copes, the test images were changed the way another lab’s pictures differ, and the model was asked again. {n} test images per change.',
		notMeasured: 'Not measured yet for this model (npm run eval:robustness).',
		change: 'Change to the picture',
		right: 'Right',
		wronglyBlast: 'Wrongly called a blast',
		flagged: 'Marked unfamiliar',
		heldOut:
			'{n} segmented neutrophils from the Munich laboratory (Matek), which the model never saw in training: {neutrophil} were called neutrophils and {blast} myeloblasts; {flagged} were marked unfamiliar.',
		worst: 'Hardest change: {what}, where the model was right on {accuracy} of cells.',
		unfamiliarHeading: 'When the model says “I cannot judge this picture”',
		unfamiliarRule:
			'For every picture the model also measures how far it lies from all the cells it learned from. If it lies farther than {share} of ordinary white cells in the validation set do, even after the changes above, the picture is marked unfamiliar and no answer is shown as the model’s.',
		unfamiliarRuleEnergy:
			'For every picture the model also measures how sure it is that the picture shows any of its cell types at all. It was also trained on pictures that are not white cells (noise, drawings, text, red cells only), so that it learns to be unsure of them. If it is less sure than for {share} of ordinary white cells in the validation set, even after the changes above, the picture is marked unfamiliar and no answer is shown as the model’s.',
		unfamiliarRuleBoth:
			'For every picture the model also measures two things: how far the picture lies from all the cells it learned from, and how sure it is that the picture shows any of its cell types at all (it was also trained on pictures that are not white cells, so that it learns to be unsure of them). If either is beyond what {share} of ordinary white cells in the validation set give, even after the changes above, the picture is marked unfamiliar and no answer is shown as the model’s.',
		unfamiliarFigures:
			'Of {n} pictures that are not a white cell (noise, plain fields, drawings, text, red cells only), {flagged} were marked unfamiliar. Of the ordinary test cells, {test} were marked.',
		unfamiliarLimits:
			'An unmarked picture is not a guarantee: a cell type the model was never taught (for example a plasma cell or a hairy cell) can look familiar enough and still get a wrong name.'
	},
	{
		heading: '來自其他實驗室的影像',
		intro:
			'每個實驗室的染色、放大倍率與拍攝方式都略有不同。為了解模型能否應付，我們把測試影像改成其他實驗室影像常見的樣子，再請模型判讀一次。每種變化使用 {n} 張測試影像。',
		notMeasured: '這個模型尚未測量（npm run eval:robustness）。',
		change: '影像的變化',
		right: '答對',
		wronglyBlast: '誤判為芽細胞',
		flagged: '標示為陌生',
		heldOut:
			'來自慕尼黑實驗室（Matek）的 {n} 個分葉核嗜中性球，模型在訓練時從未見過：{neutrophil} 被判為嗜中性球，{blast} 被判為骨髓芽細胞；{flagged} 被標示為陌生。',
		worst: '最難的變化：{what}，模型答對 {accuracy} 的細胞。',
		unfamiliarHeading: '當模型表示「我無法判斷這張影像」',
		unfamiliarRule:
			'模型對每張影像也會測量它與所有學過的細胞相距多遠。如果距離超過驗證集中 {share} 的一般白血球（即使經過上述變化），這張影像就會被標示為陌生，且不會顯示為模型的答案。',
		unfamiliarRuleEnergy:
			'模型對每張影像也會測量它有多確定影像中是它認得的任何一種細胞。訓練時也給它看過不是白血球的影像（雜訊、圖畫、文字、只有紅血球），讓它學會對這些影像不確定。如果它的確定程度低於驗證集中 {share} 的一般白血球（即使經過上述變化），這張影像就會被標示為陌生，且不會顯示為模型的答案。',
		unfamiliarRuleBoth:
			'模型對每張影像也會測量兩件事：影像與所有學過的細胞相距多遠，以及它有多確定影像中是它認得的任何一種細胞（訓練時也給它看過不是白血球的影像，讓它學會對這些影像不確定）。只要其中一項超出驗證集中 {share} 的一般白血球（即使經過上述變化），這張影像就會被標示為陌生，且不會顯示為模型的答案。',
		unfamiliarFigures:
			'在 {n} 張不是白血球的影像中（雜訊、單色畫面、圖畫、文字、只有紅血球），有 {flagged} 被標示為陌生。一般測試細胞中則有 {test} 被標示。',
		unfamiliarLimits: '沒有被標示並不代表一定可靠：模型從未學過的細胞種類（例如漿細胞或毛細胞）可能看起來夠熟悉，卻仍被判錯。'
	}
);

/** Plain-language names of the benchmark's changes (scripts/lib/shifts.ts ids). */
export const shiftNames = defineMessages(
	{
		none: 'None (as scanned)',
		'stain-matek': 'Stained as in the Munich lab',
		'stain-pale': 'Pale, under-stained',
		'stain-blue': 'Too blue (over-stained)',
		'stain-pink': 'Too pink (acidic stain)',
		'scale-0.7': 'Lower magnification',
		'scale-1.4': 'Higher magnification',
		'camera-lowres': 'Low-resolution camera',
		'focus-blur': 'Out of focus',
		'jpeg-q30': 'Strong JPEG compression',
		'framing-offcentre': 'Cell off centre',
		illumination: 'Warm, uneven light'
	},
	{
		none: '無（原始掃描）',
		'stain-matek': '慕尼黑實驗室的染色',
		'stain-pale': '偏淡、染色不足',
		'stain-blue': '偏藍（染色過度）',
		'stain-pink': '偏粉紅（酸性染色）',
		'scale-0.7': '較低放大倍率',
		'scale-1.4': '較高放大倍率',
		'camera-lowres': '低解析度相機',
		'focus-blur': '失焦',
		'jpeg-q30': '高度 JPEG 壓縮',
		'framing-offcentre': '細胞不在中央',
		illumination: '偏暖、不均勻的光線'
	}
);
