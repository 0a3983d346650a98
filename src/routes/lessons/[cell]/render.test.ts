import { describe, expect, it } from 'vitest';
import { lessonMarkdownToHtml } from './render.ts';

const options = { locale: 'en' as const, lookAlikes: ['giant_platelet' as const], lessonHref: (id: string) => `/lessons/${id}` };

describe('lessonMarkdownToHtml', () => {
	it('links look-alike subsection headings to their lessons and leaves other headings alone', () => {
		const html = lessonMarkdownToHtml('## Morphology\n\n### Giant platelet\n\n### Other\n\nText with **bold**.', options);
		expect(html).toContain('<h2>Morphology</h2>');
		expect(html).toContain('<h3><a href="/lessons/giant_platelet">Giant platelet</a></h3>');
		expect(html).toContain('<h3>Other</h3>');
		expect(html).toContain('<strong>bold</strong>');
	});

	it('matches headings in the lesson language', () => {
		const html = lessonMarkdownToHtml('### 巨大血小板', { ...options, locale: 'zh-TW' });
		expect(html).toContain('<a href="/lessons/giant_platelet">巨大血小板</a>');
	});
});
