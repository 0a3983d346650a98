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
		navRealism: 'Real or synthetic?',
		navInstructor: 'Instructor',
		navReview: 'Review',
		navInbox: 'Assignments',
		language: 'Language',
		learner: 'Learner',
		loading: 'Loading…',
		retry: 'Try again',
		/** a box holding a table that may scroll sideways */
		tableNamed: '{name} (table)',
		loadFailed: 'This part of the page could not be loaded: {message}. Check the connection and try again.',
		partNotDownloaded: 'This part of the page could not be downloaded. Check the connection and try again.',
		partMissing: 'part of the app did not download (check the connection)',
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
		navRealism: '真實或合成？',
		navInstructor: '講師',
		navReview: '複習',
		navInbox: '指派作業',
		language: '語言',
		learner: '學員',
		loading: '載入中…',
		retry: '重試',
		tableNamed: '{name}（表格）',
		loadFailed: '無法載入頁面的這個部分：{message}。請檢查網路連線後重試。',
		partNotDownloaded: '無法下載頁面的這個部分。請檢查網路連線後重試。',
		partMissing: '應用程式的一部分未能下載（請檢查網路連線）',
		close: '關閉'
	}
);
