import * as v from 'valibot';

/** The first few problems of a failed validation, each by its field path: "items.3.label: Invalid type…; …". */
export function issuesText(issues: readonly v.BaseIssue<unknown>[], most = 5): string {
	return issues
		.slice(0, most)
		.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`)
		.join('; ');
}
