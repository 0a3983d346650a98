import type { ClassifierErrorCode } from './protocol.ts';

/** An error with a code the UI can translate; `message` keeps the technical detail for the console. */
export class ClassifierError extends Error {
	constructor(
		readonly code: ClassifierErrorCode,
		message: string
	) {
		super(message);
		this.name = 'ClassifierError';
	}
}
