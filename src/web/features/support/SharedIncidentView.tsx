import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_SHARE_FIELDS,
  type IncidentShareField,
  type SharedEvidence,
  type SharedIncidentContent,
} from '../../../shared/incident-share.ts';
import { DataList, DataListItem, DataListKey, DataListValue, Heading3, Paragraph } from '../../ui/index.ts';
import { formatDay, formatMoment, formatSize } from '../incidents/data.ts';
import './shared-incident.css';

/**
 * A shared incident in the words the confidant reads: the consent screen shows its preview with this
 * same component (and the same labels, `incidents.share.field.*`), so what the person agrees to is
 * exactly what the confidant sees. Only the parts present in `content` are shown.
 */

/** The value of one shared part in words; null when the part is not in the content. */
export function sharedFieldValue(
  t: TFunction,
  content: SharedIncidentContent,
  field: IncidentShareField,
): string | null {
  const empty = t('incidents.fields.notFilled');
  const many = (prefix: string, values: readonly string[] | undefined) =>
    values && values.length > 0 ? values.map((value) => t(`incidents.${prefix}.${value}`)).join(', ') : empty;
  switch (field) {
    case 'whatHappened':
      return content.whatHappened ?? null;
    case 'occurredAt':
      return content.occurredAt === undefined ? null : (content.occurredAt ?? empty);
    case 'channel':
      return content.channel ? t(`incidents.channel.${content.channel}`) : null;
    case 'where':
      return content.where === undefined ? null : (content.where ?? empty);
    case 'forms':
      return content.forms ? many('form', content.forms) : null;
    case 'targets':
      return content.targets ? many('target', content.targets) : null;
    case 'perpetrator': {
      const perpetrator = content.perpetrator;
      if (!perpetrator) return null;
      const parts = [
        perpetrator.kind ? t(`incidents.perpetrator.${perpetrator.kind}`) : null,
        perpetrator.description,
        perpetrator.handle,
      ].filter(Boolean);
      return parts.length > 0 ? parts.join(' · ') : empty;
    }
    case 'severity':
      if (content.severity === undefined) return null;
      return content.severity ? t(`incidents.severity.${content.severity}`) : empty;
    case 'aimedAt':
      if (content.aimedAt === undefined) return null;
      return content.aimedAt ? t(`incidents.aimedAt.${content.aimedAt}`) : empty;
    case 'internalReport':
      if (content.internalReport === undefined) return null;
      return content.internalReport
        ? `${t(`incidents.internalReportTo.${content.internalReport.to}`)}, ${formatDay(content.internalReport.on)}`
        : empty;
    case 'followUps':
      return content.followUps ? t('incidents.share.followUpCount', { count: content.followUps.length }) : null;
  }
}

/** How a file is described: its kind, size and when it was received. */
export function sharedFileLine(t: TFunction, file: SharedEvidence): string {
  return t('incidents.share.fileLine', {
    kind: t(`incidents.evidence.kind.${file.kind}`),
    size: formatSize(file.size),
    date: formatMoment(file.receivedAt),
  });
}

export function SharedIncidentView({
  content,
  fileActions,
}: {
  content: SharedIncidentContent;
  /** What the reader can do with a file (the confidant: see or open it); nothing in the preview. */
  fileActions?: (file: SharedEvidence) => ReactNode;
}) {
  const { t } = useTranslation();
  const rows = INCIDENT_SHARE_FIELDS.filter((field) => field !== 'followUps').flatMap((field) => {
    const value = sharedFieldValue(t, content, field);
    return value === null ? [] : [[field, value] as const];
  });
  return (
    <div className="weerbaar-shared-incident">
      <DataList>
        <DataListItem>
          <DataListKey>{t('incidents.share.field.occurredOn')}</DataListKey>
          <DataListValue>{formatDay(content.occurredOn)}</DataListValue>
        </DataListItem>
        {rows.map(([field, value]) => (
          <DataListItem key={field}>
            <DataListKey>{t(`incidents.share.field.${field}`)}</DataListKey>
            <DataListValue className="weerbaar-pre-line">{value}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
      {content.followUps && (
        <>
          <Heading3>{t('incidents.share.field.followUps')}</Heading3>
          {content.followUps.length === 0 ? (
            <Paragraph>{t('incidents.followUps.empty')}</Paragraph>
          ) : (
            <ol className="weerbaar-shared-incident__follow-ups">
              {content.followUps.map((followUp, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: follow-ups are shown without their ids
                <li key={index}>
                  {formatDay(followUp.occurredOn)}, {t(`incidents.followUpKind.${followUp.kind}`)}: {followUp.text}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      <Heading3>{t('incidents.share.files')}</Heading3>
      {content.evidence.length === 0 ? (
        <Paragraph>{t('incidents.share.noFiles')}</Paragraph>
      ) : (
        <ul className="weerbaar-shared-incident__files">
          {content.evidence.map((file) => (
            <li key={file.id}>
              <Paragraph>
                <strong>{file.fileName}</strong>
                <br />
                {sharedFileLine(t, file)}
              </Paragraph>
              {file.caption && <Paragraph className="weerbaar-pre-line">{file.caption}</Paragraph>}
              {(file.sourceUrl || file.sourceHandle) && (
                <Paragraph>
                  {t('incidents.evidence.source')}: {[file.sourceHandle, file.sourceUrl].filter(Boolean).join(' · ')}
                </Paragraph>
              )}
              <Paragraph className="weerbaar-shared-incident__hash">
                {t('incidents.evidence.hash')}: <code>{file.sha256}</code>
              </Paragraph>
              {fileActions?.(file)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
