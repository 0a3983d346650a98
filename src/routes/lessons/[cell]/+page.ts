import { CELL_CLASS_IDS, isCellClassId } from '$lib/cells/taxonomy.ts';
import type { EntryGenerator, PageLoad } from './$types';

// Lessons are static: emit a page per class so any static host serves them without the SPA fallback.
export const prerender = true;
export const entries: EntryGenerator = () => CELL_CLASS_IDS.map((cell) => ({ cell }));

// An unknown id is answered on the page itself, in the learner's language, with a way back.
export const load: PageLoad = ({ params }) => ({
	cellClass: isCellClassId(params.cell) ? params.cell : null,
	requested: params.cell
});
