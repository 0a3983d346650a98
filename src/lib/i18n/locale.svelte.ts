import type { Locale } from '../cells/taxonomy.ts';
import { format } from './define.ts';
import { common } from './catalog/common.ts';
import { errorText, isPartNotDownloaded } from '../errors.ts';

export const LOCALES: readonly Locale[] = ['en', 'zh-TW'];
const STORAGE_KEY = 'leukodex.locale';

function initialLocale(): Locale {
	if (typeof localStorage !== 'undefined') {
		const saved = localStorage.getItem(STORAGE_KEY);
		if (saved === 'en' || saved === 'zh-TW') return saved;
	}
	if (typeof navigator !== 'undefined' && /^zh\b.*(TW|HK|Hant)/i.test(navigator.language)) return 'zh-TW';
	return 'en';
}

/** The UI language, chosen on the client and remembered in localStorage. */
class LocaleState {
	current = $state<Locale>(initialLocale());

	set(locale: Locale) {
		this.current = locale;
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// storage full or blocked: the choice still applies for this visit
		}
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	}

	/** Pick this locale's table from a catalog made by defineMessages and fill placeholders. */
	t<K extends string>(catalog: Record<Locale, Record<K, string>>, key: K, values?: Record<string, string | number>): string {
		return format(catalog[this.current][key], values);
	}

	number(value: number, options?: Intl.NumberFormatOptions): string {
		// A small whole number reads the same in both locales ("7", "10 / 20"); building the first
		// Intl.NumberFormat costs ~30 ms on a modest phone, which the drill's first image should not wait for.
		if (options === undefined && Number.isInteger(value) && Math.abs(value) < 1000) return String(value);
		return cached(numberFormats, this.current, options, () => new Intl.NumberFormat(this.current, options)).format(value);
	}

	/** What went wrong, for a learner to read: app code that did not download is said in this locale (the browsers'
	 * own words are English and name a file); any other problem is its message (errorText). */
	problem(error: unknown): string {
		return isPartNotDownloaded(error) ? this.t(common, 'partMissing') : errorText(error);
	}

	percent(value: number, digits = 0): string {
		return this.number(value, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits });
	}

	/** "a, b and c" in this locale's words */
	list(items: readonly string[]): string {
		return cached(listFormats, this.current, undefined, () => new Intl.ListFormat(this.current, { type: 'conjunction' })).format(items);
	}

	date(value: number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
		return cached(dateFormats, this.current, options, () => new Intl.DateTimeFormat(this.current, options)).format(value);
	}
}

// Building an Intl formatter costs about as much as a thousand format() calls, and a chart or
// table formats hundreds of values per render: keep one per locale and options.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

function cached<F>(cache: Map<string, F>, current: Locale, options: object | undefined, make: () => F): F {
	const key = `${current}|${options ? JSON.stringify(options) : ''}`;
	let formatter = cache.get(key);
	if (!formatter) cache.set(key, (formatter = make()));
	return formatter;
}

export const locale = new LocaleState();
