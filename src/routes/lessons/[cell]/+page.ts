import { CELL_CLASS_IDS, cellName, isCellClassId } from '$lib/cells/taxonomy.ts';
import { lessons } from '$lib/i18n/catalog/lessons.ts';
import { locale } from '$lib/i18n/locale.svelte.ts';
import { titled } from '$lib/i18n/page-title.ts';
import type { EntryGenerator, PageLoad } from './$types';

// Lessons are static: emit a page per class so any static host serves them without the SPA fallback.
export const prerender = true;
export const entries: EntryGenerator = () => CELL_CLASS_IDS.map((cell) => ({ cell }));

// An unknown id is answered on the page itself, in the learner's language, with a way back.
export const load: PageLoad = ({ params }) => {
	const cellClass = isCellClassId(params.cell) ? params.cell : null;
	const index = () => locale.t(lessons, 'indexTitle');
	return {
		cellClass,
		requested: params.cell,
		title: () => (cellClass ? titled(cellName(cellClass, locale.current), index()) : titled(index()))
	};
};
