import * as v from 'valibot';
import { CELL_CLASS_IDS } from './taxonomy.ts';

/** A cell class id, as every boundary file (bank, backup, assignment spec and results) stores it. */
export const CellClassIdSchema = v.picklist(CELL_CLASS_IDS);

/** The longest learner (or instructor) name, wherever a name is typed or read from a file. */
export const NAME_MAX_LENGTH = 80;
