import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { lookAlikeForHeading } from '$lib/cells/lessons.ts';
import type { CellClassId, Locale } from '$lib/cells/taxonomy.ts';

export interface RenderOptions {
	locale: Locale;
	lookAlikes: readonly CellClassId[];
	/** URL of another class's lesson */
	lessonHref: (id: CellClassId) => string;
}

/**
 * Lesson Markdown to HTML (not yet sanitised). A look-alike subsection heading — exactly the
 * other class's name — becomes a link to that class's lesson.
 */
export function lessonMarkdownToHtml(markdown: string, options: RenderOptions): string {
	const marked = new Marked({ gfm: true, async: false });
	marked.use({
		renderer: {
			heading(this: { parser: { parseInline(tokens: Tokens.Heading['tokens']): string } }, token: Tokens.Heading) {
				const inner = this.parser.parseInline(token.tokens);
				const other = token.depth === 3 ? lookAlikeForHeading(token.text, options.lookAlikes, options.locale) : undefined;
				const content = other ? `<a href="${options.lessonHref(other)}">${inner}</a>` : inner;
				return `<h${token.depth}>${content}</h${token.depth}>\n`;
			}
		}
	});
	return marked.parse(markdown, { async: false });
}

/** Sanitised HTML for {@html}: lesson files are ours, but nothing reaches the DOM unsanitised. */
export function sanitizeHtml(html: string): string {
	if (!DOMPurify.isSupported) throw new Error('HTML sanitising needs a browser DOM.');
	return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}
