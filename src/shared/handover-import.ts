import { z } from 'zod';

/**
 * Importing many appointments from a CSV file (part of the handover contract, src/shared/handover.ts,
 * which re-exports everything here): the file's limits and columns, the problems a row can have, the
 * streamed progress and result, and the rejection report written back as CSV.
 */

/** The upload: UTF-8 text, comma- or semicolon-separated, with a header row; at most this big. */
export const IMPORT_MAX_BYTES = 1024 * 1024;
export const IMPORT_MAX_ROWS = 1000;
export const IMPORT_CONTENT_TYPE = 'text/csv';

export const IMPORT_COLUMNS = ['name', 'office', 'region', 'installationDate', 'email'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header names accepted per column (compared without case, spaces, dashes or underscores). */
export const IMPORT_COLUMN_NAMES: Record<ImportColumn, readonly string[]> = {
  name: ['naam', 'name'],
  office: ['functie', 'ambt', 'office'],
  region: ['regio', 'region', 'gemeenteprovincieofwaterschap'],
  installationDate: ['installatiedatum', 'datuminstallatie', 'installationdate', 'startdatum', 'startdate'],
  email: ['email', 'emailadres', 'emailaddress'],
};

/** The header row of the template the import page offers. */
export const IMPORT_TEMPLATE_HEADER = ['naam', 'functie', 'regio', 'installatiedatum', 'e-mail'] as const;

export const IMPORT_PROBLEM_CODES = [
  // The file as a whole
  'not_utf8',
  'empty_file',
  'unterminated_quote',
  'missing_columns',
  'unknown_columns',
  'duplicate_columns',
  'no_rows',
  'too_many_rows',
  // One row
  'column_count',
  'name_missing',
  'name_too_long',
  'name_invalid',
  'formula_not_allowed',
  'office_missing',
  'office_unknown',
  'region_missing',
  'region_unknown',
  'region_ambiguous',
  'date_missing',
  'date_invalid',
  'date_out_of_range',
  'email_missing',
  'email_invalid',
  'email_duplicate',
  'email_taken',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export const importProblemSchema = z.object({
  /** The row as a spreadsheet numbers it (the header is row 1); null for a problem with the whole file. */
  row: z.number().int().nullable(),
  column: z.enum(IMPORT_COLUMNS).nullable(),
  code: z.enum(IMPORT_PROBLEM_CODES),
  /** The value as found (shortened), or the column names for a header problem. */
  value: z.string().optional(),
  /** For `email_duplicate`: the first row with the same address. */
  otherRow: z.number().int().optional(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/**
 * POST /api/admin/handovers/imports answers a stream of JSON lines (`application/x-ndjson`), one event
 * per line: progress while checking and while importing, then exactly one result. Nothing is imported
 * unless every row is valid; the import runs in one transaction, so it is all or nothing.
 */
export const importProgressSchema = z.object({
  type: z.literal('progress'),
  phase: z.enum(['checking', 'importing']),
  done: z.number().int(),
  total: z.number().int(),
});

export const importResultSchema = z.discriminatedUnion('outcome', [
  z.object({
    type: z.literal('result'),
    outcome: z.literal('imported'),
    rows: z.number().int(),
    imported: z.number().int(),
  }),
  z.object({
    type: z.literal('result'),
    outcome: z.literal('rejected'),
    rows: z.number().int(),
    problems: z.array(importProblemSchema),
  }),
  /** Something went wrong while importing (e.g. an address was taken meanwhile); nothing was imported. */
  z.object({
    type: z.literal('result'),
    outcome: z.literal('failed'),
    code: z.string(),
  }),
]);
export type ImportResult = z.infer<typeof importResultSchema>;

export const importEventSchema = z.union([importProgressSchema, importResultSchema]);
export type ImportEvent = z.infer<typeof importEventSchema>;
export const IMPORT_RESPONSE_TYPE = 'application/x-ndjson';

// ---------------------------------------------------------------------------------------------------
// CSV written back (the rejection report): safe to open in a spreadsheet
// ---------------------------------------------------------------------------------------------------

/**
 * One cell for a CSV file a person may open in a spreadsheet: a value that starts like a formula gets a
 * leading apostrophe (OWASP "CSV injection"), and anything with a separator, quote or line break is
 * quoted with its quotes doubled.
 */
export function csvCell(value: string | number | null | undefined, separator = ';'): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim()) {
    text = `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

/** Rows to CSV text (separator `;`, CRLF, a BOM so spreadsheets read it as UTF-8). */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[], separator = ';'): string {
  return `\uFEFF${rows.map((row) => row.map((cell) => csvCell(cell, separator)).join(separator)).join('\r\n')}\r\n`;
}
