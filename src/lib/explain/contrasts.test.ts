import { describe, expect, it } from 'vitest';
import { cellClass, cellName, type CellClassId, type Locale } from '../cells/taxonomy.ts';
import { typicalValues } from './attributes.ts';
import { CONTRASTS, contrastFor, lookAlikePairs } from './contrasts.ts';
import { diskLesson } from './test-data/lessons.ts';

const LOCALES: Locale[] = ['en', 'zh-TW'];

/** The plain text of a lesson's look-alike subsection on `other` (Markdown emphasis removed). */
function subsection(of: CellClassId, other: CellClassId, locale: Locale): string {
	const body = diskLesson(of, locale).body;
	const heading = `### ${cellName(other, locale)}`;
	const start = body.indexOf(heading);
	if (start === -1) return '';
	const rest = body.slice(start + heading.length);
	const end = rest.search(/^#{2,3} /m);
	return (end === -1 ? rest : rest.slice(0, end)).replaceAll('**', '').replace(/\s+/g, ' ');
}

describe('look-alike contrast table', () => {
	it('has an entry for every look-alike pair in the taxonomy, in both directions', () => {
		const pairs = lookAlikePairs();
		expect(pairs.length).toBe(CONTRASTS.length * 2);
		for (const [a, b] of pairs) {
			const entry = contrastFor(a, b);
			expect(entry, `${a} → ${b}`).toBeDefined();
			expect(contrastFor(b, a)).toBe(entry);
		}
	});

	it('has no entry for a pair the taxonomy does not call look-alikes', () => {
		for (const {
			pair: [a, b]
		} of CONTRASTS) {
			expect(cellClass(a).lookAlikes.includes(b) || cellClass(b).lookAlikes.includes(a), `${a} / ${b}`).toBe(true);
		}
		expect(contrastFor('basophil', 'platelet')).toBeUndefined();
		expect(contrastFor('monocyte', 'monocyte')).toBeUndefined();
	});

	it('describes both sides of every pair in both languages', () => {
		for (const entry of CONTRASTS) {
			for (const side of entry.pair) {
				for (const locale of LOCALES) expect(entry.sides[side]?.[locale].trim(), `${entry.pair.join('/')} ${side} ${locale}`).toBeTruthy();
			}
			for (const locale of LOCALES) {
				expect(entry.feature[locale].trim()).toBeTruthy();
				if (entry.tip) expect(entry.tip[locale].trim()).toBeTruthy();
			}
		}
	});

	it('quotes the lessons: each entry’s phrase is in that lesson’s subsection on the other class, in both languages', () => {
		for (const entry of CONTRASTS) {
			const of = entry.lesson.cellClass;
			const other = entry.pair[0] === of ? entry.pair[1] : entry.pair[0];
			expect(entry.pair).toContain(of);
			for (const locale of LOCALES) {
				const text = subsection(of, other, locale);
				expect(text, `${of} lesson (${locale}) has no subsection on ${other}`).not.toBe('');
				expect(text, `${of} → ${other} (${locale})`).toContain(entry.lesson[locale]);
			}
		}
	});

	it('names an image attribute only where the two classes’ typical values for it do not overlap', () => {
		for (const entry of CONTRASTS) {
			if (!entry.attribute) continue;
			const [a, b] = entry.pair.map((c) => typicalValues(c, entry.attribute!) ?? []) as [string[], string[]];
			expect(a.length + b.length, `${entry.pair.join('/')}: ${entry.attribute} is typical of neither`).toBeGreaterThan(0);
			expect(
				a.filter((v) => b.includes(v)),
				`${entry.pair.join('/')}: ${entry.attribute}`
			).toEqual([]);
		}
	});
});
