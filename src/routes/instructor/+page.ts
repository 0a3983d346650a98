import { instructor } from '$lib/i18n/catalog/instructor.ts';
import { pageTitle } from '$lib/i18n/page-title.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = () => ({ title: pageTitle(instructor, 'title') });
