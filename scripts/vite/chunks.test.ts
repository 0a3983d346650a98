import type { ManualChunkMeta } from 'rollup';
import { describe, expect, it } from 'vitest';
import { chunkOf } from './chunks.ts';

/** A module graph given as importer lists, as Rollup's getModuleInfo reports it. */
function graph(importers: Record<string, string[]>): ManualChunkMeta {
	return {
		getModuleInfo: (id: string) => (id in importers ? { importers: importers[id] } : null),
		getModuleIds: () => Object.keys(importers)[Symbol.iterator]()
	} as unknown as ManualChunkMeta;
}

const R = '/app/src/routes';
const meta = graph({
	[`${R}/+layout.svelte`]: [],
	[`${R}/drill/+page.svelte`]: [],
	[`${R}/review/+page.svelte`]: [],
	[`${R}/lessons/+page.svelte`]: [],
	'/app/src/lib/locale.ts': [`${R}/+layout.svelte`, `${R}/lessons/+page.svelte`],
	[`${R}/drill/DrillFlow.svelte`]: [`${R}/drill/+page.svelte`],
	[`${R}/drill/DrillItemView.svelte`]: [`${R}/drill/DrillFlow.svelte`, `${R}/review/+page.svelte`],
	'/app/src/lib/WithBank.svelte': [`${R}/drill/DrillFlow.svelte`, `${R}/lessons/+page.svelte`],
	'/app/src/lib/charts.ts': [`${R}/lessons/+page.svelte`],
	'/app/node_modules/svelte/src/internal/client/runtime.js': ['/app/src/lib/locale.ts'],
	'/app/node_modules/d3/index.js': ['/app/src/lib/charts.ts']
});

describe('chunkOf (how the client JavaScript is cut into files)', () => {
	it('puts the runtime in framework and what the root layout loads in shell', () => {
		expect(chunkOf('/app/node_modules/svelte/src/internal/client/runtime.js', meta)).toBe('framework');
		expect(chunkOf('/app/src/lib/locale.ts', meta)).toBe('shell');
	});

	it('keeps what only drill-item pages use in drill, and what the drill shares with other pages in pages', () => {
		expect(chunkOf(`${R}/drill/DrillFlow.svelte`, meta)).toBe('drill');
		expect(chunkOf(`${R}/drill/DrillItemView.svelte`, meta), 'the review shows drill items too').toBe('drill');
		expect(chunkOf('/app/src/lib/WithBank.svelte', meta)).toBe('pages');
	});

	it('leaves other pages and other libraries to Rollup', () => {
		expect(chunkOf('/app/src/lib/charts.ts', meta)).toBeUndefined();
		expect(chunkOf('/app/node_modules/d3/index.js', meta)).toBeUndefined();
	});
});
