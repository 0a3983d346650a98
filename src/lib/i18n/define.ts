/**
 * A typed message catalog. Each area of the app keeps its strings in one file under catalog/,
 * written once in English; the Traditional Chinese table must have exactly the same keys
 * (a missing or extra key is a type error), so no string can be shipped untranslated.
 *
 * Messages are plain strings with {name} placeholders, filled by `format`.
 */
export type Catalog<K extends string> = Record<K, string>;

export function defineMessages<const E extends Record<string, string>>(en: E, zhTW: Catalog<keyof E & string>) {
	return { en, 'zh-TW': zhTW } as const;
}

export function format(template: string, values: Record<string, string | number> = {}): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		Object.hasOwn(values, name) ? String(values[name]) : whole
	);
}
