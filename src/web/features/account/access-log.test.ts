import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditAction, auditActionText } from '../../../shared/catalogue/index.ts';
import type { AccessLogEntry } from '../../../shared/session.ts';
import { filterAccessLog, groupAccessLog, recordsIn, toCsv } from './access-log.ts';

const CASE = { reference: 'K7QM-3XWD', kind: 'support' };

function entry(at: string, action: AuditAction, overrides: Partial<AccessLogEntry> = {}): AccessLogEntry {
  return {
    at,
    action,
    description: auditActionText(action),
    recordType: overrides.record ? 'support_case' : null,
    record: null,
    actorKind: 'person',
    actorName: 'Ahmed El Idrissi',
    actorRoles: ['confidant'],
    ...overrides,
  };
}

const dayOf = (iso: string) => iso.slice(0, 10);

describe('the access log as a person reads it', () => {
  // Newest first, as the API answers: one page view of a case reads several parts of it.
  const entries: AccessLogEntry[] = [
    entry('2026-12-04T10:05:03Z', 'case.attachment_downloaded', { record: CASE }),
    entry('2026-12-04T10:05:02Z', 'case.messages_read', { record: CASE }),
    entry('2026-12-04T10:05:01Z', 'case.read', { record: CASE }),
    entry('2026-12-04T09:00:02Z', 'case.messages_read', { record: CASE }),
    entry('2026-12-04T09:00:01Z', 'case.read', { record: CASE }),
    entry('2026-12-04T08:00:00Z', 'person.viewed', { actorName: 'Anna de Beheerder', actorRoles: ['admin'] }),
    entry('2026-12-03T12:00:00Z', 'person.seeded', { actorKind: 'system', actorName: null, actorRoles: [] }),
  ];

  it('groups per day, per case and per person, each kind of action once, in the order it happened', () => {
    const days = groupAccessLog(entries, dayOf);
    expect(days.map((day) => day.day)).toEqual(['2026-12-04', '2026-12-03']);
    const [today] = days;
    expect(today?.groups.map((group) => group.record)).toEqual([CASE, null]);
    const caseLines = today?.groups[0]?.lines ?? [];
    // Five reads by one confidant on one day: one line, not five rows.
    expect(caseLines).toHaveLength(1);
    expect(caseLines[0]?.actions.map((a) => [a.action, a.times])).toEqual([
      ['case.read', 2],
      ['case.messages_read', 2],
      ['case.attachment_downloaded', 1],
    ]);
    expect(caseLines[0]?.first).toBe('2026-12-04T09:00:01Z');
    expect(caseLines[0]?.last).toBe('2026-12-04T10:05:03Z');
    expect(days[1]?.groups[0]?.lines[0]?.actorKind).toBe('system');
  });

  it('keeps different people apart, also with the same name but another role', () => {
    const lines = groupAccessLog(
      [
        entry('2026-12-04T10:00:00Z', 'case.read', { record: CASE }),
        entry('2026-12-04T09:00:00Z', 'case.read', { record: CASE, actorRoles: ['ot_coordinator'] }),
      ],
      dayOf,
    )[0]?.groups[0]?.lines;
    expect(lines).toHaveLength(2);
  });

  it('filters by case, or by what is about no case, and lists each case once', () => {
    expect(recordsIn(entries)).toEqual([CASE]);
    expect(filterAccessLog(entries, CASE.reference)).toHaveLength(5);
    expect(filterAccessLog(entries, 'account').map((e) => e.action)).toEqual(['person.viewed', 'person.seeded']);
    expect(filterAccessLog(entries, '')).toHaveLength(entries.length);
  });

  it('downloads as CSV a spreadsheet opens safely: quoted fields, no formulas', () => {
    expect(
      toCsv([
        ['Wie', 'Wat'],
        ['=HYPERLINK("x")', 'las "uw" berichten'],
      ]),
    ).toBe('\uFEFF"Wie","Wat"\r\n"\'=HYPERLINK(""x"")","las ""uw"" berichten"\r\n');
  });
});

describe('every audit action', () => {
  it('reads in Dutch and English after a name, so no entry falls back to a code', () => {
    const untranslated = Object.keys(AUDIT_ACTIONS).filter((action) => {
      const text = auditActionText(action);
      return !text?.nl.trim() || !text.en.trim() || text.nl === text.en;
    });
    expect(untranslated).toEqual([]);
  });
});
