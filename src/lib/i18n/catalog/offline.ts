import { defineMessages } from '../define.ts';

/** Offline use: the service worker's state, the image download, storage, the new-version notice. */
export const offline = defineMessages(
	{
		heading: 'Working offline',
		shellReady: 'This app, its lessons, the question list and the classifier are stored on this device: drills work without internet.',
		shellPending: 'Storing the app on this device for offline use…',
		unsupported: 'This browser cannot store the app for offline use; it needs an internet connection.',
		imagesStatus:
			'{cached} of {total, plural, one {# image} other {# images}} for drills and the “Real or synthetic?” game are stored on this device.',
		download: 'Make the drill images available offline',
		downloadSize: 'About {size}, once.',
		downloading: 'Downloading drill images: {done} of {total}',
		downloadDone: 'All drill images are stored: drills work without internet.',
		downloadPartly: '{failed, plural, one {# image} other {# images}} could not be downloaded. Try again when the connection is better.',
		downloadFailed: 'The download stopped ({message}). What was stored stays; press the button again to continue.',
		downloadFull:
			'This device has no room left for the drill images: {stored} of {total} are stored. Free some space on the device (other apps, photos, or other sites’ data), then press the button again; the images already stored stay.',
		storageUse: 'Storage used by this app: {used} of {quota} available.',
		persisted: 'Your records are kept even when the device runs short of space.',
		notPersisted:
			'The browser may delete this app’s data when the device runs short of space: export a backup from the progress page now and then.',
		updateReady: 'A new version of Leukodex is ready.',
		updateReload: 'Reload to update',
		updateLater: 'Your answers are saved; reloading loses nothing.'
	},
	{
		heading: '離線使用',
		shellReady: '本應用程式、課程、題目清單與分類模型已儲存在此裝置上：沒有網路也能練習。',
		shellPending: '正在將應用程式儲存到此裝置以供離線使用…',
		unsupported: '此瀏覽器無法儲存應用程式以供離線使用，需要網路連線。',
		imagesStatus: '練習與「真實或合成？」遊戲的 {total} 張影像中，已有 {cached} 張儲存在此裝置上。',
		download: '下載練習影像以供離線使用',
		downloadSize: '約 {size}，只需下載一次。',
		downloading: '正在下載練習影像：{done}／{total}',
		downloadDone: '所有練習影像皆已儲存：沒有網路也能練習。',
		downloadPartly: '有 {failed} 張影像無法下載。請在連線較佳時再試一次。',
		downloadFailed: '下載中斷（{message}）。已儲存的影像會保留；再按一次按鈕即可繼續。',
		downloadFull:
			'此裝置已沒有空間儲存練習影像：{total} 張中已儲存 {stored} 張。請先釋出裝置空間（其他應用程式、相片或其他網站的資料），再按一次按鈕；已儲存的影像會保留。',
		storageUse: '本應用程式使用的儲存空間：{used}，可用上限 {quota}。',
		persisted: '即使裝置空間不足，你的學習紀錄也會保留。',
		notPersisted: '裝置空間不足時，瀏覽器可能刪除本應用程式的資料：請不時從學習進度頁匯出備份。',
		updateReady: 'Leukodex 有新版本可用。',
		updateReload: '重新載入以更新',
		updateLater: '你的作答都已儲存；重新載入不會遺失任何資料。'
	}
);
