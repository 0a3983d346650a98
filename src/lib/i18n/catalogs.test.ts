import { describe, expect, it } from 'vitest';

// Every catalog under catalog/: English and Traditional Chinese must say the same things.
const modules = import.meta.glob('./catalog/*.ts', { eager: true }) as Record<string, Record<string, unknown>>;
const catalogs = Object.entries(modules).flatMap(([file, exports]) =>
	Object.entries(exports)
		.filter(([, value]) => typeof value === 'object' && value !== null && 'en' in value && 'zh-TW' in value)
		.map(([name, value]) => ({ name: `${file}:${name}`, ...(value as { en: Record<string, string>; 'zh-TW': Record<string, string> }) }))
);

/** The names a message fills in: plain {name} and the counts of plural forms (not the words inside those forms). */
function placeholders(text: string): string[] {
	const plural = [...text.matchAll(/\{(\w+), plural,/g)].map((m) => m[1]!);
	const rest = text.replace(/\{\w+, plural, (?:=?\w+ \{[^{}]*\}\s*)+\}/g, '');
	const simple = [...rest.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
	return [...new Set([...plural, ...simple])].sort();
}

const CJK = /[\u3400-\u9fff]/;

describe('message catalogs', () => {
	it('finds the catalogs', () => {
		expect(catalogs.length).toBeGreaterThanOrEqual(8);
	});

	for (const catalog of catalogs) {
		it(`${catalog.name}: same keys and placeholders in both languages, every Chinese string translated`, () => {
			expect(Object.keys(catalog['zh-TW']).sort()).toEqual(Object.keys(catalog.en).sort());
			for (const [key, en] of Object.entries(catalog.en)) {
				const zh = catalog['zh-TW'][key] ?? '';
				expect(placeholders(zh), `${key}: placeholders`).toEqual(placeholders(en));
				// a Chinese string that is the English one was not translated (names like "Enter" aside)
				if (/[a-z]{3,}\s+[a-z]{3,}/i.test(en.replace(/\{[^}]*\}/g, ''))) expect(zh, `${key}: untranslated`).not.toBe(en);
			}
		});

		it(`${catalog.name}: Chinese sentences use Chinese punctuation`, () => {
			const bad: string[] = [];
			for (const [key, zh] of Object.entries(catalog['zh-TW'])) {
				const text = zh.replace(/\{[^{}]*\}/g, 'X');
				// ASCII , ; : ? ! ( ) next to a Chinese character
				if (new RegExp(`${CJK.source}[,;:?!()]|[,;:?!()]${CJK.source}`).test(text)) bad.push(`${key}: ${zh}`);
				// a sentence that ends in an ASCII full stop after Chinese
				if (new RegExp(`${CJK.source}\\.(\\s|$)`).test(text)) bad.push(`${key}: ${zh}`);
			}
			expect(bad).toEqual([]);
		});
	}

	it('addresses the learner one way in Chinese: 你 everywhere, never 您 on some pages', () => {
		const formal = catalogs.flatMap((c) =>
			Object.entries(c['zh-TW'])
				.filter(([, zh]) => zh.includes('您'))
				.map(([key]) => `${c.name}:${key}`)
		);
		expect(formal).toEqual([]);
	});
});
