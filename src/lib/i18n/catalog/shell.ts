import { defineMessages } from '../define.ts';

/** The app shell: header, navigation, learner and language switches, footer. */
export const shell = defineMessages(
	{
		skipToContent: 'Skip to main content',
		notFoundTitle: 'Page not found',
		notFoundText: 'There is no page at this address. The link may be mistyped or out of date.',
		errorTitle: 'Something went wrong',
		errorText: 'This page could not be shown ({status}): {message}',
		goHome: 'Go to the home page',
		mainNav: 'Main',
		moreSections: 'More',
		menu: 'Menu',
		currentLearner: 'Learner',
		noLearner: 'No learner chosen',
		chooseLearner: 'Choose learner',
		manageLearners: 'Manage learners…',
		switchLearner: 'Switch learner',
		languageSwitch: 'Language',
		footer:
			'All your answers stay on this device. Images: PBC (Acevedo et al. 2020, CC BY 4.0) and AML-Cytomorphology_LMU (Matek et al. 2019, CC BY-NC 4.0).',
		recordsUnavailable:
			'Your records cannot be opened in this browser: {message}. Answers cannot be saved until this is fixed (private windows often block storage).'
	},
	{
		skipToContent: '跳至主要內容',
		notFoundTitle: '找不到頁面',
		notFoundText: '這個網址沒有頁面。連結可能打錯或已過期。',
		errorTitle: '發生錯誤',
		errorText: '無法顯示此頁面（{status}）：{message}',
		goHome: '前往首頁',
		mainNav: '主選單',
		moreSections: '更多',
		menu: '選單',
		currentLearner: '學員',
		noLearner: '尚未選擇學員',
		chooseLearner: '選擇學員',
		manageLearners: '管理學員…',
		switchLearner: '切換學員',
		languageSwitch: '語言',
		footer:
			'你的所有作答都只保存在這台裝置上。影像來源：PBC（Acevedo 等，2020，CC BY 4.0）與 AML-Cytomorphology_LMU（Matek 等，2019，CC BY-NC 4.0）。',
		recordsUnavailable: '此瀏覽器無法開啟你的學習紀錄：{message}。在問題排除前無法儲存作答（無痕視窗常會封鎖儲存空間）。'
	}
);
