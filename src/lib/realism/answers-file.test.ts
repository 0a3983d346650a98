import { describe, expect, it } from 'vitest';
import { readRealismFile, realismFileText } from './answers-file.ts';
import { realismMatrix } from './realism.ts';
import type { Judgement } from './realism.ts';

const judgement = (truth: Judgement['truth'], said: Judgement['said']): Judgement => ({
	schemaVersion: 1,
	id: 7,
	learnerId: 'l1',
	itemId: `synthetic:${truth}${said}`,
	cellClass: 'platelet',
	truth,
	said,
	msToAnswer: 1200,
	at: 1_700_000_000_000
});

describe('the realism answers file', () => {
	it('round-trips a learner’s answers without the device’s own ids', () => {
		const text = realismFileText('Ana', [judgement('synthetic', 'real'), judgement('real', 'real')], new Date('2026-12-05T07:00:00Z'));
		expect(text).not.toContain('learnerId');
		const read = readRealismFile(text);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.file.learner).toBe('Ana');
		expect(read.file.exportedAt).toBe('2026-12-05T07:00:00.000Z');
		expect(realismMatrix(read.file.answers).counts).toEqual({ real: { real: 1, synthetic: 0 }, synthetic: { real: 1, synthetic: 0 } });
	});

	it('says what is wrong with a file it cannot use, and never throws', () => {
		expect(readRealismFile('{ not json')).toEqual({ ok: false, problem: { kind: 'not-json' } });
		expect(readRealismFile('null')).toEqual({ ok: false, problem: { kind: 'not-realism' } });
		expect(readRealismFile('{"format":"leukodex-results","schemaVersion":1}')).toEqual({ ok: false, problem: { kind: 'not-realism' } });
		expect(readRealismFile('{"format":"leukodex-realism","schemaVersion":9}')).toEqual({
			ok: false,
			problem: { kind: 'version', version: 9 }
		});
		const bad = JSON.parse(realismFileText('Ana', [judgement('synthetic', 'real')]));
		bad.answers[0].said = 'maybe';
		const read = readRealismFile(JSON.stringify(bad));
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.problem).toMatchObject({ kind: 'invalid', detail: expect.stringContaining('said') });
	});
});
