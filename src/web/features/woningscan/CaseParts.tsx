import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import {
  ADVICE_DOMAINS,
  type Measure,
  PKVW_STATUSES,
  type WoningscanTypeDetail,
  woningscanDetailOf,
} from '../../../shared/woningscan.ts';
import { apiSaveFile } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
  SelectField,
  TextField,
  UnorderedList,
  UnorderedListItem,
} from '../../ui/index.ts';
import { ConfirmDialog } from '../cases/components/ConfirmDialog.tsx';
import { StatusRegion, useStatusMessage } from '../cases/components/StatusRegion.tsx';
import { formatDateTime } from '../cases/format.ts';
import { dutchToday, formatDay, useWoningscanAction, woningscanApi, woningscanProblem } from './data.ts';
import { Problem } from './Problem.tsx';
import { SchemeCard } from './SchemeCard.tsx';

/** The woningscan's part of a case page, for the requester and the assigned adviser alike. */

function useDownload(detail: CaseDetail) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const download = (rest: string, fallbackName: string) => {
    setError(null);
    apiSaveFile(woningscanApi.of(detail.id, rest), { fallbackName }).catch((failure: unknown) =>
      setError(woningscanProblem(t, failure)),
    );
  };
  return { download, error };
}

function SlotPicker({ detail, ws }: { detail: CaseDetail; ws: WoningscanTypeDetail }) {
  const { t } = useTranslation();
  const pick = useWoningscanAction(detail.id, 'slots');
  const decline = useWoningscanAction(detail.id, 'slots/decline');
  const actions = new Set(detail.viewer.actions);
  const open = ws.slots.filter((slot) => slot.state === 'open');
  if (!actions.has('pick_slot') || open.length === 0) return null;
  return (
    <section aria-labelledby="slots-heading" className="weerbaar-panel weerbaar-panel--attention">
      <Heading3 id="slots-heading">{t('woningscan.case.slotsHeading')}</Heading3>
      <Paragraph>{t('woningscan.case.slotsLead')}</Paragraph>
      <ButtonGroup>
        {open.map((slot) => (
          <Button
            key={slot.id}
            appearance="primary-action-button"
            disabled={pick.isPending}
            onClick={() => pick.mutate({ path: `slots/${slot.id}/pick` })}
          >
            {t('woningscan.case.pick', { time: formatDateTime(slot.startsAt) })}
          </Button>
        ))}
      </ButtonGroup>
      {actions.has('decline_slots') && (
        <Paragraph>
          <Button appearance="secondary-action-button" disabled={decline.isPending} onClick={() => decline.mutate({})}>
            {t('woningscan.case.decline')}
          </Button>
        </Paragraph>
      )}
      <Problem error={pick.error ?? decline.error} />
    </section>
  );
}

function Appointment({
  detail,
  ws,
  viewer,
}: {
  detail: CaseDetail;
  ws: WoningscanTypeDetail;
  viewer: 'requester' | 'staff';
}) {
  const { t } = useTranslation();
  const actions = new Set(detail.viewer.actions);
  const [cancelling, setCancelling] = useState(false);
  const ask = useWoningscanAction(detail.id, 'appointment/reschedule-request');
  const cancel = useWoningscanAction(detail.id, 'appointment/cancel');
  const { download, error } = useDownload(detail);
  const appointment = ws.appointment;
  if (!appointment || appointment.state === 'done') return null;
  const cancelled = appointment.state === 'cancelled';
  return (
    <section aria-labelledby="appointment-heading" className="weerbaar-panel">
      <Heading3 id="appointment-heading">{t('woningscan.case.appointmentHeading')}</Heading3>
      <Paragraph>{cancelled ? <del>{when(t, appointment)}</del> : <strong>{when(t, appointment)}</strong>}</Paragraph>
      {cancelled && <Paragraph>{t('woningscan.case.cancelledNote')}</Paragraph>}
      {appointment.rescheduleRequested && (
        <Paragraph>
          {viewer === 'staff'
            ? t('woningscan.case.rescheduleRequestedStaff')
            : t('woningscan.case.rescheduleRequested')}
        </Paragraph>
      )}
      <ButtonGroup>
        {actions.has('download_ics') && (
          <Button
            appearance="secondary-action-button"
            onClick={() => download('appointment.ics', `afspraak-${detail.reference}.ics`)}
          >
            {t('woningscan.case.downloadIcs')}
          </Button>
        )}
        {actions.has('request_reschedule') && !appointment.rescheduleRequested && (
          <Button appearance="secondary-action-button" disabled={ask.isPending} onClick={() => ask.mutate({})}>
            {t('woningscan.case.askOther')}
          </Button>
        )}
        {actions.has('cancel_appointment') && (
          <Button appearance="secondary-action-button" onClick={() => setCancelling(true)}>
            {t('woningscan.case.cancel')}
          </Button>
        )}
      </ButtonGroup>
      {error && (
        <Alert type="error" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      <Problem error={ask.error} />
      <ConfirmDialog
        open={cancelling}
        title={t('woningscan.case.cancelTitle')}
        confirmLabel={t('woningscan.case.cancel')}
        busy={cancel.isPending}
        error={cancel.error ? woningscanProblem(t, cancel.error) : null}
        onCancel={() => setCancelling(false)}
        onConfirm={() => cancel.mutate({}, { onSuccess: () => setCancelling(false) })}
      >
        <Paragraph>{t('woningscan.case.cancelBody')}</Paragraph>
      </ConfirmDialog>
    </section>
  );
}

const when = (
  t: (key: string, options: Record<string, string>) => string,
  appointment: { startsAt: string; endsAt: string },
) =>
  t('woningscan.case.when', {
    start: formatDateTime(appointment.startsAt),
    end: new Intl.DateTimeFormat(currentLocale(), { timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(
      new Date(appointment.endsAt),
    ),
  });

function Advice({ detail, ws }: { detail: CaseDetail; ws: WoningscanTypeDetail }) {
  const { t } = useTranslation();
  const { download, error } = useDownload(detail);
  if (!ws.advice || !ws.adviceIssuedAt) return null;
  const advice = ws.advice;
  return (
    <section aria-labelledby="advice-heading">
      <Heading2 id="advice-heading">{t('woningscan.advice.heading')}</Heading2>
      <Paragraph>{t('woningscan.advice.issuedAt', { date: formatDateTime(ws.adviceIssuedAt) })}</Paragraph>
      <Alert type="info">
        <Paragraph>{t('woningscan.advice.guidance')}</Paragraph>
      </Alert>
      {detail.viewer.actions.includes('download_advice') && (
        <Paragraph>
          <Button
            appearance="primary-action-button"
            onClick={() => download(`advice.pdf?lang=${currentLocale()}`, `veiligheidsadvies-${detail.reference}.pdf`)}
          >
            {t('woningscan.advice.download')}
          </Button>
        </Paragraph>
      )}
      {error && (
        <Alert type="error" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      {ADVICE_DOMAINS.map((domain) => (
        <div key={domain}>
          <Heading3>{t(`woningscan.advice.domains.${domain}`)}</Heading3>
          <Paragraph className="weerbaar-pre-line">{advice[domain] || t('woningscan.advice.nothing')}</Paragraph>
        </div>
      ))}
    </section>
  );
}

function MeasureRow({ detail, measure }: { detail: CaseDetail; measure: Measure }) {
  const { t } = useTranslation();
  const update = useWoningscanAction<{ state: Measure['state'] }>(detail.id, `measures/${measure.id}`, 'PATCH');
  const may = detail.viewer.actions.includes('update_measures');
  const late =
    measure.dueOn && measure.state !== 'installed' && measure.state !== 'not_taken' && measure.dueOn < dutchToday();
  const button = (state: Measure['state'], label: string) =>
    measure.state !== state && (
      <Button
        appearance="secondary-action-button"
        disabled={update.isPending}
        onClick={() => update.mutate({ body: { state } })}
      >
        {t('woningscan.measures.for', { action: label, measure: measure.description })}
      </Button>
    );
  return (
    <UnorderedListItem>
      <strong>{measure.description}</strong> — {t(`woningscan.advice.domains.${measure.domain}`)}.{' '}
      {t(`woningscan.measures.state.${measure.state}`)}
      {measure.orderedOn &&
        measure.state === 'ordered' &&
        `, ${t('woningscan.measures.orderedOn', { date: formatDay(measure.orderedOn) })}`}
      {measure.installedOn && `, ${t('woningscan.measures.installedOn', { date: formatDay(measure.installedOn) })}`}
      {measure.dueOn &&
        measure.state !== 'installed' &&
        `. ${t('woningscan.measures.due', { date: formatDay(measure.dueOn) })}`}
      {late && <strong> {t('woningscan.measures.late')}</strong>}
      {may && (
        <ButtonGroup>
          {button('ordered', t('woningscan.measures.markOrdered'))}
          {button('installed', t('woningscan.measures.markInstalled'))}
          {button('not_taken', t('woningscan.measures.markNotTaken'))}
        </ButtonGroup>
      )}
      <Problem error={update.error} />
    </UnorderedListItem>
  );
}

function Progress({ detail, ws }: { detail: CaseDetail; ws: WoningscanTypeDetail }) {
  const { t } = useTranslation();
  const p = ws.progress;
  const [bva, setBva] = useState(p.bvaAdviceReceivedOn ?? '');
  const [pkvw, setPkvw] = useState<string>(p.pkvwStatus);
  const [certifiedOn, setCertifiedOn] = useState(p.pkvwCertifiedOn ?? '');
  const save = useWoningscanAction(detail.id, 'progress', 'PUT');
  const { message, announce } = useStatusMessage();
  const may = detail.viewer.actions.includes('update_progress') && ws.advice !== null;
  return (
    <section aria-labelledby="progress-heading">
      <Heading3 id="progress-heading">{t('woningscan.progress.heading')}</Heading3>
      {p.bvaAdviceExpected && p.bvaAdviceDueOn && !p.bvaAdviceReceivedOn && (
        <Paragraph>{t('woningscan.progress.bvaExpected', { date: formatDay(p.bvaAdviceDueOn) })}</Paragraph>
      )}
      {p.bvaAdviceReceivedOn && (
        <Paragraph>{t('woningscan.progress.bvaReceived', { date: formatDay(p.bvaAdviceReceivedOn) })}</Paragraph>
      )}
      <Paragraph>
        {t('woningscan.progress.pkvw')}: {t(`woningscan.pkvw.${p.pkvwStatus}`)}
        {p.pkvwCertifiedOn && ` (${formatDay(p.pkvwCertifiedOn)})`}
      </Paragraph>
      {may && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(
              {
                body: {
                  bvaAdviceReceivedOn: p.bvaAdviceExpected && bva ? bva : null,
                  pkvwStatus: pkvw,
                  pkvwCertifiedOn: pkvw === 'certified' && certifiedOn ? certifiedOn : null,
                },
              },
              { onSuccess: () => announce(t('woningscan.case.done')) },
            );
          }}
        >
          {p.bvaAdviceExpected && (
            <TextField
              id="bva-received"
              type="date"
              max={dutchToday()}
              label={t('woningscan.progress.bvaReceivedOn')}
              value={bva}
              onValueChange={setBva}
            />
          )}
          <SelectField
            id="pkvw-status"
            label={t('woningscan.progress.pkvw')}
            value={pkvw}
            onValueChange={setPkvw}
            options={PKVW_STATUSES.map((value) => ({ value, label: t(`woningscan.pkvw.${value}`) }))}
          />
          {pkvw === 'certified' && (
            <TextField
              id="pkvw-date"
              type="date"
              max={dutchToday()}
              label={t('woningscan.progress.pkvwCertifiedOn')}
              value={certifiedOn}
              onValueChange={setCertifiedOn}
            />
          )}
          <Problem error={save.error} />
          <Button type="submit" appearance="secondary-action-button" disabled={save.isPending}>
            {t('woningscan.progress.save')}
          </Button>
          <StatusRegion message={message} />
        </form>
      )}
    </section>
  );
}

/** Everything of the woningscan on the case page, in the order it happens. */
export function WoningscanCaseParts({ detail, viewer }: { detail: CaseDetail; viewer: 'requester' | 'staff' }) {
  const { t } = useTranslation();
  const ws = woningscanDetailOf(detail);
  if (!ws) return null;
  return (
    <section aria-labelledby="woningscan-heading">
      <Heading2 id="woningscan-heading" className="weerbaar-visually-hidden">
        {t('woningscan.page.title')}
      </Heading2>
      <SlotPicker detail={detail} ws={ws} />
      <Appointment detail={detail} ws={ws} viewer={viewer} />
      {viewer === 'requester' && ws.addressOnFile && <Paragraph>{t('woningscan.case.addressOnFile')}</Paragraph>}
      {ws.addressRemovedAt && (
        <Paragraph>{t('woningscan.case.addressRemoved', { date: formatDateTime(ws.addressRemovedAt) })}</Paragraph>
      )}
      {ws.visitedOn && <Paragraph>{t('woningscan.case.visited', { date: formatDay(ws.visitedOn) })}</Paragraph>}
      <Advice detail={detail} ws={ws} />
      {ws.advice && (
        <section aria-labelledby="measures-heading">
          <Heading3 id="measures-heading">{t('woningscan.measures.heading')}</Heading3>
          {ws.measures.length === 0 ? (
            <Paragraph>{t('woningscan.measures.empty')}</Paragraph>
          ) : (
            <UnorderedList>
              {ws.measures.map((measure) => (
                <MeasureRow key={measure.id} detail={detail} measure={measure} />
              ))}
            </UnorderedList>
          )}
        </section>
      )}
      {ws.advice && <Progress detail={detail} ws={ws} />}
      <section aria-labelledby="case-schemes-heading">
        <Heading3 id="case-schemes-heading">
          {t('woningscan.case.schemeHeading', { date: formatDay(ws.schemesOn) })}
        </Heading3>
        {ws.schemes.map((scheme) => (
          <SchemeCard key={scheme.key} scheme={scheme} />
        ))}
      </section>
    </section>
  );
}
