import { at } from '../arrays.ts';
import * as v from 'valibot';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { canonicalJson, checksum } from './checksum.ts';
import { issuesText } from '../boundary/issues.ts';

/**
 * Links and files for the boundary objects that travel by chat, e-mail or QR code (assignment
 * specs, trainee results). A file is the object as JSON plus a `checksum` field; a link carries
 * the same JSON deflated and base64url-encoded in its fragment (never sent to any server).
 *
 * Decoding never throws: every failure is a DecodeProblem the UI words in the user's language,
 * checked in this order so the message names the first thing that is wrong.
 */
export type DecodeProblem =
	| { kind: 'empty' }
	| { kind: 'too-large'; bytes: number }
	/** characters that cannot be in a link payload (often: only part of the link was copied) */
	| { kind: 'encoding' }
	/** the compressed data ends early or is corrupt: the link was cut off */
	| { kind: 'truncated' }
	| { kind: 'not-json' }
	/** a JSON object of another kind (e.g. a results file opened as an assignment) */
	| { kind: 'wrong-format'; expected: string; found: string | null }
	| { kind: 'future-version'; version: number; supported: number }
	/** the content does not match its checksum: changed or damaged after it was made */
	| { kind: 'checksum' }
	| { kind: 'invalid'; detail: string };

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: DecodeProblem };

/** Largest link payload or file accepted; far above any real assignment or results file. */
export const MAX_TEXT_BYTES = 5_000_000;

export interface Envelope<T> {
	format: string;
	schemaVersion: number;
	schema: v.GenericSchema<unknown, T>;
}

/** The object with its checksum, ready for JSON.stringify. */
export function sealed<T extends object>(value: T): T & { checksum: string } {
	return { ...value, checksum: checksum(canonicalJson(value)) };
}

export function toFileText<T extends object>(value: T): string {
	return `${JSON.stringify(sealed(value), null, '\t')}\n`;
}

export function toLinkPayload<T extends object>(value: T): string {
	return base64UrlEncode(deflateSync(strToU8(JSON.stringify(sealed(value))), { level: 9 }));
}

/** A file's text (JSON) → the validated object. */
export function fromFileText<T>(text: string, envelope: Envelope<T>): Decoded<T> {
	if (text.trim() === '') return fail({ kind: 'empty' });
	if (text.length > MAX_TEXT_BYTES) return fail({ kind: 'too-large', bytes: text.length });
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return fail({ kind: 'not-json' });
	}
	return fromJson(json, envelope);
}

/** A link payload (the part after `#a=` or `#r=`) → the validated object. */
export function fromLinkPayload<T>(payload: string, envelope: Envelope<T>): Decoded<T> {
	const trimmed = payload.trim();
	if (trimmed === '') return fail({ kind: 'empty' });
	if (trimmed.length > MAX_TEXT_BYTES) return fail({ kind: 'too-large', bytes: trimmed.length });
	if (/[^A-Za-z0-9_-]/.test(trimmed)) return fail({ kind: 'encoding' });
	// only valid characters but an impossible length: the copy ends early
	const bytes = base64UrlDecode(trimmed);
	if (!bytes) return fail({ kind: 'truncated' });
	let text: string;
	try {
		const inflated = inflateSync(bytes);
		if (inflated.length > MAX_TEXT_BYTES) return fail({ kind: 'too-large', bytes: inflated.length });
		text = strFromU8(inflated);
	} catch {
		return fail({ kind: 'truncated' });
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		// a cut inside the last deflate block can still inflate, to text that ends early
		return fail({ kind: 'truncated' });
	}
	return fromJson(json, envelope);
}

function fromJson<T>(json: unknown, envelope: Envelope<T>): Decoded<T> {
	if (!json || typeof json !== 'object' || Array.isArray(json))
		return fail({ kind: 'wrong-format', expected: envelope.format, found: null });
	const record = json as Record<string, unknown>;
	if (record.format !== envelope.format) {
		return fail({
			kind: 'wrong-format',
			expected: envelope.format,
			found: typeof record.format === 'string' ? record.format.slice(0, 60) : null
		});
	}
	const version = record.schemaVersion;
	if (typeof version === 'number' && Number.isInteger(version) && version > envelope.schemaVersion) {
		return fail({ kind: 'future-version', version, supported: envelope.schemaVersion });
	}
	const { checksum: claimed, ...rest } = record;
	if (typeof claimed !== 'string' || claimed !== checksum(canonicalJson(rest))) return fail({ kind: 'checksum' });
	const result = v.safeParse(envelope.schema, rest);
	if (!result.success) return fail({ kind: 'invalid', detail: issuesText(result.issues, 3) });
	return { ok: true, value: result.output };
}

function fail(problem: DecodeProblem): { ok: false; problem: DecodeProblem } {
	return { ok: false, problem };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base64UrlEncode(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const n = (at(bytes, i) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
		const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
		for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
	}
	return out;
}

/** null when the text has a character outside base64url or an impossible length. */
export function base64UrlDecode(text: string): Uint8Array | null {
	if (text.length % 4 === 1) return null;
	const out = new Uint8Array(Math.floor((text.length * 3) / 4));
	let o = 0;
	for (let i = 0; i < text.length; i += 4) {
		let n = 0;
		const chunk = text.slice(i, i + 4);
		for (let k = 0; k < 4; k++) {
			const value = k < chunk.length ? LOOKUP.get(at(chunk, k)) : 0;
			if (value === undefined) return null;
			n = (n << 6) | value;
		}
		const bytes = chunk.length - 1;
		for (let k = 0; k < bytes; k++) out[o++] = (n >> (16 - 8 * k)) & 255;
	}
	return out.subarray(0, o);
}

/** The payload of a link's fragment for `key` (`#a=…`), or null when the fragment has none. */
export function fragmentPayload(hash: string, key: 'a' | 'r'): string | null {
	const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
	const params = new URLSearchParams(fragment);
	return params.get(key);
}
