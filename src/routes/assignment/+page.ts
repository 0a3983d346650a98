import { assignments } from '$lib/i18n/catalog/assignments.ts';
import { pageTitle } from '$lib/i18n/page-title.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = () => ({ title: pageTitle(assignments, 'takeTitle') });
