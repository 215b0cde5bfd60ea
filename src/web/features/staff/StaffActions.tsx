import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CaseDetail } from '../../../shared/cases.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { Alert, Button, ButtonGroup, Heading2, Heading3, Paragraph, SelectField } from '../../ui/index.ts';
import { staffPartsOf } from '../cases/case-types.ts';
import { ConfirmDialog } from '../cases/components/ConfirmDialog.tsx';
import { StatusRegion, useStatusMessage } from '../cases/components/StatusRegion.tsx';
import { caseApi, useCaseAction, useCaseTypeInfo } from '../cases/data.ts';
import { problemMessage } from '../cases/format.ts';
import { useCaseLabels } from '../cases/labels.ts';

/** Take, hand back, assign, change status or urgency, close: exactly the actions the server offers. */
export function StaffActions({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const actions = new Set(detail.viewer.actions);
  const status = useStatusMessage();
  const navigate = useNavigate();
  const outcomes = useCaseTypeInfo(detail.type)?.outcomes ?? [];
  // Whom a case may be assigned to is the type's to say (its staff directory).
  const AssignOptions = staffPartsOf(detail.type).AssignOptions;
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
      {actions.has('assign') && AssignOptions && (
        <AssignOptions>
          {(options) => (
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
                options={options}
              />
              <Button type="submit" appearance="secondary-action-button" disabled={!assignee || assign.isPending}>
                {t('staff.actions.assign')}
              </Button>
            </form>
          )}
        </AssignOptions>
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
