import { defineMessages } from '../define.ts';

/** The model page (/model): the classifier's model card in plain words. */
export const model = defineMessages(
	{
		// the plain-language top of the page
		plainHeading: 'In short',
		plainRight: 'On {n} test images it never saw in training, it named the right cell type {accuracy} of the time: about {tens} in 10.',
		plainOnWhat: 'It knows these cell types, from single-cell images of May–Grünwald–Giemsa smears: {classes}.',
		plainWeakHeading: 'Where it goes wrong most',
		plainWeakLine: '{name}: found {recall} of the time',
		plainMistakeLine: '{trueName} taken for {answeredName}: {count} of {total} ({share})',
		plainExpertsDisagree:
			'{a} or {b}: experts disagree here too. Two groups of experts who judged the same {images} cells agreed on {experts} of them; on these two types the model agrees with the dataset’s experts {model} of the time.',
		plainTrustHeading: 'When not to trust it',
		plainTrustStain:
			'Images from another microscope, stain or a phone camera: it learned almost only from one analyser’s images and will be wrong more often.',
		plainTrustClasses:
			'Cells it does not know (reactive lymphocytes, smudge cells, giant platelets, anything abnormal): it still answers with one of its types.',
		plainTrustLow: 'A low confidence, or two types close together: look again yourself.',
		plainTrustDiagnosis: 'Never for a diagnosis or a patient report: it is a learning aid.',
		engineersSummary: 'For engineers: architecture, metrics, training data and augmentation',
		generatorTitle: 'Synthetic images',
		generatorIntro:
			'Leukodex has its own generator of synthetic cell images (trained {minutes} minutes on the training images, {size} × {size} pixels, shown larger). A cell type’s generated images are used only when, taken together, they come close to real ones (the table below); of those, only images this model names as their intended cell type with 90% confidence or more, and that are not near-copies of a training image, reach the bank. Drills mark them in the feedback.',
		generatorInBank:
			'{count, plural, =0 {The question bank has no synthetic images yet: no cell type’s generated images come close enough to real ones.} one {The question bank has # synthetic image.} other {The question bank has # synthetic images.}}',
		generatorRealismOnly:
			'{count, plural, one {One more synthetic image, of a cell type whose generated images are not close enough yet, is shown only in “Real or synthetic?”, never in drills.} other {# more synthetic images, of cell types whose generated images are not close enough yet, are shown only in “Real or synthetic?”, never in drills.}}',
		generatorRealismLink: 'Judge them yourself',
		generatorTruncation:
			'Images are drawn from the middle of the generator’s range (the “truncation trick”, bound {bound}): they look more like typical cells and less varied. The figures in the table and the question bank’s images are drawn the same way.',
		generatorAgreement: 'This model names the intended cell type for {share} of all generated images (for real test images: {real}).',
		generatorDistance:
			'Distance from real images (lower is closer; the model’s features, not the FID of the literature): {value}. Two halves of the real test images are {floor} apart, so anything near that is as close as real cells get.',
		generatorCopies:
			'Copies: a generated image’s nearest training image is typically {value} away (a real test image’s: {real}); {copies, plural, =0 {none} one {# image} other {# images}} closer than 99% of real test images are.',
		generatorClass: 'Cell type',
		generatorTableLabel: 'Synthetic images by cell type',
		generatorAgreementColumn: 'Named as intended',
		generatorDistanceColumn: 'Distance (real floor)',
		generatorSecondColumn: 'In a second network (real floor)',
		generatorSecond:
			'Distances are measured again in a second network’s features: the classifier of 2 December 2026, trained from scratch on these cells, which shares no weights with this model or with the generator’s judge. Drills use a cell type’s generated images only if, in both networks, they are within 4 times the real floor and this model names at least 80% of them as that type.',
		generatorCopyColumn: 'Nearest training image (real)',
		generatorLobesColumn: 'Nucleus in 2+ pieces (real)',
		generatorLobes:
			'“Nucleus in 2+ pieces” looks at the pixels only, with no network: the share of images whose nucleus falls apart into separate pieces once the thinnest parts (under about 1.2 µm, such as the strands between lobes) are taken away. Real segmented neutrophils do in about three of four images, real bands in about one of three; a generator that draws segmented neutrophils as bands scores low here.',
		generatorHolesColumn: 'Nucleus around a pale hole (real)',
		generatorHowMeasured: 'How these figures are measured',
		generatorHalvings:
			'Each cell type’s distance and real floor in the table are the middle values over {count} random halvings of its real test images: with about 100 images a half, one halving’s floor can be ten times another’s. The validation images, a second set of real cells the generator never saw, give floors up to five times apart from these for the same type, so drills use a type’s generated images only if it passes on both sets.',
		generatorHoles:
			'“Nucleus around a pale hole” also looks at the pixels only: the share of images whose nucleus encloses a pale area of at least 2 µm², as a ring-shaped nucleus does. Both networks can take such a ring for a band neutrophil, so drills use a cell type’s generated images only if this share is at most 15 points above real cells’. Granules and folded nuclei enclose pale gaps too, so eosinophils, basophils, promyelocytes and monocytes score high here, real or not.',
		generatorCompared:
			'Each cell type is compared with real test images from the laboratories the generator learnt it from: segmented neutrophils with Barcelona’s only (the drills also show Munich’s, which the generator never saw).',
		title: 'The model',
		intro:
			'The classifier behind “Check my image” and the model comparisons in Progress: what it is, what it learned from and how well it does on images it never saw in training.',
		loading: 'Loading the model card…',
		cardMissing:
			'No classifier model is installed in this copy of Leukodex, so there is no model card to show. Everything else in the app works.',
		cardUnreachable: 'The model card could not be downloaded. Check the connection to the app’s server and try again.',
		cardInvalid: 'The model card (card.json) is damaged or invalid, so it cannot be shown.',
		technicalDetail: 'Technical detail',

		whatHeading: 'What it is',
		whatText:
			'A small convolutional network that runs inside your browser. Given one cell image it gives a probability for each of its {count} classes and predicts {attributes} morphological features (WBCAtt attributes).',
		fieldName: 'Name',
		fieldCreated: 'Trained',
		fieldArchitecture: 'Architecture',
		fieldInput: 'Input',
		inputText: 'centre square of the image, resized to {size} × {size} px',
		fieldFile: 'Download size',
		fieldTemperature: 'Calibration temperature',
		fieldClasses: 'Classes',

		resultsHeading: 'How well it does (test split)',
		resultsIntro:
			'Measured on {n} test images held out from training by a fixed split of each dataset (the same images that make up the drill bank).',
		accuracy: 'Accuracy',
		accuracyHelp: 'share of test images whose top class is the true class',
		macroF1: 'Macro-F1',
		macroF1Help: 'F1 averaged over classes, so rare classes count as much as common ones',
		ece: 'Calibration error (ECE)',
		eceHelp: 'average gap between stated confidence and actual accuracy; lower is better',
		meanAttribute: 'Feature accuracy',
		meanAttributeHelp: 'mean accuracy over the 11 WBCAtt attributes, on images that have them',
		notMeasured: 'not measured',
		matekHeading: 'Same-stain check',
		matekText:
			'{count} of {n} segmented neutrophils from the leukaemia (AML) image set ({rate}) were called neutrophils. All the blasts come from that set, so a low figure would mean the model had learned “this stain means blast”.',
		labProbeText:
			'Can the model tell which laboratory a cell came from? A test on the features it decides from guessed the laboratory of {n} segmented neutrophils (half from each) right {rate} of the time (50% would be pure guessing).',
		labProbeBefore:
			'Before the step that removes what differs between the two laboratories’ neutrophils, the same test guessed right {rate}, and {count} of these {n} neutrophils were called neutrophils.',
		matekTrainedOthers:
			'None of these {n} was used in training. {others} other neutrophils from that set were, next to {pbc} from the main set, while a second part of the model tried to tell the two laboratories apart and the model was trained to defeat it: so it learns the cell, not the stain.',

		perClassHeading: 'Per class',
		colClass: 'Class',
		colPrecision: 'Precision',
		colRecall: 'Recall',
		colF1: 'F1',
		colSupport: 'Test images',
		perClassHelp:
			'Precision: of the cells the model called this class, the share that were. Recall: of the cells of this class, the share it found.',

		confusionHeading: 'Confusion matrix (test split)',
		confusionHelp: 'Rows are the true class, columns the model’s answer; the diagonal is correct.',
		confusionAxis: 'Model’s answer',
		confusionLabel: 'Confusion matrix of the model on the test split',
		confusionPick: '{count} of {total} {trueName} test images ({share}) were called {answeredName}.',
		confusionPickCorrect: '{count} of {total} {trueName} test images ({share}) were recognised correctly.',

		groupedHeading: 'Images labelled only as a group',
		groupedText: 'Some dataset images name a group, not a stage. The model must answer with one class of that group:',
		groupedRow: '{label} ({n, plural, one {# image} other {# images}}): {predicted}',
		groupImmature: 'Immature granulocyte (stage not given)',
		groupNeutrophil: 'Neutrophil (band or segmented not given)',

		attributeHeading: 'Features (WBCAtt attributes)',
		attributeHelp: 'Accuracy per attribute on test images annotated by WBCAtt (the five mature white cell types).',
		colAttribute: 'Feature',
		colAccuracy: 'Accuracy',

		trainingHeading: 'Data and training',
		trainingText:
			'Trained for {epochs, plural, one {# epoch} other {# epochs}} (an epoch is one pass over every training image) in {duration} (seed {seed}) on images from: {sources}.',
		trainingStages: 'In {count, plural, one {# run} other {# runs}}, each continuing from the one before: {stages}.',
		trainingStage: '{epochs, plural, one {# epoch} other {# epochs}} at {size} px',
		trainingStageAug: '{epochs, plural, one {# epoch} other {# epochs}} at {size} px with {strength}× colour, blur and noise augmentation',
		colSplit: 'Images',
		splitTrain: 'Training',
		splitVal: 'Validation',
		splitTest: 'Test',
		total: 'Total',
		augmentationHeading: 'Augmentation (so the model copes with other stains, angles and focus)',
		augmentationIntro: 'Each training image was changed at random, a different way every time it was shown:',
		augGeometry: 'turned to any angle, flipped and shifted a little in the frame (a cell has no up or down);',
		augFraming:
			'zoomed in and out, from a small cell with much background to a cell that fills the frame, as other microscopes and cameras frame it;',
		augMildFraming: 'zoomed in and out a little only (the wide zoom for other magnifications was off);',
		augStain:
			'stain colours changed: the blue-purple and the pink of the stain stronger or weaker, brightness, contrast, saturation and hue; now and then in grey;',
		augIllumination: 'lighting changed: white balance, brightness curve, and a field lit more on one side than the other;',
		augResolution: 'made coarser by lowering the resolution, as from a phone held to the eyepiece or a 640 × 480 camera;',
		augJpeg: 'saved as JPEG at low to middling quality, as cameras and messaging apps do;',
		augFocus: 'put slightly out of focus;',
		augNoise: 'made grainy, as a camera sensor is in dim light;',
		augOutliers:
			'and it was also shown pictures that are not a white cell (noise, drawings, text, fields of red cells only) and taught to answer "cannot tell" for them, which is how it can say when an image is unfamiliar.',
		augExactSummary: 'Exact settings (as the training script wrote them)',
		sourcePbc: 'PBC (Acevedo et al. 2020): normal donors, CellaVision DM96, May–Grünwald–Giemsa',
		sourceMatek: 'AML-Cytomorphology_LMU (Matek et al. 2019): myeloblasts and segmented neutrophils',

		anchorsHeading: 'For comparison',
		anchorsIntro: 'Published figures give context, not a ranking: they use other class sets, other test images and other scanners.',
		anchorSeed: 'The system this project started from (CLIP ViT-H/14 features + MLP): 89.2% accuracy on 14 classes.',
		anchorEffnet: 'EfficientNetV2-B0 on the 11-class PBC split: 93% accuracy, macro-F1 0.90.',
		anchorTechs: 'Three certified medical technologists classifying the same kind of images: 81–87% accuracy.',
		anchorDi60: 'The DI-60 analyser’s automatic pre-classification agrees with the final expert review 84.7% of the time.',
		anchorWbcatt: 'WBCAtt’s ResNet-50 baseline: 94.1% mean attribute accuracy.',
		anchorWbcattHumans:
			'WBCAtt’s second, independent annotation of 805 of these images agrees with the first on 96.0% of attribute values (nucleus shape 89.9%, cell size 91.6%): the human ceiling for the attributes.',

		limitsHeading: 'Limitations',
		limitData:
			'It learned from normal-donor smears photographed on one analyser in one laboratory, plus one set of leukaemia blasts from another scanner. Pictures from other microscopes, stains or phone cameras look different, and accuracy on them will be lower than the figures above.',
		limitClasses:
			'It knows only its {count} classes. Reactive lymphocytes, smudge cells, giant platelets and anything else still get one of those classes.',
		limitAttributes: 'Feature predictions were learned from the five mature white cell types only.',
		limitDiagnosis: 'It is a learning aid, not a medical device: never use it for a diagnosis or a patient report.'
	},
	{
		plainHeading: '重點摘要',
		plainRight: '在 {n} 張訓練時從未見過的測試影像上，它有 {accuracy} 的機會判斷出正確的細胞類型：約每 10 張對 {tens} 張。',
		plainOnWhat: '它認得以下細胞類型，學習自 May–Grünwald–Giemsa 染色抹片的單一細胞影像：{classes}。',
		plainWeakHeading: '最常出錯的地方',
		plainWeakLine: '{name}：只有 {recall} 的機會認出',
		plainMistakeLine: '把{trueName}誤認為{answeredName}：{total} 張中 {count} 張（{share}）',
		plainExpertsDisagree:
			'{a}或{b}：專家之間也有分歧。兩組專家判讀同樣的 {images} 顆細胞，只有 {experts} 的判斷一致；在這兩類之間，模型與資料集專家標註一致的比例為 {model}。',
		plainTrustHeading: '何時不該相信它',
		plainTrustStain: '來自其他顯微鏡、染色方式或手機相機的影像：它幾乎只學過一台分析儀的影像，出錯會更頻繁。',
		plainTrustClasses: '它不認得的細胞（反應性淋巴球、破碎細胞、巨大血小板或任何異常細胞）：它仍會回答成它認得的某一類。',
		plainTrustLow: '信心度偏低，或兩個類別的機率相近時：請自己再仔細看一次。',
		plainTrustDiagnosis: '絕不可用於診斷或病人報告：它只是學習工具。',
		engineersSummary: '給工程師：模型架構、評估指標、訓練資料與資料增強',
		generatorTitle: '合成影像',
		generatorIntro:
			'Leukodex 有自己的合成細胞影像生成模型（以訓練影像訓練 {minutes} 分鐘，{size} × {size} 像素，放大顯示）。某一細胞類型的生成影像整體須與真實影像夠接近（見下表）才會採用；其中只有本模型以 90% 以上信心判定為預定細胞類型、且不是訓練影像近似複本的影像才會進入題庫。練習的回饋會標示這些影像。',
		generatorInBank:
			'{count, plural, =0 {題庫目前沒有合成影像：還沒有任何細胞類型的生成影像與真實影像夠接近。} other {題庫有 # 張合成影像。}}',
		generatorRealismOnly:
			'{count, plural, other {另有 # 張合成影像屬於生成影像還不夠逼真的細胞類別，只在「真實或合成？」中出現，從不用於練習。}}',
		generatorRealismLink: '自己判斷看看',
		generatorTruncation:
			'影像取自生成模型範圍的中段（「截斷技巧」，界限 {bound}）：看起來更像典型的細胞，但變化較少。表中數據與題庫中的影像都以同樣方式產生。',
		generatorAgreement: '本模型將 {share} 的生成影像判定為預定的細胞類型（真實測試影像：{real}）。',
		generatorDistance:
			'與真實影像的距離（越低越接近；以本模型的特徵計算，並非文獻中的 FID）：{value}。真實測試影像的兩半彼此相距 {floor}，接近此值即與真實細胞一樣接近。',
		generatorCopies:
			'複本檢查：生成影像與最近訓練影像的距離通常為 {value}（真實測試影像為 {real}）；比 99% 真實測試影像更接近訓練影像的生成影像有 {copies} 張。',
		generatorClass: '細胞類型',
		generatorTableLabel: '各細胞類型的合成影像',
		generatorAgreementColumn: '判定為預定類型',
		generatorDistanceColumn: '距離（真實下限）',
		generatorSecondColumn: '第二個網路中（真實下限）',
		generatorSecond:
			'距離也在第二個網路的特徵中再量一次：那是 2026 年 12 月 2 日的分類器，以這些細胞從頭訓練，與本模型及生成模型的判別器沒有共用任何權重。某類細胞的生成影像只有在兩個網路中都不超過真實下限的 4 倍、且本模型把至少 80% 認作該類時，才會用於練習。',
		generatorCopyColumn: '最近訓練影像（真實）',
		generatorLobesColumn: '細胞核分成 2 塊以上（真實）',
		generatorLobes:
			'「細胞核分成 2 塊以上」只看像素，不經任何網路：把最細的部分（約 1.2 µm 以下，例如分葉之間的細絲）去掉之後，細胞核分成數塊的影像比例。真實的分葉核中性球約四張中有三張如此，真實的帶狀核約三張中有一張；把分葉核畫成帶狀核的生成模型在這一欄得分會偏低。',
		generatorHolesColumn: '細胞核圍著淡色空洞（真實）',
		generatorHowMeasured: '這些數字如何量測',
		generatorHalvings:
			'表中每類細胞的距離與真實下限，都是把其真實測試影像隨機分成兩半 {count} 次所得數值的中位數：每半約 100 張影像時，某次分法的下限可能是另一次的十倍。驗證影像是生成模型從未看過的另一組真實細胞，同一類細胞在兩組上的下限可相差達五倍，因此某類細胞的生成影像必須在兩組上都通過，才會用於練習。',
		generatorHoles:
			'「細胞核圍著淡色空洞」同樣只看像素：細胞核圍住至少 2 µm² 淡色區域的影像比例，環狀的細胞核就是如此。兩個網路都可能把這種環狀核當成帶狀核中性球，因此某類細胞的生成影像只有在這個比例不比真實細胞高出 15 個百分點以上時，才會用於練習。顆粒與摺疊的細胞核也會圍出淡色縫隙，所以嗜酸性球、嗜鹼性球、前骨髓細胞與單核球在這一欄無論真假都偏高。',
		generatorCompared:
			'每類細胞都與生成模型學習該類時所用實驗室的真實測試影像比較：分葉核中性球只與巴塞隆納的比較（練習中也會出現慕尼黑的，生成模型從未看過）。',
		title: '模型',
		intro: '「檢查我的影像」與學習進度中模型比較所用的分類器：它是什麼、從哪些資料學習，以及在訓練時從未見過的影像上表現如何。',
		loading: '正在載入模型卡…',
		cardMissing: '這份 Leukodex 沒有安裝分類模型，因此沒有模型卡可顯示。應用程式的其他功能皆可正常使用。',
		cardUnreachable: '無法下載模型卡。請檢查與應用程式伺服器的連線後重試。',
		cardInvalid: '模型卡（card.json）已損毀或無效，無法顯示。',
		technicalDetail: '技術細節',

		whatHeading: '這是什麼',
		whatText:
			'一個在瀏覽器內執行的小型卷積神經網路。輸入一張細胞影像，它會為 {count} 個類別各給出機率，並預測 {attributes} 項形態特徵（WBCAtt 屬性）。',
		fieldName: '名稱',
		fieldCreated: '訓練時間',
		fieldArchitecture: '架構',
		fieldInput: '輸入',
		inputText: '影像中央的正方形，縮放至 {size} × {size} 像素',
		fieldFile: '下載大小',
		fieldTemperature: '校準溫度',
		fieldClasses: '類別',

		resultsHeading: '表現如何（測試集）',
		resultsIntro: '以 {n} 張測試影像評估；這些影像依各資料集的固定分割保留、未用於訓練（也就是練習題庫中的影像）。',
		accuracy: '準確率',
		accuracyHelp: '最可能類別即為真實類別的測試影像比例',
		macroF1: '宏平均 F1',
		macroF1Help: '各類別 F1 的平均，罕見類別與常見類別同等計分',
		ece: '校準誤差（ECE）',
		eceHelp: '模型宣稱的信心與實際準確率的平均差距；越低越好',
		meanAttribute: '特徵準確率',
		meanAttributeHelp: '11 項 WBCAtt 屬性在有標註影像上的平均準確率',
		notMeasured: '未評估',
		matekHeading: '同染色檢查',
		matekText:
			'白血病（AML）影像集中的 {n} 顆分葉嗜中性球，有 {count} 顆（{rate}）被判為嗜中性球。所有芽細胞都來自該影像集，若此數字偏低，表示模型學到的是「這種染色就是芽細胞」。',
		labProbeText:
			'模型能否分辨細胞來自哪間實驗室？以模型判讀所用的特徵猜測 {n} 顆分葉嗜中性球（兩間實驗室各半）的來源實驗室，猜對的比例為 {rate}（50% 即純屬猜測）。',
		labProbeBefore: '在移除兩間實驗室嗜中性球差異的步驟之前，同一測試猜對的比例為 {rate}，這 {n} 顆嗜中性球中有 {count} 顆被判為嗜中性球。',
		matekTrainedOthers:
			'這 {n} 顆都沒有用於訓練。訓練時用了該影像集的另外 {others} 顆嗜中性球與主要影像集的 {pbc} 顆，同時由模型的另一部分嘗試分辨兩間實驗室，並訓練模型使其無法分辨：模型因此學的是細胞，而不是染色。',

		perClassHeading: '各類別',
		colClass: '類別',
		colPrecision: '精確率',
		colRecall: '召回率',
		colF1: 'F1',
		colSupport: '測試影像',
		perClassHelp: '精確率：模型判為此類的細胞中，真正屬於此類的比例。召回率：此類細胞中，被模型找出的比例。',

		confusionHeading: '混淆矩陣（測試集）',
		confusionHelp: '列為真實類別，欄為模型的答案；對角線為正確。',
		confusionAxis: '模型的答案',
		confusionLabel: '模型在測試集上的混淆矩陣',
		confusionPick: '{total} 張{trueName}測試影像中，有 {count} 張（{share}）被判為{answeredName}。',
		confusionPickCorrect: '{total} 張{trueName}測試影像中，有 {count} 張（{share}）判讀正確。',

		groupedHeading: '只標註群組的影像',
		groupedText: '部分資料集影像只標註群組而未標註成熟階段。模型必須回答該群組中的一個類別：',
		groupedRow: '{label}（{n} 張）：{predicted}',
		groupImmature: '未成熟顆粒球（未標註階段）',
		groupNeutrophil: '嗜中性球（未標註帶狀或分葉）',

		attributeHeading: '形態特徵（WBCAtt 屬性）',
		attributeHelp: '在有 WBCAtt 標註的測試影像（五種成熟白血球）上，各屬性的準確率。',
		colAttribute: '特徵',
		colAccuracy: '準確率',

		trainingHeading: '資料與訓練',
		trainingText: '以下列來源的影像訓練 {epochs} 輪（每輪看過全部訓練影像一次），耗時 {duration}（隨機種子 {seed}）：{sources}。',
		trainingStages: '分 {count} 次訓練，每次接續前一次：{stages}。',
		trainingStage: '{size} px 訓練 {epochs} 輪',
		trainingStageAug: '{size} px 訓練 {epochs} 輪，色彩、模糊與雜訊增強強度 {strength} 倍',
		colSplit: '影像數',
		splitTrain: '訓練',
		splitVal: '驗證',
		splitTest: '測試',
		total: '合計',
		augmentationHeading: '資料增強（讓模型能應付其他染色、角度與對焦）',
		augmentationIntro: '每張訓練影像每次被用到時，都以不同方式隨機改變：',
		augGeometry: '旋轉到任意角度、翻轉，並在畫面中稍微移動（細胞沒有上下之分）；',
		augFraming: '放大與縮小：從背景很多的小細胞，到填滿畫面的細胞，如其他顯微鏡與相機的取景；',
		augMildFraming: '只稍微放大縮小（對應其他倍率的大幅縮放未開啟）；',
		augStain: '改變染色顏色：染色的藍紫色與粉紅色加深或變淡，亮度、對比、飽和度與色相；偶爾轉為灰階；',
		augIllumination: '改變照明：白平衡、亮度曲線，以及一側比另一側亮的照明；',
		augResolution: '降低解析度使影像較粗糙，如同以手機對著目鏡拍攝或 640 × 480 的相機；',
		augJpeg: '以低至中等品質存成 JPEG，如相機與通訊軟體的壓縮；',
		augFocus: '稍微失焦；',
		augNoise: '加入顆粒雜訊，如昏暗光線下的相機感光元件；',
		augOutliers:
			'另外也給它看不是白血球的圖片（雜訊、圖畫、文字、只有紅血球的視野），並教它對這些圖片回答「無法判斷」，它因此能指出不熟悉的影像。',
		augExactSummary: '確切設定（訓練程式所寫）',
		sourcePbc: 'PBC（Acevedo 等，2020）：正常捐血者，CellaVision DM96，May–Grünwald–Giemsa 染色',
		sourceMatek: 'AML-Cytomorphology_LMU（Matek 等，2019）：骨髓母細胞與分葉嗜中性球',

		anchorsHeading: '比較參考',
		anchorsIntro: '已發表的數字僅供參考，不是排名：它們使用不同的類別、測試影像與掃描儀。',
		anchorSeed: '本專案起點的系統（CLIP ViT-H/14 特徵 + MLP）：14 個類別準確率 89.2%。',
		anchorEffnet: 'EfficientNetV2-B0 在 11 類 PBC 分割上：準確率 93%，宏平均 F1 0.90。',
		anchorTechs: '三位合格醫檢師判讀同類影像：準確率 81–87%。',
		anchorDi60: 'DI-60 分析儀的自動預分類與專家最終複核的一致率為 84.7%。',
		anchorWbcatt: 'WBCAtt 的 ResNet-50 基準模型：平均屬性準確率 94.1%。',
		anchorWbcattHumans:
			'WBCAtt 對其中 805 張影像另做一次獨立標註，與第一次標註的屬性值一致率為 96.0%（細胞核形狀 89.9%、細胞大小 91.6%）：這是屬性判讀的人類上限。',

		limitsHeading: '限制',
		limitData:
			'模型學習的是一間實驗室、一台分析儀拍攝的正常捐血者抹片，加上另一台掃描儀的一組白血病芽細胞。其他顯微鏡、染色或手機拍攝的影像外觀不同，準確率會低於上列數字。',
		limitClasses: '它只認識 {count} 個類別。反應性淋巴球、破碎細胞、巨大血小板等其他細胞，仍會被歸入其中一類。',
		limitAttributes: '形態特徵只以五種成熟白血球學習。',
		limitDiagnosis: '這是學習輔助工具，不是醫療器材：切勿用於診斷或病人報告。'
	}
);
