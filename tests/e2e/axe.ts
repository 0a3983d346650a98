// axe-core over the page as it is now (WCAG 2.x A/AA, best practice and the experimental rules, among them
// label-content-name-mismatch, WCAG 2.5.3): the test fails with each violation's rule and first elements.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function axe(page: Page, where: string) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice', 'experimental'])
		.analyze();
	const found = results.violations.map(
		(v) =>
			`${where}: ${v.id} (${v.impact}) ${v.nodes
				.map((n) => n.target.join(' '))
				.slice(0, 3)
				.join(' | ')}`
	);
	expect(found, `${where}: axe violations`).toEqual([]);
}
