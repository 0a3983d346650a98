import type { DecodeProblem } from '$lib/assignments/codec.ts';
import type { BankMismatch } from '$lib/assignments/plan.ts';
import { assignments as messages } from '$lib/i18n/catalog/assignments.ts';
import { locale } from '$lib/i18n/locale.svelte.ts';

/** Why a link or file was refused, in the UI language (reactive: call it from markup). */
export function decodeProblemText(problem: DecodeProblem | BankMismatch | { kind: 'duplicate-in-batch' }): string {
	switch (problem.kind) {
		case 'empty':
			return locale.t(messages, 'problemEmpty');
		case 'too-large':
			return locale.t(messages, 'problemTooLarge', { bytes: locale.number(problem.bytes) });
		case 'encoding':
			return locale.t(messages, 'problemEncoding');
		case 'truncated':
			return locale.t(messages, 'problemTruncated');
		case 'not-json':
			return locale.t(messages, 'problemNotJson');
		case 'wrong-format':
			return problem.found
				? locale.t(messages, 'problemWrongFormat', { found: problem.found })
				: locale.t(messages, 'problemWrongFormatUnknown');
		case 'future-version':
			return locale.t(messages, 'problemFuture', { version: problem.version, supported: problem.supported });
		case 'checksum':
			return locale.t(messages, 'problemChecksum');
		case 'invalid':
			return locale.t(messages, 'problemInvalid', { detail: problem.detail });
		case 'other-bank':
			return locale.t(messages, 'problemOtherBank', { made: dateText(problem.made), here: dateText(problem.here) });
		case 'items-differ':
			return locale.t(messages, 'problemItemsDiffer');
		case 'duplicate-in-batch':
			return locale.t(messages, 'problemDuplicate');
	}
}

function dateText(iso: string): string {
	const t = Date.parse(iso);
	return Number.isNaN(t) ? iso : locale.date(t, { dateStyle: 'medium', timeStyle: 'short' });
}
