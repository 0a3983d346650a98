/**
 * A typed message catalog. Each area of the app keeps its strings in one file under catalog/,
 * written once in English; the Traditional Chinese table must have exactly the same keys
 * (a missing or extra key is a type error), so no string can be shipped untranslated.
 *
 * Messages are plain strings with {name} placeholders, filled by `format`. A count that changes
 * the words takes a plural form, `{count, plural, one {# image} other {# images}}` (ICU style;
 * `#` is the value as given, already formatted), so "1 images" cannot happen.
 */
export type Catalog<K extends string> = Record<K, string>;

export function defineMessages<const E extends Record<string, string>>(en: E, zhTW: Catalog<keyof E & string>) {
	return { en, 'zh-TW': zhTW } as const;
}

const PLURAL = /\{(\w+), plural, ((?:=?\w+ \{[^{}]*\}\s*)+)\}/g;
const englishPlural = new Intl.PluralRules('en');

/** The number a placeholder value stands for: "1,234" → 1234. */
function countOf(value: string | number): number {
	return typeof value === 'number' ? value : Number(value.replace(/[^\d.-]/g, ''));
}

export function format(template: string, values: Record<string, string | number> = {}): string {
	return template
		.replace(PLURAL, (whole, name: string, forms: string) => {
			const value = Object.hasOwn(values, name) ? values[name] : undefined;
			if (value === undefined) return whole;
			const options = new Map([...forms.matchAll(/(=?\w+) \{([^{}]*)\}/g)].map((m) => [m[1], m[2]]));
			const count = countOf(value);
			const form = options.get(`=${count}`) ?? options.get(englishPlural.select(count)) ?? options.get('other') ?? '';
			return form.replace(/#/g, String(value));
		})
		.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
