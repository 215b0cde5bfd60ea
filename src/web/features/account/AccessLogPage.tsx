import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessLogEntry } from '../../../shared/session.ts';
import { apiGet, saveFile } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Button, Heading1, Heading2, Heading3, Paragraph, SelectField } from '../../ui/index.ts';
import { rolesInWords } from '../auth/labels.ts';
import { formatDate, formatDateTime } from '../auth/messages.ts';
import { useCaseLabels } from '../cases/labels.ts';
import { AccountNav } from './AccountNav.tsx';
import { type AccessLogLine, filterAccessLog, groupAccessLog, localDay, recordsIn, toCsv } from './access-log.ts';
import './account.css';

function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale() === 'nl' ? 'nl-NL' : 'en-GB', { timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** The words of the access log, shared by the page and the download. */
function useAccessLogWords() {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const listFormat = new Intl.ListFormat(currentLocale() === 'nl' ? 'nl-NL' : 'en-GB', { type: 'conjunction' });
  const who = (line: Pick<AccessLogLine, 'actorKind' | 'actorName' | 'actorRoles'>) => {
    if (line.actorKind === 'system') return t('accessLog.system');
    if (line.actorKind === 'anonymous') return t('accessLog.nobody');
    return line.actorName ?? t('accessLog.unnamed');
  };
  const role = (line: Pick<AccessLogLine, 'actorKind' | 'actorRoles'>) =>
    line.actorKind === 'person' && line.actorRoles.length > 0 ? rolesInWords(t, line.actorRoles) : '';
  const what = (action: string, description: AccessLogEntry['description'], times = 1) => {
    const text = description ? description[currentLocale()] : t('accessLog.unknownAction', { action });
    return times > 1 ? `${text} ${t('accessLog.times', { count: times })}` : text;
  };
  const record = (entryRecord: AccessLogEntry['record']) =>
    entryRecord
      ? t('accessLog.caseName', { type: labels.type(entryRecord.kind ?? ''), reference: entryRecord.reference })
      : t('accessLog.noCase');
  /** "Ahmed El Idrissi, vertrouwenspersoon, las uw berichten en downloadde een bijlage". */
  const sentence = (line: AccessLogLine) => {
    const actions = listFormat.format(line.actions.map((a) => what(a.action, a.description, a.times)));
    const by = role(line);
    return by
      ? t('accessLog.sentenceWithRole', { who: who(line), role: by, what: actions })
      : t('accessLog.sentence', { who: who(line), what: actions });
  };
  return { who, role, what, record, sentence };
}

/**
 * "Wie heeft mijn gegevens ingezien?": every time someone else looked at or changed my records, per
 * day and per case, one line per person in plain words; filterable by case, and downloadable.
 */
export function AccessLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('accessLog.title'));
  const words = useAccessLogWords();
  const [filter, setFilter] = useState('');
  const log = useQuery({
    queryKey: ['me', 'access-log'],
    queryFn: ({ signal }) => apiGet<{ entries: AccessLogEntry[] }>('/api/me/access-log', signal),
  });
  const entries = log.data?.entries ?? [];
  const shown = useMemo(() => filterAccessLog(entries, filter), [entries, filter]);
  const days = useMemo(() => groupAccessLog(shown), [shown]);
  const records = useMemo(() => recordsIn(entries), [entries]);

  function download() {
    const rows = [
      [
        t('accessLog.csv.when'),
        t('accessLog.csv.who'),
        t('accessLog.csv.role'),
        t('accessLog.csv.what'),
        t('accessLog.csv.case'),
      ],
      ...shown.map((entry) => [
        formatDateTime(entry.at),
        words.who(entry),
        words.role(entry),
        words.what(entry.action, entry.description),
        words.record(entry.record),
      ]),
    ];
    saveFile(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), t('accessLog.csv.fileName'));
  }

  return (
    <>
      <Heading1>{t('accessLog.title')}</Heading1>
      <AccountNav />
      <Paragraph lead>{t('accessLog.lead')}</Paragraph>
      {log.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
      {log.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, log.error)}</Paragraph>
        </Alert>
      )}
      {log.data && entries.length === 0 && <Paragraph>{t('accessLog.empty')}</Paragraph>}
      {entries.length > 0 && (
        <div className="weerbaar-access-log__tools">
          <SelectField
            id="access-log-filter"
            label={t('accessLog.filter')}
            value={filter}
            onValueChange={setFilter}
            options={[
              { value: '', label: t('accessLog.filterAll') },
              ...records.map((record) => ({ value: record.reference, label: words.record(record) })),
              { value: 'account', label: t('accessLog.noCase') },
            ]}
          />
          <Button appearance="secondary-action-button" onClick={download}>
            {t('accessLog.download')}
          </Button>
        </div>
      )}
      {log.data && entries.length > 0 && shown.length === 0 && <Paragraph>{t('accessLog.noneHere')}</Paragraph>}
      {days.map(({ day, groups }) => (
        <section key={day} aria-labelledby={`access-log-${day}`}>
          <Heading2 id={`access-log-${day}`}>{formatDate(`${day}T12:00:00`)}</Heading2>
          {groups.map((group) => {
            const id = `access-log-${day}-${group.record?.reference ?? 'account'}`;
            return (
              <div key={id}>
                <Heading3 id={id}>{words.record(group.record)}</Heading3>
                <ul className="weerbaar-access-log" aria-labelledby={`access-log-${day} ${id}`}>
                  {group.lines.map((line) => (
                    <li key={`${line.actorKind}-${line.actorName}-${line.actorRoles.join(',')}-${line.first}`}>
                      <p>{words.sentence(line)}</p>
                      <p className="weerbaar-access-log__when">
                        {localDay(line.first) === localDay(line.last) && line.first !== line.last
                          ? t('accessLog.between', { from: formatTime(line.first), to: formatTime(line.last) })
                          : t('accessLog.at', { time: formatTime(line.last) })}
                      </p>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      ))}
      <Paragraph>{t('accessLog.question')}</Paragraph>
    </>
  );
}
