import { defineMessages } from '../define.ts';

export const common = defineMessages(
	{
		appName: 'Leukodex',
		tagline: 'Learn to tell white blood cells apart',
		navHome: 'Home',
		navDrill: 'Drill',
		navProgress: 'Progress',
		navLessons: 'Lessons',
		navModel: 'Model',
		navCheck: 'Check my image',
		language: 'Language',
		learner: 'Learner',
		loading: 'Loading…',
		retry: 'Try again',
		close: 'Close'
	},
	{
		appName: 'Leukodex',
		tagline: '學習辨識白血球',
		navHome: '首頁',
		navDrill: '練習',
		navProgress: '學習進度',
		navLessons: '課程',
		navModel: '模型',
		navCheck: '檢查我的影像',
		language: '語言',
		learner: '學員',
		loading: '載入中…',
		retry: '重試',
		close: '關閉'
	}
);
