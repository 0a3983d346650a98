/**
 * The learner's tutor settings and the validator's local tally, in localStorage (small, per
 * device, nothing sent anywhere). A storage failure keeps the defaults rather than breaking the page.
 */
export interface TutorSettings {
	/** null: the public default; otherwise a base URL laid out as in models.ts `locate` */
	baseUrl: string | null;
	/** offer the 8B model on GPUs that can run it */
	preferLarge: boolean;
}

export interface ValidationTally {
	passed: number;
	failed: number;
}

const SETTINGS_KEY = 'leukodex.tutor.settings';
const TALLY_KEY = 'leukodex.tutor.validation';

export const DEFAULT_SETTINGS: TutorSettings = { baseUrl: null, preferLarge: false };

function read<T>(key: string, fallback: T, valid: (value: unknown) => value is T): T {
	try {
		const raw = globalThis.localStorage?.getItem(key);
		if (!raw) return fallback;
		const value: unknown = JSON.parse(raw);
		return valid(value) ? value : fallback;
	} catch {
		return fallback;
	}
}

function write(key: string, value: unknown): void {
	try {
		globalThis.localStorage?.setItem(key, JSON.stringify(value));
	} catch {
		// storage full or blocked: the value still applies for this visit
	}
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isSettings(v: unknown): v is TutorSettings {
	return isObject(v) && (v.baseUrl === null || typeof v.baseUrl === 'string') && typeof v.preferLarge === 'boolean';
}

function isTally(v: unknown): v is ValidationTally {
	return isObject(v) && Number.isInteger(v.passed) && Number.isInteger(v.failed);
}

export function loadSettings(): TutorSettings {
	return read(SETTINGS_KEY, DEFAULT_SETTINGS, isSettings);
}

export function saveSettings(settings: TutorSettings): void {
	write(SETTINGS_KEY, { baseUrl: settings.baseUrl?.trim() || null, preferLarge: settings.preferLarge });
}

export function loadTally(): ValidationTally {
	return read(TALLY_KEY, { passed: 0, failed: 0 }, isTally);
}

export function countValidation(passed: boolean): ValidationTally {
	const tally = loadTally();
	const next = passed ? { ...tally, passed: tally.passed + 1 } : { ...tally, failed: tally.failed + 1 };
	write(TALLY_KEY, next);
	return next;
}
