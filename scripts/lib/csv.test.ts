// The CSV reader: delimiter detection, quoting (RFC 4180), BOM, line numbers of records and problems.
import { describe, expect, it } from 'vitest';
import { decodeUtf8, detectDelimiter, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads ; with a BOM, CRLF, doubled quotes and newlines inside quotes, numbering records by their first line', () => {
    const { table, problems } = parseCsv('\uFEFFNaam;Functie;Notitie\r\n"Jan ""JJ"" Jansen";"Adviseur\r\nwonen";a,b\r\n\r\nPiet;Bode;\r\n');
    expect(problems).toEqual([]);
    expect(table.delimiter).toBe(';');
    expect(table.header).toEqual(['Naam', 'Functie', 'Notitie']);
    expect(table.records).toEqual([
      { line: 2, cells: ['Jan "JJ" Jansen', 'Adviseur\r\nwonen', 'a,b'] },
      { line: 5, cells: ['Piet', 'Bode', ''] },
    ]);
  });

  it('picks , when the header has more commas than semicolons outside quotes', () => {
    expect(detectDelimiter('"a;b;c",d,e\n1;2;3;4')).toBe(',');
    expect(detectDelimiter('a;b,c;d')).toBe(';');
  });

  it('skips rows with only empty cells (Excel) and reads a last record without a newline', () => {
    const { table } = parseCsv('a,b\n1,2\n,\n3,4');
    expect(table.records.map((r) => r.cells)).toEqual([['1', '2'], ['3', '4']]);
  });

  it('reports an unclosed quote at the line where it opens', () => {
    const { problems } = parseCsv('a,b\n1,2\n3,"vier\n5,6\n');
    expect(problems).toEqual([{ line: 3, message: 'aanhalingsteken wordt niet gesloten (de rest van het bestand hoort nu bij deze cel)' }]);
  });

  it('reports text after a closing quote and a wrong number of cells, each at its own line', () => {
    const { problems, table } = parseCsv('a,b\n"x"y,2\n1,2,3\n"ok\nok",2\n');
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
    expect(problems[1].message).toBe('3 kolommen, de kopregel heeft er 2 (scheidingsteken ",")');
    expect(table.records).toEqual([{ line: 4, cells: ['ok\nok', '2'] }]);
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 and names the first line that is not (a Windows-1252 Ö)', () => {
    expect(decodeUtf8(Buffer.from('Naam\nÖzlem\n'))).toEqual({ text: 'Naam\nÖzlem\n' });
    expect(decodeUtf8(Buffer.from([...Buffer.from('Naam\nAnna\n'), 0xd6, 0x7a, 0x0a]))).toEqual({ line: 3 });
  });
});
