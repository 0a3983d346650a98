import { realism } from '$lib/i18n/catalog/realism.ts';
import { pageTitle } from '$lib/i18n/page-title.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = () => ({ title: pageTitle(realism, 'title') });
