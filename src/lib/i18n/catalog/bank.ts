import { defineMessages } from '../define.ts';

/** Why the question bank cannot be used (src/lib/bank/load.ts decides which). */
export const bank = defineMessages(
	{
		unreachable: 'The question bank could not be loaded (the app’s files are not reachable). Check the connection, then try again.',
		notBuilt: 'No question bank has been built yet. Run `npm run bank`, then reload.',
		http: 'The question bank could not be loaded (HTTP {status}).',
		damaged: 'The question bank file is damaged (not valid JSON). Rebuild it with `npm run bank`.',
		invalid: 'The question bank (bank.json) is not valid: {detail}. Rebuild it with `npm run bank`.'
	},
	{
		unreachable: '無法載入題庫（無法連到本應用程式的檔案）。請檢查連線後再試一次。',
		notBuilt: '尚未建立題庫。請執行 `npm run bank`，然後重新載入。',
		http: '無法載入題庫（HTTP {status}）。',
		damaged: '題庫檔案已損壞（不是有效的 JSON）。請執行 `npm run bank` 重新建立。',
		invalid: '題庫（bank.json）格式不正確：{detail}。請執行 `npm run bank` 重新建立。'
	}
);
