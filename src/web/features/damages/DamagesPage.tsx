import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { DamageClaim } from '../../../shared/damages.ts';
import type { Evidence } from '../../../shared/incidents.ts';
import { incidentPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import { formatCalendarDate, formatDate } from '../../i18n/time.ts';
import { PageGate } from '../../session/PageGate.tsx';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ConfirmDialog,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  StatusMessage,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ClaimForm } from './ClaimForm.tsx';
import { formatEuros, useDeleteClaim, useIncidentDamages, useIncidentEvidence } from './data.ts';
import { RulesPanel } from './RulesPanel.tsx';
import './damages.css';

/** The route: office holders and relatives, for their own incidents (the server decides per incident). */
export function DamagesRoute() {
  return (
    <PageGate roles={['officeholder', 'relative']}>
      <DamagesPage />
    </PageGate>
  );
}

/**
 * /incidenten/:incidentId/schade — schadeverhaal for one of my incidents: the four routes in short, the
 * Schadefonds' rules that apply, my claims with their heads of damage and deadlines (each reminded a week
 * before), and a form for a new one. Weerbaar prepares and keeps track; it files nothing.
 */
export function DamagesPage() {
  const { t } = useTranslation();
  usePageTitle(t('damages.title'));
  const { incidentId = '' } = useParams();
  const damages = useIncidentDamages(incidentId);
  const evidence = useIncidentEvidence(incidentId);
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState<string | null>(null);

  if (damages.isPending) return <Paragraph role="status">{t('session.loading')}</Paragraph>;
  if (!damages.data) {
    return (
      <div className="weerbaar-damages">
        <Heading1>{t('damages.title')}</Heading1>
        <Alert type="error">
          <Paragraph>{problemMessage(t, damages.error)}</Paragraph>
        </Alert>
        <Paragraph>
          <RouterLink to={WEB_PATHS.incidents}>{t('damages.backToIncidents')}</RouterLink>
        </Paragraph>
      </div>
    );
  }
  const data = damages.data;
  const files = evidence.data ?? [];
  return (
    <div className="weerbaar-damages">
      <Paragraph>
        <RouterLink to={incidentPath(incidentId)}>{t('damages.back')}</RouterLink>
      </Paragraph>
      <Heading1>{t('damages.title')}</Heading1>
      <Paragraph lead>{t('damages.lead', { date: formatCalendarDate(data.occurredOn) })}</Paragraph>
      <StatusMessage>{notice}</StatusMessage>
      <section aria-labelledby="damage-routes">
        <Heading2 id="damage-routes">{t('damages.routesHeading')}</Heading2>
        <dl className="weerbaar-damage-routes">
          {(['voeging', 'civiel', 'werkgever_voorschot', 'schadefonds'] as const).map((route) => (
            <div key={route}>
              <dt>{t(`damages.routes.${route}`)}</dt>
              <dd>{t(`damages.routeInfo.${route}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <RulesPanel
        occurredOn={data.occurredOn}
        today={data.today}
        onIncident={data.rules.onIncident}
        current={data.rules.today}
      />
      <section aria-labelledby="damage-claims">
        <Heading2 id="damage-claims">{t('damages.claims.heading')}</Heading2>
        <Paragraph>{t('damages.claims.reminders', { days: data.reminderLeadDays })}</Paragraph>
        {data.claims.length === 0 ? (
          <Paragraph>{t('damages.claims.none')}</Paragraph>
        ) : (
          <ul className="weerbaar-damage-claims" aria-labelledby="damage-claims">
            {data.claims.map((claim) =>
              editing === claim.id ? (
                <li key={claim.id}>
                  <ClaimForm
                    incidentId={incidentId}
                    claim={claim}
                    evidence={files}
                    onDone={(message) => {
                      setEditing(null);
                      setNotice(message);
                    }}
                  />
                  <Button type="button" appearance="subtle-button" onClick={() => setEditing(null)}>
                    {t('damages.claims.cancelEdit')}
                  </Button>
                </li>
              ) : (
                <ClaimItem
                  key={claim.id}
                  claim={claim}
                  incidentId={incidentId}
                  evidence={files}
                  onEdit={() => setEditing(claim.id)}
                  onDeleted={() => setNotice(t('damages.claims.deleted'))}
                />
              ),
            )}
          </ul>
        )}
      </section>
      {data.claims.length < 20 && (
        <ClaimForm key={data.claims.length} incidentId={incidentId} claim={null} evidence={files} onDone={setNotice} />
      )}
    </div>
  );
}

function ClaimItem({
  claim,
  incidentId,
  evidence,
  onEdit,
  onDeleted,
}: {
  claim: DamageClaim;
  incidentId: string;
  evidence: Evidence[];
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const remove = useDeleteClaim(incidentId);
  const [confirming, setConfirming] = useState(false);
  const headingId = `damage-claim-${claim.id}`;
  const receiptName = (id: string | null) =>
    id ? (evidence.find((item) => item.id === id)?.fileName ?? t('damages.form.evidenceUnnamed')) : null;
  return (
    <li className="weerbaar-damage-claim" aria-labelledby={headingId}>
      <Heading3 id={headingId}>
        {t('damages.claims.title', {
          route: t(`damages.routes.${claim.route}`),
          status: t(`damages.statuses.${claim.status}`),
        })}
      </Heading3>
      <Paragraph>{t('damages.claims.total', { amount: formatEuros(claim.totalCents, locale) })}</Paragraph>
      {claim.heads.length > 0 && (
        <ul>
          {claim.heads.map((head, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: heads have no id of their own
            <li key={i}>
              {t(`damages.kinds.${head.kind}`)}: {head.description} — {formatEuros(head.amountCents, locale)}
              {receiptName(head.evidenceId) &&
                ` (${t('damages.claims.receipt', { name: receiptName(head.evidenceId) })})`}
            </li>
          ))}
        </ul>
      )}
      {claim.note && <Paragraph className="weerbaar-damage-note">{claim.note}</Paragraph>}
      {claim.deadlines.length > 0 && (
        <ul>
          {claim.deadlines.map((deadline) => (
            <li key={deadline.id}>
              {t('damages.claims.deadline', { date: formatCalendarDate(deadline.dueOn), label: deadline.label })}{' '}
              {deadline.remindedAt
                ? t('damages.claims.reminded', { date: formatDate(deadline.remindedAt) })
                : t('damages.claims.remindOn', { date: formatCalendarDate(deadline.remindOn) })}
            </li>
          ))}
        </ul>
      )}
      <ButtonGroup>
        <Button type="button" appearance="secondary-action-button" onClick={onEdit}>
          {t('damages.claims.edit')}
        </Button>
        <Button type="button" appearance="subtle-button" onClick={() => setConfirming(true)}>
          {t('damages.claims.delete')}
        </Button>
      </ButtonGroup>
      <ConfirmDialog
        open={confirming}
        title={t('damages.claims.deleteTitle')}
        confirmLabel={t('damages.claims.delete')}
        cancelLabel={t('damages.claims.keep')}
        onConfirm={() => {
          setConfirming(false);
          remove.mutate(claim.id, { onSuccess: onDeleted });
        }}
        onCancel={() => setConfirming(false)}
      >
        <Paragraph>{t('damages.claims.deleteBody')}</Paragraph>
      </ConfirmDialog>
    </li>
  );
}
