import { defineMessages } from '../define.ts';

/**
 * The explanation panel's own few strings (the drill loads these with its first page; the sentence
 * templates in explain.ts come later, with the first answer).
 */
export const explainPanel = defineMessages(
	{
		loading: 'Preparing the explanation…',
		lessonFailed: 'The lesson text for this explanation could not be loaded: {message}',
		askTutor: 'Ask the tutor'
	},
	{
		loading: '正在準備說明…',
		lessonFailed: '無法載入這段說明所需的課程內容：{message}',
		askTutor: '詢問助教'
	}
);
