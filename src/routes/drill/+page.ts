import { drill } from '$lib/i18n/catalog/drill.ts';
import { pageTitle } from '$lib/i18n/page-title.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = () => ({ title: pageTitle(drill, 'title') });
