import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { CsvSyntaxError, parseCsv } from './csv.ts';

/**
 * Dataset manifests: `manifest.csv` with columns id, file, label and optional attribute columns;
 * image paths are relative to the manifest. The folder name is the source name.
 * This reads and checks the table itself; what a label means is up to the caller.
 */

export const REQUIRED_COLUMNS = ['id', 'file', 'label'] as const;

/** Columns that describe where a row came from rather than what the cell looks like. */
export const METADATA_COLUMNS: ReadonlySet<string> = new Set(['pbc_group', 'wbcatt_split']);

export interface ManifestRow {
	/** line in manifest.csv where the row starts */
	line: number;
	id: string;
	/** as written in the manifest */
	file: string;
	/** absolute path of the image */
	path: string;
	label: string;
	/** non-empty morphology attribute columns (metadata columns left out) */
	attributes: Record<string, string>;
}

export interface RowProblem {
	manifest: string;
	/** 0 when the problem is with the whole file */
	line: number;
	id: string;
	problem: string;
}

export interface Manifest {
	path: string;
	dir: string;
	source: string;
	columns: string[];
	attributeColumns: string[];
	/** rows that passed the table checks */
	rows: ManifestRow[];
	problems: RowProblem[];
}

export async function readManifest(path: string): Promise<Manifest> {
	const abs = resolve(path);
	const dir = dirname(abs);
	const manifest: Manifest = {
		path: abs,
		dir,
		source: basename(dir),
		columns: [],
		attributeColumns: [],
		rows: [],
		problems: []
	};
	const fileProblem = (problem: string, line = 0) => manifest.problems.push({ manifest: abs, line, id: '', problem });
	let text: string;
	try {
		text = await readFile(abs, 'utf8');
	} catch (error) {
		fileProblem(`the manifest cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
		return manifest;
	}
	let records;
	try {
		records = parseCsv(text);
	} catch (error) {
		if (error instanceof CsvSyntaxError) {
			fileProblem(`not valid CSV: ${error.message}`, error.line);
			return manifest;
		}
		throw error;
	}
	const header = records.shift();
	if (!header) {
		fileProblem('the manifest is empty (expected a header line: id,file,label)');
		return manifest;
	}
	const columns = header.fields.map((c) => c.trim());
	manifest.columns = columns;
	const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
	if (missing.length > 0) {
		fileProblem(
			`missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (header is: ${columns.join(',')})`,
			header.line
		);
		return manifest;
	}
	const index = Object.fromEntries(columns.map((c, i) => [c, i])) as Record<string, number>;
	manifest.attributeColumns = columns.filter(
		(c) => c !== '' && !(REQUIRED_COLUMNS as readonly string[]).includes(c) && !METADATA_COLUMNS.has(c)
	);
	const firstLineOf = new Map<string, number>();
	for (const { line, fields } of records) {
		const id = (fields[index.id] ?? '').trim();
		const problem = (text: string) => manifest.problems.push({ manifest: abs, line, id, problem: text });
		if (fields.length !== columns.length) {
			problem(`has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${columns.length}`);
			continue;
		}
		if (id === '') {
			problem('empty id');
			continue;
		}
		const seen = firstLineOf.get(id);
		if (seen !== undefined) {
			problem(`duplicate id (first used on line ${seen})`);
			continue;
		}
		firstLineOf.set(id, line);
		const file = fields[index.file].trim();
		if (file === '') {
			problem('empty file column');
			continue;
		}
		const attributes: Record<string, string> = {};
		for (const column of manifest.attributeColumns) {
			const value = fields[index[column]].trim();
			if (value !== '') attributes[column] = value;
		}
		manifest.rows.push({ line, id, file, path: resolve(dir, file), label: fields[index.label].trim(), attributes });
	}
	return manifest;
}

/** One line per problem, capped: "<manifest> line 12 (id X): what is wrong". */
export function formatProblems(problems: readonly RowProblem[], cap = 40): string {
	const lines = problems.slice(0, cap).map((p) => {
		const where = p.line > 0 ? ` line ${p.line}` : '';
		const id = p.id !== '' ? ` (id ${p.id})` : '';
		return `  ${p.manifest}${where}${id}: ${p.problem}`;
	});
	if (problems.length > cap) lines.push(`  … and ${problems.length - cap} more.`);
	return lines.join('\n');
}
