import type { AccessLogEntry } from '../../../shared/session.ts';

/** One person (or Weerbaar itself, or someone not signed in) and what they did on one day, in one case. */
export interface AccessLogLine {
  actorKind: AccessLogEntry['actorKind'];
  actorName: string | null;
  actorRoles: string[];
  /** What they did, each kind once, in the order it first happened. */
  actions: { action: string; description: AccessLogEntry['description']; times: number }[];
  first: string;
  last: string;
}

/** One case (or the person's account and other records: `record` null) on one day. */
export interface AccessLogRecordGroup {
  record: AccessLogEntry['record'];
  lines: AccessLogLine[];
}

export interface AccessLogDay {
  /** YYYY-MM-DD in the reader's time zone. */
  day: string;
  groups: AccessLogRecordGroup[];
}

const recordKey = (record: AccessLogEntry['record']) => (record ? `${record.kind ?? ''}:${record.reference}` : '');
const actorKey = (entry: AccessLogEntry) => `${entry.actorKind}|${entry.actorName ?? ''}|${entry.actorRoles.join(',')}`;

/** The calendar day of a moment, in the time zone the reader's browser is in. */
export function localDay(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The access log as a person reads it: per day (newest first), per case, per person, every kind of
 * action once. A staff member opening a case page reads several parts of it at once (the case, its
 * messages, its files): that is one line, "… las uw zaak en las uw berichten", not five rows.
 * `entries` come newest first, as the API gives them.
 */
export function groupAccessLog(entries: readonly AccessLogEntry[], dayOf = localDay): AccessLogDay[] {
  const days = new Map<string, Map<string, AccessLogRecordGroup>>();
  const lines = new Map<string, AccessLogLine>();
  // Oldest first, so the actions of a line read in the order they happened.
  for (const entry of [...entries].reverse()) {
    const day = dayOf(entry.at);
    const groups = days.get(day) ?? new Map<string, AccessLogRecordGroup>();
    days.set(day, groups);
    const group = groups.get(recordKey(entry.record)) ?? { record: entry.record, lines: [] };
    groups.set(recordKey(entry.record), group);
    const key = `${day}|${recordKey(entry.record)}|${actorKey(entry)}`;
    let line = lines.get(key);
    if (!line) {
      line = {
        actorKind: entry.actorKind,
        actorName: entry.actorName,
        actorRoles: entry.actorRoles,
        actions: [],
        first: entry.at,
        last: entry.at,
      };
      lines.set(key, line);
      group.lines.push(line);
    }
    line.last = entry.at;
    const same = line.actions.find((action) => action.action === entry.action);
    if (same) same.times += 1;
    else line.actions.push({ action: entry.action, description: entry.description, times: 1 });
  }
  // Newest first: days, the cases within a day, and the people within a case, by their latest action.
  const byLatest =
    <T>(latest: (item: T) => string) =>
    (a: T, b: T) =>
      latest(b).localeCompare(latest(a));
  const groupLatest = (group: AccessLogRecordGroup) =>
    group.lines
      .map((line) => line.last)
      .sort()
      .at(-1) ?? '';
  return [...days.entries()]
    .map(([day, groups]) => ({
      day,
      groups: [...groups.values()]
        .map((group) => ({ ...group, lines: [...group.lines].sort(byLatest((line: AccessLogLine) => line.last)) }))
        .sort(byLatest(groupLatest)),
    }))
    .sort((a, b) => b.day.localeCompare(a.day));
}

/** The cases in the log, for the filter: each once, newest first. */
export function recordsIn(entries: readonly AccessLogEntry[]): NonNullable<AccessLogEntry['record']>[] {
  const seen = new Map<string, NonNullable<AccessLogEntry['record']>>();
  for (const entry of entries)
    if (entry.record && !seen.has(recordKey(entry.record))) seen.set(recordKey(entry.record), entry.record);
  return [...seen.values()];
}

/** Filter values: '' every entry, 'account' those about no case, else a case's reference. */
export function filterAccessLog(entries: readonly AccessLogEntry[], filter: string): AccessLogEntry[] {
  if (!filter) return [...entries];
  if (filter === 'account') return entries.filter((entry) => !entry.record);
  return entries.filter((entry) => entry.record?.reference === filter);
}

/** One field of a CSV file (RFC 4180): quoted, inner quotes doubled; a leading formula sign made harmless. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  // A byte order mark, so spreadsheet programs read the accents right.
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
