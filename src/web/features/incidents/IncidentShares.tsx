import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../shared/incidents.ts';
import { incidentSharePath } from '../../../shared/web-paths.ts';
import { Button, ConfirmDialog, Heading2, Paragraph, StatusMessage } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useMyCases } from '../cases/data.ts';
import { formatMoment, problemText } from './data.ts';
import { useIncidentShares, useWithdrawShare } from './share-data.ts';

/**
 * On the incident's page: with which support requests it is shared now (which parts, how many files),
 * each with "stop sharing" — at once, nobody of the support team sees it any more — and the way to share.
 */
export function IncidentShares({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const shares = useIncidentShares(incident.id);
  const myCases = useMyCases();
  const withdraw = useWithdrawShare(incident.id);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const reference = (caseId: string) => myCases.data?.cases.find((item) => item.id === caseId)?.reference ?? '';
  const list = shares.data?.shares ?? [];

  return (
    <section aria-labelledby="share-heading" className="weerbaar-incident-shares">
      <Heading2 id="share-heading">{t('incidents.share.heading')}</Heading2>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      {list.length === 0 ? (
        <Paragraph>{t('incidents.share.notShared')}</Paragraph>
      ) : (
        <ul className="weerbaar-incident-list">
          {list.map((share) => (
            <li key={share.caseId} className="weerbaar-incident-card">
              <Paragraph>
                <strong>
                  {t('incidents.share.sharedWith', {
                    reference: reference(share.caseId),
                    date: formatMoment(share.sharedAt),
                  })}
                </strong>
              </Paragraph>
              <Paragraph>
                {t('incidents.share.sharedParts', {
                  parts: [
                    t('incidents.share.field.occurredOn'),
                    ...share.fields.map((f) => t(`incidents.share.field.${f}`)),
                  ].join(', '),
                  files: share.evidenceIds.length,
                })}
              </Paragraph>
              <Button appearance="secondary-action-button" onClick={() => setConfirming(share.caseId)}>
                {t('incidents.share.stop', { reference: reference(share.caseId) })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {withdraw.isError && <p role="alert">{problemText(t, withdraw.error)}</p>}
      <Paragraph>
        <RouterLink to={incidentSharePath(incident.id)}>{t('incidents.share.start')}</RouterLink>
      </Paragraph>
      <ConfirmDialog
        open={confirming !== null}
        title={t('incidents.share.stopTitle')}
        confirmLabel={t('incidents.share.stopYes')}
        cancelLabel={t('incidents.detail.cancel')}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          const caseId = confirming;
          setConfirming(null);
          if (!caseId) return;
          withdraw.mutate(caseId, { onSuccess: () => setNotice(t('incidents.share.stopped')) });
        }}
      >
        <Paragraph>{t('incidents.share.stopBody')}</Paragraph>
      </ConfirmDialog>
    </section>
  );
}
