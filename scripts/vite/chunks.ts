import type { GetManualChunk, ManualChunkMeta } from 'rollup';
import type { Plugin } from 'vite';

/**
 * How the browser's JavaScript is cut into files (the client build only; the server build only prerenders the
 * page shells). Left to itself, Rollup makes one chunk per set of pages that share a module: the drill's first
 * screen came in 25 files. Each file costs a request and a module instantiation, which on a first visit with a
 * 4× slower CPU mattered more than a few kB: in one file per part below, the drill's first image came sooner
 * (npm run bench:ui; figures in the commit that made this).
 *
 * - framework: Svelte's and SvelteKit's runtime (every page);
 * - shell: everything the root layout imports, i.e. what every page runs (bank loading and checking, records,
 *   language, the header);
 * - drill: what only the drill, review and assignment pages (which show drill items) import;
 * - pages: what the drill shares with other pages (the bank and learner gates, cell images, …).
 * Rollup puts a module's unassigned dependencies into its chunk, so a rule for the drill alone would drag the
 * shared modules (and with them the drill) into every page; hence the separate `pages`.
 */
export const chunkOf: GetManualChunk = (id: string, meta: ManualChunkMeta) => {
	if (/node_modules\/(svelte|@sveltejs\/kit|esm-env|clsx|devalue)\//.test(id)) return 'framework';
	if (id.includes('node_modules')) return undefined;
	const from = (entry: RegExp) => reachedFrom(id, entry, meta.getModuleInfo);
	if (from(LAYOUT)) return 'shell';
	if (from(DRILL_PAGE)) return from(OTHER_PAGES) ? 'pages' : 'drill';
	return undefined;
};

const LAYOUT = /\/src\/routes\/\+layout\.(svelte|ts)$/;
const DRILL_PAGE = /\/src\/routes\/drill\/\+page\.(svelte|ts)$/;
/** pages other than the drill, the review and an assignment (which show drill items too) */
const OTHER_PAGES = /\/src\/routes\/(?!drill\/|review\/|assignment\/)(.+\/)?\+page\.(svelte|ts)$/;

/** Whether `entry` imports `id`, directly or through other modules (static imports only: what loads with it). */
export function reachedFrom(id: string, entry: RegExp, info: ManualChunkMeta['getModuleInfo'], seen = new Set<string>()): boolean {
	if (entry.test(id)) return true;
	if (seen.has(id)) return false;
	seen.add(id);
	return (info(id)?.importers ?? []).some((parent) => reachedFrom(parent, entry, info, seen));
}

/** chunkOf for the client build. */
export function appChunks(): Plugin {
	return {
		name: 'leukodex-chunks',
		applyToEnvironment: (environment) => environment.name === 'client',
		outputOptions(options) {
			return { ...options, manualChunks: chunkOf };
		}
	};
}
