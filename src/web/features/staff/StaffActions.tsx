import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { CaseDetail } from '../../../shared/cases.ts';
import type { supportStaffResponseSchema } from '../../../shared/support.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { apiGet } from '../../api/client.ts';
import { Alert, Button, ButtonGroup, Heading2, Heading3, Paragraph, SelectField } from '../../ui/index.ts';
import { ConfirmDialog } from '../cases/components/ConfirmDialog.tsx';
import { StatusRegion, useStatusMessage } from '../cases/components/StatusRegion.tsx';
import { caseApi, useCaseAction, useCaseTypes } from '../cases/data.ts';
import { problemMessage } from '../cases/format.ts';
import { useCaseLabels } from '../cases/labels.ts';

export type StaffDirectory = z.infer<typeof supportStaffResponseSchema>;

export function useStaffDirectory(role: 'confidant' | 'peer' | 'expert', enabled: boolean) {
  return useQuery({
    queryKey: ['support', 'staff', role],
    queryFn: ({ signal }) => apiGet<StaffDirectory>(`/api/support/staff?role=${role}`, signal),
    enabled,
    staleTime: 60_000,
  });
}

/** Take, hand back, assign, change status or urgency, close: exactly the actions the server offers. */
export function StaffActions({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const actions = new Set(detail.viewer.actions);
  const status = useStatusMessage();
  const navigate = useNavigate();
  const types = useCaseTypes();
  const outcomes = types.data?.types.find((type) => type.type === detail.type)?.outcomes ?? [];
  const confidants = useStaffDirectory('confidant', detail.type === 'support' && actions.has('assign'));
  const [assignee, setAssignee] = useState('');
  const [target, setTarget] = useState('');
  const [outcome, setOutcome] = useState('');
  const [outcomeError, setOutcomeError] = useState<string | undefined>();
  const [closing, setClosing] = useState(false);

  const take = useCaseAction<Record<string, never>>(detail.id, caseApi.action(detail.id, 'take'));
  const release = useCaseAction<Record<string, never>>(detail.id, caseApi.action(detail.id, 'release'));
  const assign = useCaseAction<{ personId: string }>(detail.id, caseApi.action(detail.id, 'assign'));
  const move = useCaseAction<{ to: string }>(detail.id, caseApi.action(detail.id, 'status'));
  const urgency = useCaseAction<{ urgency: string }>(detail.id, caseApi.action(detail.id, 'urgency'));
  const close = useCaseAction<{ outcome: string }>(detail.id, caseApi.action(detail.id, 'close'));
  const failure = [take, release, assign, move, urgency].find((mutation) => mutation.isError)?.error;
  const done = (key: string) => ({ onSuccess: () => status.announce(t(`staff.actions.done.${key}`)) });

  const statusTargets = detail.viewer.statusTargets.filter((to) => to !== 'closed');
  const any =
    actions.has('take') ||
    actions.has('release') ||
    actions.has('assign') ||
    actions.has('change_urgency') ||
    actions.has('close') ||
    statusTargets.length > 0;
  // Once nothing is left to do (e.g. just closed), the confirmation must still be heard.
  if (!any) return <StatusRegion message={status.message} />;

  return (
    <section aria-labelledby="staff-actions-heading" className="weerbaar-panel">
      <Heading2 id="staff-actions-heading" tabIndex={-1}>
        {t('staff.actions.heading')}
      </Heading2>
      {failure && (
        <Alert type="error" role="alert">
          <Paragraph>{problemMessage(t, failure)}</Paragraph>
        </Alert>
      )}
      <ButtonGroup>
        {actions.has('take') && (
          <Button
            appearance="primary-action-button"
            disabled={take.isPending}
            onClick={() => take.mutate({}, done('take'))}
          >
            {t('staff.actions.take')}
          </Button>
        )}
        {actions.has('release') && (
          <Button
            appearance="secondary-action-button"
            disabled={release.isPending}
            onClick={() =>
              release.mutate(
                {},
                { onSuccess: () => navigate(WEB_PATHS.workQueue, { state: { handedBack: detail.reference } }) },
              )
            }
          >
            {t('staff.actions.release')}
          </Button>
        )}
        {actions.has('change_urgency') && (
          <Button
            appearance="secondary-action-button"
            disabled={urgency.isPending}
            onClick={() =>
              urgency.mutate({ urgency: detail.urgency === 'urgent' ? 'normal' : 'urgent' }, done('urgency'))
            }
          >
            {t(detail.urgency === 'urgent' ? 'staff.actions.makeNormal' : 'staff.actions.makeUrgent')}
          </Button>
        )}
      </ButtonGroup>
      {actions.has('assign') && confidants.data && (
        <form
          className="weerbaar-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (assignee) assign.mutate({ personId: assignee }, done('assign'));
          }}
        >
          <SelectField
            id="assignee"
            label={t('staff.actions.assignTo')}
            value={assignee}
            onValueChange={setAssignee}
            placeholder={t('staff.actions.choosePerson')}
            options={confidants.data.people.map((person) => ({
              value: person.personId,
              label: [
                person.displayName ?? t('cases.summary.unnamed'),
                person.association
                  ? t(`support.association.${person.association}`, { defaultValue: person.association })
                  : null,
              ]
                .filter(Boolean)
                .join(' — '),
            }))}
          />
          <Button type="submit" appearance="secondary-action-button" disabled={!assignee || assign.isPending}>
            {t('staff.actions.assign')}
          </Button>
        </form>
      )}
      {statusTargets.length > 0 && (
        <form
          className="weerbaar-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (target)
              move.mutate(
                { to: target },
                {
                  onSuccess: () => {
                    setTarget('');
                    status.announce(t('staff.actions.done.status', { status: labels.status(detail.type, target) }));
                  },
                },
              );
          }}
        >
          <SelectField
            id="status-target"
            label={t('staff.actions.statusTo')}
            value={target}
            onValueChange={setTarget}
            placeholder={t('staff.actions.chooseStatus')}
            options={statusTargets.map((to) => ({ value: to, label: labels.status(detail.type, to) }))}
          />
          <Button type="submit" appearance="secondary-action-button" disabled={!target || move.isPending}>
            {t('staff.actions.changeStatus')}
          </Button>
        </form>
      )}
      {actions.has('close') && (
        <>
          <Heading3>{t('staff.actions.closeHeading')}</Heading3>
          <form
            className="weerbaar-inline-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!outcome) {
                setOutcomeError(t('staff.actions.outcomeMissing'));
                document.getElementById('close-outcome')?.focus();
                return;
              }
              setOutcomeError(undefined);
              setClosing(true);
            }}
          >
            <SelectField
              id="close-outcome"
              label={t('staff.actions.outcome')}
              value={outcome}
              onValueChange={setOutcome}
              error={outcomeError}
              placeholder={t('staff.actions.chooseOutcome')}
              options={outcomes
                .filter((item) => item !== 'withdrawn')
                .map((item) => ({ value: item, label: labels.outcome(detail.type, item) }))}
            />
            <Button type="submit" appearance="secondary-action-button">
              {t('staff.actions.close')}
            </Button>
          </form>
        </>
      )}
      <ConfirmDialog
        open={closing}
        title={t('staff.actions.closeTitle', { reference: detail.reference })}
        confirmLabel={t('staff.actions.closeConfirm')}
        busy={close.isPending}
        error={close.error ? problemMessage(t, close.error) : null}
        onCancel={() => setClosing(false)}
        onConfirm={() =>
          close.mutate(
            { outcome },
            {
              onSuccess: () => {
                setClosing(false);
                status.announce(t('staff.actions.done.close'));
              },
            },
          )
        }
      >
        <Paragraph>
          {t('staff.actions.closeBody', { outcome: outcome ? labels.outcome(detail.type, outcome) : '' })}
        </Paragraph>
      </ConfirmDialog>
      <StatusRegion message={status.message} />
    </section>
  );
}
