import { emailSchema } from '../../../shared/admin.ts';
import {
  HANDOVER_NAME_MAX_LENGTH,
  IMPORT_COLUMN_NAMES,
  IMPORT_COLUMNS,
  IMPORT_MAX_ROWS,
  type ImportColumn,
  type ImportProblem,
  installationDateProblem,
  looksLikeFormula,
  OFFICE_REGION_KIND,
  parseDateText,
  type RegionKind,
} from '../../../shared/handover.ts';
import { OFFICES, type Office } from '../../../shared/people.ts';
import { normaliseEmail } from '../people/repository.ts';
import { isBlankRecord, parseCsv } from './csv.ts';
import type { RegionIndex } from './regions.ts';

/**
 * Checks an uploaded CSV file of appointments, every row, before anything is written: the result is
 * either the rows ready to import or every problem found (a file with any problem imports nothing).
 * Pure apart from the clock; whether an address already has an account is asked separately (import.ts).
 */

/** One appointment, checked and normalised, as the import writes it. */
export interface Appointment {
  name: string;
  office: Office;
  regionKind: RegionKind;
  /** The name as in the reference list. */
  region: string;
  installationDate: string;
  /** Lower-cased. */
  email: string;
}

export interface ImportRow extends Appointment {
  row: number;
}

export interface ImportCheck {
  /** The rows without a problem; the file is importable only when `problems` is empty. */
  rows: ImportRow[];
  /** Data rows in the file (blank rows not counted). */
  total: number;
  problems: ImportProblem[];
  /** Every well-formed address with its first row, rows with other problems included (for `email_taken`). */
  emails: { row: number; email: string }[];
}

const VALUE_MAX = 100;
const shorten = (value: string) => (value.length > VALUE_MAX ? `${value.slice(0, VALUE_MAX - 1)}…` : value);

/** Letters and digits only, lower case, no accents: how header names and office names are compared. */
function compactKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const OFFICE_WORDS: Record<string, Office> = {
  ...Object.fromEntries(OFFICES.map((office) => [compactKey(office), office])),
  mayor: 'burgemeester',
  alderman: 'wethouder',
  gemeenteraadslid: 'raadslid',
  councillor: 'raadslid',
  councilor: 'raadslid',
  lidprovincialestaten: 'statenlid',
  provincialestatenlid: 'statenlid',
  cdk: 'commissaris_van_de_koning',
  kingscommissioner: 'commissaris_van_de_koning',
  waterschapsbestuur: 'waterschapsbestuurder',
  dijkgraaf: 'waterschapsbestuurder',
};

/** An office as typed ("Wethouder", "Commissaris van de Koning", "cdk"), or null. */
export function parseOffice(typed: string): Office | null {
  return OFFICE_WORDS[compactKey(typed)] ?? null;
}

const COLUMN_BY_HEADER = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((column) => IMPORT_COLUMN_NAMES[column].map((name) => [compactKey(name), column] as const)),
);

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const problemOrder = (problem: ImportProblem) =>
  [problem.row ?? 0, problem.column ? IMPORT_COLUMNS.indexOf(problem.column) : -1] as const;

function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => {
    const [rowA, columnA] = problemOrder(a);
    const [rowB, columnB] = problemOrder(b);
    return rowA - rowB || columnA - columnB;
  });
}

export function checkImportFile(
  bytes: Uint8Array,
  deps: { regions: RegionIndex; today?: Date; onProgress?: (done: number, total: number) => void },
): ImportCheck {
  const fileProblem = (code: ImportProblem['code'], extra: Partial<ImportProblem> = {}): ImportCheck => ({
    rows: [],
    total: 0,
    problems: [{ row: null, column: null, code, ...extra }],
    emails: [],
  });

  const text = decodeUtf8(bytes);
  if (text === null) return fileProblem('not_utf8');
  if (text.replace(/^\uFEFF/, '').trim() === '') return fileProblem('empty_file');
  const parsed = parseCsv(text);
  if (!parsed.ok) return fileProblem('unterminated_quote', { row: parsed.row });

  const [header, ...records] = parsed.records;
  if (!header) return fileProblem('empty_file');

  // The header: every column known, none twice, none missing. Empty header cells (a trailing separator) are ignored.
  const columnAt = new Map<ImportColumn, number>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  header.cells.forEach((cell, index) => {
    if (cell.trim() === '') return;
    const column = COLUMN_BY_HEADER.get(compactKey(cell));
    if (!column) unknown.push(cell.trim());
    else if (columnAt.has(column)) duplicate.push(cell.trim());
    else columnAt.set(column, index);
  });
  const missing = IMPORT_COLUMNS.filter((column) => !columnAt.has(column));
  const headerProblems: ImportProblem[] = [];
  if (missing.length > 0) {
    headerProblems.push({ row: 1, column: null, code: 'missing_columns', value: missing.join(', ') });
  }
  if (unknown.length > 0) {
    headerProblems.push({ row: 1, column: null, code: 'unknown_columns', value: shorten(unknown.join(', ')) });
  }
  if (duplicate.length > 0) {
    headerProblems.push({ row: 1, column: null, code: 'duplicate_columns', value: shorten(duplicate.join(', ')) });
  }
  if (headerProblems.length > 0) return { rows: [], total: 0, problems: headerProblems, emails: [] };

  const dataRecords = records.filter((record) => !isBlankRecord(record));
  if (dataRecords.length === 0) return fileProblem('no_rows');
  if (dataRecords.length > IMPORT_MAX_ROWS) {
    return { ...fileProblem('too_many_rows', { value: String(dataRecords.length) }), total: dataRecords.length };
  }

  const today = deps.today ?? new Date();
  const problems: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  const firstRowOfEmail = new Map<string, number>();
  const emails: { row: number; email: string }[] = [];
  const lastUsedIndex = Math.max(...columnAt.values());

  dataRecords.forEach((record, index) => {
    if (index % 100 === 0) deps.onProgress?.(index, dataRecords.length);
    const row = record.row;
    const rowProblems: ImportProblem[] = [];
    const add = (column: ImportColumn | null, code: ImportProblem['code'], value?: string, otherRow?: number) =>
      rowProblems.push({
        row,
        column,
        code,
        ...(value !== undefined ? { value: shorten(value) } : {}),
        ...(otherRow !== undefined ? { otherRow } : {}),
      });

    // Too few cells, or more filled cells than the header has columns.
    const extraFilled = record.cells.slice(header.cells.length).some((cell) => cell.trim() !== '');
    if (record.cells.length <= lastUsedIndex || extraFilled) {
      add(null, 'column_count', String(record.cells.length));
      problems.push(...rowProblems);
      return;
    }
    const cell = (column: ImportColumn) => record.cells[columnAt.get(column) as number] ?? '';

    // Any cell a spreadsheet would run as a formula is refused, whatever the column.
    const formulaColumns = IMPORT_COLUMNS.filter((column) => looksLikeFormula(cell(column)));
    for (const column of formulaColumns) add(column, 'formula_not_allowed', cell(column));
    const checks = (column: ImportColumn) => !formulaColumns.includes(column);

    const name = cell('name').trim();
    if (checks('name')) {
      if (!name) add('name', 'name_missing');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
      else if (/[\u0000-\u001f\u007f]/.test(name)) add('name', 'name_invalid', name);
      else if (name.length > HANDOVER_NAME_MAX_LENGTH) add('name', 'name_too_long', name);
    }

    const officeText = cell('office').trim();
    const office = officeText ? parseOffice(officeText) : null;
    if (checks('office')) {
      if (!officeText) add('office', 'office_missing');
      else if (!office) add('office', 'office_unknown', officeText);
    }

    const regionText = cell('region').trim();
    let region: string | null = null;
    if (checks('region')) {
      if (!regionText) add('region', 'region_missing');
      else if (office) {
        const match = deps.regions.match(OFFICE_REGION_KIND[office], regionText);
        if (match.ok) region = match.name;
        else add('region', match.problem, regionText);
      }
    }

    const dateText = cell('installationDate').trim();
    let installationDate: string | null = null;
    if (checks('installationDate')) {
      if (!dateText) add('installationDate', 'date_missing');
      else {
        const iso = parseDateText(dateText);
        const problem = iso ? installationDateProblem(iso, today) : 'date_invalid';
        if (problem) add('installationDate', problem, dateText);
        else installationDate = iso;
      }
    }

    const emailText = cell('email').trim();
    let email: string | null = null;
    if (checks('email')) {
      if (!emailText) add('email', 'email_missing');
      else if (!emailSchema.safeParse(emailText).success) add('email', 'email_invalid', emailText);
      else {
        email = normaliseEmail(emailText);
        const first = firstRowOfEmail.get(email);
        if (first !== undefined) add('email', 'email_duplicate', emailText, first);
        else {
          firstRowOfEmail.set(email, row);
          emails.push({ row, email });
        }
      }
    }

    if (rowProblems.length > 0 || !office || !region || !installationDate || !email) {
      problems.push(...rowProblems);
      return;
    }
    rows.push({ row, name, office, regionKind: OFFICE_REGION_KIND[office], region, installationDate, email });
  });
  deps.onProgress?.(dataRecords.length, dataRecords.length);
  return { rows, total: dataRecords.length, problems: sortProblems(problems), emails };
}

/** Adds `email_taken` for each row whose address already has an account (`taken`: lower-cased addresses). */
export function withTakenAddresses(check: ImportCheck, taken: ReadonlySet<string>): ImportCheck {
  const problems: ImportProblem[] = check.emails
    .filter((entry) => taken.has(entry.email))
    .map((entry) => ({ row: entry.row, column: 'email', code: 'email_taken', value: shorten(entry.email) }));
  if (problems.length === 0) return check;
  return { ...check, problems: sortProblems([...check.problems, ...problems]) };
}
