import { base } from '$app/paths';
import type { CellClassId } from '$lib/cells/taxonomy.ts';

/**
 * Links to pages, under the app's base path. One place rather than typed `resolve()` calls
 * because several routes (lessons, model, check) are built separately and may not exist yet.
 */
export function appPath(path: `/${string}`): string {
	return `${base}${path}`;
}

export function lessonPath(cellClass: CellClassId): string {
	return appPath(`/lessons/${cellClass}`);
}
