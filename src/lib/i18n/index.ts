export { defineMessages, format } from './define.ts';
export { locale, LOCALES } from './locale.svelte.ts';
export { common } from './catalog/common.ts';
