import { common } from './catalog/common.ts';
import { locale } from './locale.svelte.ts';
import type { Locale } from '../cells/taxonomy.ts';

/**
 * A page's title, read in the learner's current language when rendered: each route's `load` returns
 * one as `title`, and the root layout renders it once (so a language switch retitles the page too).
 */
export type PageTitle = () => string;

/** "<the catalog's message> · Leukodex" */
export function pageTitle<K extends string>(catalog: Record<Locale, Record<K, string>>, key: K): PageTitle {
	return () => titled(locale.t(catalog, key));
}

/** "<parts> · Leukodex" */
export function titled(...parts: string[]): string {
	return [...parts, locale.t(common, 'appName')].join(' · ');
}
