import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv.ts';

describe('parseCsv', () => {
	it('reads plain rows with their line numbers', () => {
		expect(parseCsv('id,file,label\na,a.jpg,basophil\nb,b.jpg,monocyte\n')).toEqual([
			{ line: 1, fields: ['id', 'file', 'label'] },
			{ line: 2, fields: ['a', 'a.jpg', 'basophil'] },
			{ line: 3, fields: ['b', 'b.jpg', 'monocyte'] }
		]);
	});

	it('strips a byte-order mark and accepts CRLF, a missing final newline and blank lines', () => {
		const records = parseCsv('\uFEFFid,file\r\na,x.jpg\r\n\r\nb,y.jpg');
		expect(records.map((r) => r.fields)).toEqual([
			['id', 'file'],
			['a', 'x.jpg'],
			['b', 'y.jpg']
		]);
		expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
	});

	it('handles quotes: commas, doubled quotes and line breaks inside a field', () => {
		const records = parseCsv('id,note,label\n"c,1","say ""hi""","multi\r\nline"\nd,,""\n');
		expect(records[1]).toEqual({ line: 2, fields: ['c,1', 'say "hi"', 'multi\r\nline'] });
		expect(records[2]).toEqual({ line: 4, fields: ['d', '', ''] });
	});

	it('keeps empty trailing fields and a lone quoted empty value', () => {
		expect(parseCsv('a,b,\n""\n').map((r) => r.fields)).toEqual([['a', 'b', ''], ['']]);
	});

	it('reports broken quoting with the line', () => {
		expect(() => parseCsv('id\n"open\nstill open')).toThrow(CsvSyntaxError);
		const error = (() => {
			try {
				parseCsv('id,file\nok,1\nx,"a"b\n');
			} catch (caught) {
				return caught;
			}
		})();
		expect(error).toBeInstanceOf(CsvSyntaxError);
		expect((error as CsvSyntaxError).line).toBe(3);
		expect(() => parseCsv('id,file\nx,a"b\n')).toThrow(/quote appears inside/);
	});
});
