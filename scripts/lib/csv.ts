// RFC 4180 CSV reader for HR exports: quotes with embedded newlines, BOM, `,` or `;` (Dutch Excel).

/** One data record and the 1-based line in the file where it starts. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A problem in the file, at the line where it starts. */
export interface CsvProblem {
  line: number;
  message: string;
}

/** A parsed table: the delimiter found in the header, the header cells and the records. */
export interface CsvTable {
  delimiter: ',' | ';';
  header: string[];
  records: CsvRecord[];
}

/**
 * Decodes a file as UTF-8, or says on which line it is not UTF-8: Excel's plain "CSV" is Windows-1252,
 * and decoding that as UTF-8 would silently turn "Özlem" into "�zlem".
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { line: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return { line };
      }
      line++;
      start = i + 1;
    }
    return { line: 1 };
  }
}

/**
 * Picks the delimiter from the header line: Dutch Excel writes `;` (the comma is the decimal
 * separator), everything else `,`. Only characters outside quotes count.
 */
export function detectDelimiter(text: string): ',' | ';' {
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch === ',') commas++;
    else if (!inQuotes && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Splits text into raw records; an unclosed quote or text after a closing quote is a problem. */
function splitRecords(text: string, delimiter: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  let inQuotes = false;
  let afterQuote = false;
  let brokenRecord = false;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endCell();
    if (!brokenRecord && cells.some((c) => c.trim() !== '')) records.push({ line: recordLine, cells });
    cells = [];
    brokenRecord = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        inQuotes = false;
        afterQuote = true;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === delimiter) {
      endCell();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (afterQuote) {
      if (!brokenRecord) problems.push({ line, message: `tekst na een afsluitend aanhalingsteken; zet de hele cel tussen aanhalingstekens en verdubbel aanhalingstekens erin ("")` });
      brokenRecord = true;
      cell += ch;
    } else if (ch === '"' && cell === '') {
      inQuotes = true;
      quoteLine = line;
    } else {
      cell += ch;
    }
  }
  if (inQuotes) {
    problems.push({ line: quoteLine, message: 'aanhalingsteken wordt niet gesloten (de rest van het bestand hoort nu bij deze cel)' });
    return { records, problems };
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return { records, problems };
}

/**
 * Parses a CSV file with a header row. Strips a UTF-8 BOM, detects the delimiter, skips empty
 * lines (Excel's trailing `;;;` rows too) and reports every record with the wrong number of cells.
 */
export function parseCsv(source: string): { table: CsvTable; problems: CsvProblem[] } {
  const text = source.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  const { records, problems } = splitRecords(text, delimiter);
  const [head, ...rows] = records;
  const header = head ? head.cells.map((c) => c.trim()) : [];
  if (!head) problems.push({ line: 1, message: 'het bestand is leeg: verwacht een kopregel met kolomnamen' });
  const good: CsvRecord[] = [];
  for (const row of rows) {
    if (row.cells.length === header.length) good.push(row);
    else problems.push({ line: row.line, message: `${row.cells.length} kolommen, de kopregel heeft er ${header.length} (scheidingsteken "${delimiter}")` });
  }
  problems.sort((a, b) => a.line - b.line);
  return { table: { delimiter, header, records: good }, problems };
}
