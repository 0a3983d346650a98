import type { Facts } from '../facts.ts';
import { probeGpu } from './capability.ts';
import { cachedModel } from './cache.ts';
import { countValidation, loadSettings } from './settings.ts';
import { Tutor } from './tutor.ts';

/** A tutor for these facts, wired to the browser: WebGPU probe, Cache Storage, localStorage, and web-llm on demand. */
export function browserTutor(facts: Facts): Tutor {
	return new Tutor(facts, {
		probe: () => probeGpu(),
		// the only path to web-llm: a separate chunk, fetched when the learner has agreed to the download
		createEngine: async () => (await import('./web-llm-engine.ts')).createWebLlmEngine(),
		isCached: async (location) => (await cachedModel(location)).files > 0,
		settings: loadSettings,
		count: (passed) => void countValidation(passed),
		pageUrl: () => location.href
	});
}
