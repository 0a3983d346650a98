import { home } from '$lib/i18n/catalog/home.ts';
import { locale } from '$lib/i18n/locale.svelte.ts';
import type { PageLoad } from './$types';

// the home page's title names the app itself
export const load: PageLoad = () => ({ title: () => locale.t(home, 'title') });
