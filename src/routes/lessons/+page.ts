import { lessons } from '$lib/i18n/catalog/lessons.ts';
import { pageTitle } from '$lib/i18n/page-title.ts';
import type { PageLoad } from './$types';

// Static: emitted as its own page at build time (the content still renders on the client).
export const prerender = true;

export const load: PageLoad = () => ({ title: pageTitle(lessons, 'indexTitle') });
