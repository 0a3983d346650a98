import { isCellClassId } from '$lib/cells/taxonomy.ts';
import type { PageLoad } from './$types';

// An unknown id is answered on the page itself, in the learner's language, with a way back.
export const load: PageLoad = ({ params }) => ({
	cellClass: isCellClassId(params.cell) ? params.cell : null,
	requested: params.cell
});
