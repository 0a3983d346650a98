import * as v from 'valibot';
import { issuesText } from '../boundary/issues.ts';
import { JudgementSchema, type Judgement } from './realism.ts';

/**
 * A file of one learner's "Real or synthetic?" answers, so that the answers of several technologists on several
 * devices can be put together in one table (as the seed study asked three technologists the same question). The
 * realism page writes it ("Save your answers to a file") and reads any number of them ("Put devices together");
 * nothing read is stored.
 */
export const REALISM_FILE_FORMAT = 'leukodex-realism';
export const REALISM_FILE_VERSION = 1;

/** one answer as stored (realism.ts), without what only this device knows (its record id, the learner's id) */
const AnswerSchema = v.pick(JudgementSchema, ['itemId', 'cellClass', 'truth', 'said', 'msToAnswer', 'at']);

export const RealismFileSchema = v.object({
	format: v.literal(REALISM_FILE_FORMAT),
	schemaVersion: v.literal(REALISM_FILE_VERSION),
	learner: v.pipe(v.string(), v.maxLength(200)),
	exportedAt: v.string(),
	answers: v.array(AnswerSchema)
});
export type RealismFile = v.InferOutput<typeof RealismFileSchema>;
export type RealismAnswer = v.InferOutput<typeof AnswerSchema>;

/** The file's text for `learner`'s answers. */
export function realismFileText(learner: string, judgements: readonly Judgement[], now = new Date()): string {
	const file: RealismFile = {
		format: REALISM_FILE_FORMAT,
		schemaVersion: REALISM_FILE_VERSION,
		learner,
		exportedAt: now.toISOString(),
		// the schema's object drops every other key (the record id, the learner's id)
		answers: judgements.map((j) => v.parse(AnswerSchema, j))
	};
	return JSON.stringify(file, null, 1) + '\n';
}

/** Why a file was not read, as a code the page words in the learner's language. */
export type RealismFileProblem =
	{ kind: 'not-json' } | { kind: 'not-realism' } | { kind: 'version'; version: unknown } | { kind: 'invalid'; detail: string };

export type ReadRealismFile = { ok: true; file: RealismFile } | { ok: false; problem: RealismFileProblem };

/** Reads a file's text; every problem is a result, never a throw. */
export function readRealismFile(text: string): ReadRealismFile {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { ok: false, problem: { kind: 'not-json' } };
	}
	const head = (json ?? {}) as { format?: unknown; schemaVersion?: unknown };
	if (typeof json !== 'object' || head.format !== REALISM_FILE_FORMAT) return { ok: false, problem: { kind: 'not-realism' } };
	if (head.schemaVersion !== REALISM_FILE_VERSION) return { ok: false, problem: { kind: 'version', version: head.schemaVersion } };
	const parsed = v.safeParse(RealismFileSchema, json);
	return parsed.success
		? { ok: true, file: parsed.output }
		: { ok: false, problem: { kind: 'invalid', detail: issuesText(parsed.issues) } };
}
