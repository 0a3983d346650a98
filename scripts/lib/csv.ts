/**
 * A small RFC 4180 CSV reader for dataset manifests: quoted fields (with "" escapes and line
 * breaks inside quotes), LF or CRLF line ends, an optional UTF-8 byte-order mark.
 * Each record keeps the 1-based line number it starts on, so errors can point at the file.
 */

export interface CsvRecord {
	/** line in the file where the record starts (1 = header) */
	line: number;
	fields: string[];
}

export class CsvSyntaxError extends Error {
	constructor(
		message: string,
		readonly line: number
	) {
		super(message);
	}
}

export function parseCsv(text: string): CsvRecord[] {
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let field = '';
	let line = 1;
	let recordLine = 1;
	let i = 0;
	let quoted = false;
	// true once the current field started with a quote and the closing quote was seen
	let closed = false;
	const endRecord = () => {
		fields.push(field);
		// A blank line is not a record (a trailing newline, or an empty line between rows).
		if (!(fields.length === 1 && fields[0] === '' && !closed)) records.push({ line: recordLine, fields });
		fields = [];
		field = '';
		closed = false;
	};
	while (i < text.length) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
				closed = true;
				i++;
				continue;
			}
			if (ch === '\n') line++;
			field += ch;
			i++;
			continue;
		}
		if (ch === '"') {
			if (field !== '' || closed) throw new CsvSyntaxError('a quote appears inside an unquoted field', line);
			quoted = true;
			i++;
			continue;
		}
		if (ch === ',') {
			fields.push(field);
			field = '';
			closed = false;
			i++;
			continue;
		}
		if (ch === '\r' && text[i + 1] === '\n') i++;
		if (ch === '\n' || ch === '\r') {
			endRecord();
			line++;
			recordLine = line;
			i++;
			continue;
		}
		if (closed) throw new CsvSyntaxError('text follows a closing quote', line);
		field += ch;
		i++;
	}
	if (quoted) throw new CsvSyntaxError('a quoted field is never closed', recordLine);
	if (field !== '' || fields.length > 0 || closed) endRecord();
	return records;
}
