import { defineMessages } from '../define.ts';

/** The "Check my own image" page (/check) and the classifier's error messages. */
export const check = defineMessages(
	{
		title: 'Check my own image',
		intro:
			'Take a photo of one white cell through the microscope eyepiece, or choose a scanner image, and see which class the teaching model gives it.',
		learningAid:
			'A learning aid, not a diagnosis. The model learned from normal-donor smears on one analyser plus one set of leukaemia blasts. It can be wrong and it cannot recognise cells it never saw. Never use it to report a patient result.',
		privacy: 'Your image stays on this device: it is analysed inside this browser and is never uploaded.',
		chooseFile: 'Choose an image',
		takePhoto: 'Take a photo',
		dropHint: 'or drop an image file here, or paste one (Ctrl+V)',
		framingHint: 'Put one cell in the middle of the picture: only the centre square (outlined) is analysed.',
		modelLoadingCard: 'Loading the model description…',
		modelDownloading: 'Downloading the model: {loaded} of {total}',
		modelDownloadingUnknown: 'Downloading the model: {loaded}',
		modelStarting: 'Starting the model…',
		modelReady: 'Model ready: it recognises {count, plural, one {# class} other {# classes}}.',
		analysing: 'Analysing…',
		imageAlt: 'Your image; the outlined centre square is the part the model analyses',
		cropLabel: 'Analysed area',
		resultHeading: 'What the model sees',
		topClasses: 'Most likely classes',
		className: 'Class',
		probability: 'Probability',
		rank: 'Rank',
		attributesHeading: 'Predicted features',
		attributesNote:
			'Features (WBCAtt attributes) were learned from the five mature types only: neutrophils, eosinophils, basophils, lymphocytes and monocytes. For other cells read them with care.',
		feature: 'Feature',
		value: 'Value',
		confidence: 'Confidence',
		lessonLink: 'Read the lesson on {name}',
		timing: 'Analysed on this device in {ms} ms (decode {decode} ms, model {infer} ms).',
		timingThreads: 'Analysed on this device in {ms} ms (decode {decode} ms, model {infer} ms on {threads} threads).',
		warningsHeading: 'Be careful with this answer',
		warningsExplain:
			'The model always answers with one of the {count} classes it knows, even for a picture of something else (another stain, a smudge, two cells, a blurred or cut-off cell). These signs suggest this picture is unlike the images it learned from, so the answer may mean little.',
		warnLowConfidence: 'Low confidence: the top class has only {p}.',
		warnSpread: 'The probability is spread over several classes (uncertainty {entropy} of the maximum).',
		warnSmall:
			'The picture is small: the analysed square is {side} px across and the model works at {size} px, so it was enlarged and fine detail such as granules is lost.',
		warnNotSquare:
			'The picture is far from square ({width} × {height} px): only the outlined centre square was analysed. Make sure the cell is inside it.',
		noWarnings: 'No warning signs: the picture resembles the training images and the model is confident. It can still be wrong.',
		unfamiliarHeading: 'This picture is unlike the cells the model learned from',
		unfamiliarBody:
			'The model cannot judge it, so it gives no answer. This happens with pictures that are not of one white blood cell (red cells only, a drawing, text, an empty field) or that are very dark, blurred or strangely coloured. Try a sharp photo with one white cell inside the centre square.',
		unfamiliarScore: 'Unfamiliarity {score}; pictures above {threshold} are flagged.',
		unreliableClasses: 'What the model would have said (not reliable)',
		tryAnother: 'Choose another image',
		knownClasses: 'Classes this model knows: {list}.',
		errorEmpty: 'This file is empty.',
		errorNotImage:
			'This file is not an image the browser can read. Use a JPEG, PNG or WebP picture (iPhone HEIC photos: share them as JPEG first).',
		errorTooLarge:
			'This image is too large (the limit is {bytes} and {megapixels} megapixels). Use a smaller photo or crop around the cell.',
		errorModelMissing:
			'The classifier model is not installed in this copy of Leukodex, so images cannot be checked. Everything else in the app works.',
		errorModelDownload: 'The model could not be downloaded. Check the connection to the app’s server and try again.',
		errorModelInvalid:
			'The model file is damaged or does not match its description, so it cannot be used. Everything else in the app works.',
		errorCardInvalid: 'The model description (card.json) is damaged or invalid, so the model cannot be used.',
		errorRuntime:
			'This browser could not start the inference engine (WebAssembly). Try a current version of Chrome, Edge, Firefox or Safari.',
		errorInference: 'The model failed while analysing this image. Try again, or try another image.',
		technicalDetail: 'Technical detail'
	},
	{
		title: '檢查我的影像',
		intro: '透過顯微鏡目鏡拍下一顆白血球，或選擇一張掃描儀影像，看看教學模型把它歸為哪一類。',
		learningAid:
			'這是學習輔助工具，不是診斷。模型是以一台分析儀拍攝的正常捐血者抹片，加上一組白血病芽細胞影像訓練而成。它可能出錯，也無法辨認沒見過的細胞。切勿用於發出病人報告。',
		privacy: '你的影像只留在這台裝置上：在瀏覽器內分析，絕不上傳。',
		chooseFile: '選擇影像',
		takePhoto: '拍照',
		dropHint: '或將影像檔拖放到這裡，或直接貼上（Ctrl+V）',
		framingHint: '讓一顆細胞位於畫面中央：只會分析中央的正方形（有框線標示）。',
		modelLoadingCard: '正在載入模型說明…',
		modelDownloading: '正在下載模型：{loaded}／{total}',
		modelDownloadingUnknown: '正在下載模型：{loaded}',
		modelStarting: '正在啟動模型…',
		modelReady: '模型已就緒：可辨識 {count} 個類別。',
		analysing: '分析中…',
		imageAlt: '你的影像；框線內的中央正方形是模型分析的區域',
		cropLabel: '分析區域',
		resultHeading: '模型的判讀',
		topClasses: '最可能的類別',
		className: '類別',
		probability: '機率',
		rank: '名次',
		attributesHeading: '預測的形態特徵',
		attributesNote:
			'形態特徵（WBCAtt 屬性）只以五種成熟白血球學習：嗜中性球、嗜酸性球、嗜鹼性球、淋巴球與單核球。其他細胞的特徵請審慎解讀。',
		feature: '特徵',
		value: '判讀',
		confidence: '信心',
		lessonLink: '閱讀「{name}」課程',
		timing: '在本裝置上分析耗時 {ms} 毫秒（解碼 {decode} 毫秒，模型 {infer} 毫秒）。',
		timingThreads: '在本裝置上分析耗時 {ms} 毫秒（解碼 {decode} 毫秒，模型以 {threads} 個執行緒 {infer} 毫秒）。',
		warningsHeading: '請審慎看待這個答案',
		warningsExplain:
			'模型一定會從它認識的 {count} 個類別中給出答案，即使影像拍的是別的東西（其他染色、破碎細胞、兩顆細胞、模糊或被裁切的細胞）。以下跡象表示這張影像與訓練影像不同，答案可能沒有意義。',
		warnLowConfidence: '信心偏低：最可能的類別只有 {p}。',
		warnSpread: '機率分散在數個類別（不確定度為最大值的 {entropy}）。',
		warnSmall: '影像太小：分析的正方形寬 {side} 像素，而模型以 {size} 像素運作，影像被放大，顆粒等細節已流失。',
		warnNotSquare: '影像長寬差距大（{width} × {height} 像素）：只分析了框線內的中央正方形，請確認細胞位於框內。',
		noWarnings: '沒有警示：影像與訓練影像相似，且模型有信心。但它仍可能出錯。',
		unfamiliarHeading: '這張影像與模型學過的細胞影像不同',
		unfamiliarBody:
			'模型無法判斷這張影像，因此不提供答案。影像不是單一白血球時（只有紅血球、圖畫、文字、空白視野），或影像過暗、模糊、顏色異常時，就會如此。請拍一張清晰的照片，讓一個白血球位於中央方框內。',
		unfamiliarScore: '陌生程度 {score}；高於 {threshold} 的影像會被標示。',
		unreliableClasses: '模型原本會給的答案（不可靠）',
		tryAnother: '選擇另一張影像',
		knownClasses: '此模型認識的類別：{list}。',
		errorEmpty: '這個檔案是空的。',
		errorNotImage: '瀏覽器無法讀取這個檔案的影像。請使用 JPEG、PNG 或 WebP 影像（iPhone 的 HEIC 照片請先以 JPEG 分享）。',
		errorTooLarge: '影像太大（上限為 {bytes} 及 {megapixels} 百萬像素）。請使用較小的照片，或先裁切細胞周圍。',
		errorModelMissing: '這份 Leukodex 沒有安裝分類模型，因此無法檢查影像。應用程式的其他功能皆可正常使用。',
		errorModelDownload: '無法下載模型。請檢查與應用程式伺服器的連線後重試。',
		errorModelInvalid: '模型檔已損毀或與其說明不符，因此無法使用。應用程式的其他功能皆可正常使用。',
		errorCardInvalid: '模型說明（card.json）已損毀或無效，因此無法使用模型。',
		errorRuntime: '這個瀏覽器無法啟動推論引擎（WebAssembly）。請改用最新版的 Chrome、Edge、Firefox 或 Safari。',
		errorInference: '模型分析這張影像時發生錯誤。請重試，或換一張影像。',
		technicalDetail: '技術細節'
	}
);

/**
 * Readable names for the WBCAtt attributes and their values (the annotators' vocabulary, as in
 * the model card). Values are keyed `v.<value>`; the same word means the same in every attribute.
 */
export const attributeLabels = defineMessages(
	{
		cell_size: 'Cell size',
		cell_shape: 'Cell shape',
		nucleus_shape: 'Nucleus shape',
		nuclear_cytoplasmic_ratio: 'N:C ratio',
		chromatin_density: 'Chromatin',
		cytoplasm_vacuole: 'Cytoplasmic vacuoles',
		cytoplasm_texture: 'Cytoplasm texture',
		cytoplasm_colour: 'Cytoplasm colour',
		granule_type: 'Granule type',
		granule_colour: 'Granule colour',
		granularity: 'Granules',
		'v.big': 'big',
		'v.small': 'small',
		'v.irregular': 'irregular',
		'v.round': 'round',
		'v.segmented-bilobed': 'segmented, two lobes',
		'v.segmented-multilobed': 'segmented, several lobes',
		'v.unsegmented-band': 'not segmented, band',
		'v.unsegmented-indented': 'not segmented, indented',
		'v.unsegmented-round': 'not segmented, round',
		'v.high': 'high',
		'v.low': 'low',
		'v.densely': 'dense',
		'v.loosely': 'loose',
		'v.no': 'absent',
		'v.yes': 'present',
		'v.clear': 'clear',
		'v.frosted': 'frosted',
		'v.blue': 'blue',
		'v.light blue': 'light blue',
		'v.purple blue': 'purple-blue',
		'v.coarse': 'coarse',
		'v.nil': 'none',
		'v.pink': 'pink',
		'v.purple': 'purple',
		'v.red': 'red'
	},
	{
		cell_size: '細胞大小',
		cell_shape: '細胞形狀',
		nucleus_shape: '細胞核形狀',
		nuclear_cytoplasmic_ratio: '核質比',
		chromatin_density: '染色質',
		cytoplasm_vacuole: '細胞質空泡',
		cytoplasm_texture: '細胞質質地',
		cytoplasm_colour: '細胞質顏色',
		granule_type: '顆粒類型',
		granule_colour: '顆粒顏色',
		granularity: '顆粒',
		'v.big': '大',
		'v.small': '小',
		'v.irregular': '不規則',
		'v.round': '圓形',
		'v.segmented-bilobed': '分葉，兩葉',
		'v.segmented-multilobed': '分葉，多葉',
		'v.unsegmented-band': '未分葉，帶狀',
		'v.unsegmented-indented': '未分葉，凹陷',
		'v.unsegmented-round': '未分葉，圓形',
		'v.high': '高',
		'v.low': '低',
		'v.densely': '緻密',
		'v.loosely': '疏鬆',
		'v.no': '無',
		'v.yes': '有',
		'v.clear': '清澈',
		'v.frosted': '霧狀',
		'v.blue': '藍色',
		'v.light blue': '淡藍色',
		'v.purple blue': '紫藍色',
		'v.coarse': '粗大',
		'v.nil': '無',
		'v.pink': '粉紅色',
		'v.purple': '紫色',
		'v.red': '紅色'
	}
);

type AttributeKey = keyof (typeof attributeLabels)['en'];

function isAttributeKey(key: string): key is AttributeKey {
	return Object.hasOwn(attributeLabels.en, key);
}

/** A catalog key for an attribute name from the card, or null if the vocabulary is new to us. */
export function attributeKey(name: string): AttributeKey | null {
	return isAttributeKey(name) ? name : null;
}

/** A catalog key for an attribute value from the card, or null if the vocabulary is new to us. */
export function attributeValueKey(value: string): AttributeKey | null {
	const key = `v.${value}`;
	return isAttributeKey(key) ? key : null;
}
