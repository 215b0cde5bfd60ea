/**
 * CSV for spreadsheets (RFC 4180, `;` as Dutch Excel expects, a BOM so it reads UTF-8), safe against
 * formula injection: a cell that a spreadsheet would run (`=`, `+`, `-`, `@`, a tab or carriage return
 * first) gets a leading apostrophe, so it shows as text (OWASP "CSV injection").
 */

const SEPARATOR = ';';

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n,]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(SEPARATOR));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
