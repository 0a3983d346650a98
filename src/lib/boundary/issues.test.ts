import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { issuesText } from './issues.ts';

describe('issuesText', () => {
	const Schema = v.object({ name: v.string(), items: v.array(v.object({ n: v.number() })) });

	it('names each problem by its field path, the first few only', () => {
		const result = v.safeParse(Schema, { name: 3, items: [{ n: 1 }, { n: 'x' }, { n: null }] });
		expect(result.success).toBe(false);
		const text = issuesText(result.issues!, 2);
		expect(text.split('; ')).toHaveLength(2);
		expect(text).toMatch(/^name: .*; items\.1\.n: /);
	});

	it('calls a problem with the whole value (root)', () => {
		const result = v.safeParse(Schema, 'not an object');
		expect(issuesText(result.issues!)).toMatch(/^\(root\): /);
	});
});
