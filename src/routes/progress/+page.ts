import { progress } from '$lib/i18n/catalog/progress.ts';
import { pageTitle } from '$lib/i18n/page-title.ts';
import { loadProgressRecords, RECORDS } from './records.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ depends }) => {
	depends(RECORDS);
	return { title: pageTitle(progress, 'title'), ...(await loadProgressRecords()) };
};
