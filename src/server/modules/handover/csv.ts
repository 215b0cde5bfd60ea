/**
 * A small RFC 4180 CSV reader: quoted fields (with `""` for a quote, separators and line breaks inside),
 * CRLF or LF line ends, comma or semicolon as separator (whichever the header row uses most). It keeps
 * every record, blank ones included, so record numbers match the row numbers a spreadsheet shows.
 */

export type CsvSeparator = ',' | ';';

export interface CsvRecord {
  /** 1-based, as a spreadsheet numbers rows (a line break inside quotes does not start a new row). */
  row: number;
  cells: string[];
}

export type CsvResult =
  | { ok: true; separator: CsvSeparator; records: CsvRecord[] }
  | { ok: false; problem: 'unterminated_quote'; row: number };

/** The separator the first record uses most, outside quotes; a comma when there is neither. */
export function detectSeparator(text: string): CsvSeparator {
  let commas = 0;
  let semicolons = 0;
  let inQuotes = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && char === ',') commas++;
    else if (!inQuotes && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseCsv(input: string, separator: CsvSeparator = detectSeparator(input)): CsvResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let fieldStarted = false;
  const endField = () => {
    cells.push(field);
    field = '';
    quoted = false;
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push({ row: records.length + 1, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += char;
      }
      continue;
    }
    if (char === '"' && !fieldStarted && !quoted) {
      inQuotes = true;
      quoted = true;
      fieldStarted = true;
      continue;
    }
    if (char === separator) {
      endField();
      continue;
    }
    if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      continue;
    }
    // Spaces before an opening quote do not make it a literal quote.
    if (!(char === ' ' && !fieldStarted)) fieldStarted = true;
    field += char;
  }
  if (inQuotes) return { ok: false, problem: 'unterminated_quote', row: records.length + 1 };
  if (field !== '' || quoted || cells.length > 0) endRecord();
  return { ok: true, separator, records };
}

/** True when every cell of the record is empty or spaces (a blank line, or only separators). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.cells.every((cell) => cell.trim() === '');
}
