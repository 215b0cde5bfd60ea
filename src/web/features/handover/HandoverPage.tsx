import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import {
  HANDOVER_METHODS,
  type HandoverDetail,
  type HandoverEvent,
  type HandoverMethod,
} from '../../../shared/handover.ts';
import { LOCALES, type Locale } from '../../../shared/locale.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { isApiError, saveFile } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useSession } from '../../session/session.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ConfirmDialog,
  ErrorSummary,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  RadioButton,
  SelectField,
  StatusMessage,
  TextField,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useFormProblems } from '../auth/form.ts';
import { HANDOVER_QUERY_KEY, handoverApi } from './api.ts';
import { HandoverNav } from './HandoverNav.tsx';
import { formatDay, formatMoment, formatMomentDay, officeText, regionKindText, sizeText, todayIso } from './labels.ts';
import type { HandoverPageState } from './RegisterPage.tsx';

/** One new office holder's handover: where it stands, the printable package, the handover itself, its history. */
export function HandoverPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const notice = (location.state as HandoverPageState | null)?.notice;
  const queryClient = useQueryClient();
  const queryKey = [...HANDOVER_QUERY_KEY, 'detail', id];
  const detail = useQuery({
    queryKey,
    queryFn: ({ signal }) => handoverApi.detail(id, signal),
    retry: false,
  });
  const handover = detail.data?.handover;
  usePageTitle(handover ? handover.name : t('handover.detail.title'));
  const [status, setStatus] = useState('');

  async function updated(next: HandoverDetail, message: string) {
    queryClient.setQueryData(queryKey, { handover: next });
    await queryClient.invalidateQueries({ queryKey: [...HANDOVER_QUERY_KEY, 'list'] });
    setStatus(message);
  }

  if (detail.isPending) {
    return (
      <>
        <Heading1>{t('handover.detail.title')}</Heading1>
        <Paragraph role="status">{t('auth.loading')}</Paragraph>
      </>
    );
  }
  if (!handover) {
    return (
      <>
        <Heading1>{t('handover.detail.title')}</Heading1>
        <HandoverNav />
        <Alert type="error">
          <Paragraph>{problemMessage(t, detail.error)}</Paragraph>
        </Alert>
        <Paragraph>
          <RouterLink to={WEB_PATHS.adminHandovers}>{t('handover.detail.back')}</RouterLink>
        </Paragraph>
      </>
    );
  }

  const noticeText = notice ? t(`handover.detail.${notice}`, { name: handover.name }) : '';
  return (
    <>
      <Heading1>{handover.name}</Heading1>
      <HandoverNav />
      <Paragraph>
        <RouterLink to={WEB_PATHS.adminHandovers} end>
          {t('handover.detail.back')}
        </RouterLink>
      </Paragraph>
      <StatusMessage>{status || noticeText}</StatusMessage>

      <Heading2>{t('handover.detail.stepsHeading')}</Heading2>
      <Steps handover={handover} />

      <Heading2>{t('handover.detail.detailsHeading')}</Heading2>
      <dl className="weerbaar-facts">
        <dt>{t('handover.detail.name')}</dt>
        <dd>{handover.name}</dd>
        <dt>{t('handover.detail.email')}</dt>
        <dd>{handover.email}</dd>
        <dt>{t('handover.detail.office')}</dt>
        <dd>{officeText(t, handover.office)}</dd>
        <dt>{regionKindText(t, handover.regionKind)}</dt>
        <dd>{handover.region}</dd>
        <dt>{t('handover.detail.installationDate')}</dt>
        <dd>{formatDay(handover.installationDate)}</dd>
        <dt>{t('handover.detail.invitation')}</dt>
        <dd>
          {handover.invitation
            ? t(`handover.invitationStates.${handover.invitation.state}`)
            : t('handover.detail.noInvitation')}
        </dd>
        {handover.printedEdition && (
          <>
            <dt>{t('handover.detail.printedVersion')}</dt>
            <dd>
              {t('handover.detail.version', {
                version: handover.printedEdition.version,
                date: formatMomentDay(handover.printedEdition.publishedAt),
              })}
            </dd>
          </>
        )}
      </dl>
      {handover.activationCodeExpiresAt && (
        <Paragraph>
          {t('handover.detail.codeValidUntil', { date: formatMomentDay(handover.activationCodeExpiresAt) })}
        </Paragraph>
      )}

      <PrintSection
        handover={handover}
        onPrinted={async (message) => {
          await queryClient.invalidateQueries({ queryKey });
          await queryClient.invalidateQueries({ queryKey: [...HANDOVER_QUERY_KEY, 'list'] });
          setStatus(message);
        }}
      />
      <HandedOverSection
        key={`${handover.handedOver?.on ?? ''}-${handover.handedOver?.by ?? ''}`}
        handover={handover}
        onSaved={(next, message) => void updated(next, message)}
      />

      <Heading2 id="handover-history">{t('handover.detail.historyHeading')}</Heading2>
      <ol className="weerbaar-history" aria-labelledby="handover-history">
        {handover.history.map((event) => (
          <li key={`${event.at}-${event.kind}`}>
            <time dateTime={event.at}>{formatMoment(event.at)}</time>
            {eventText(t, event)}{' '}
            {event.actorName
              ? t('handover.detail.by', { name: event.actorName })
              : event.kind === 'code_exchanged'
                ? t('handover.detail.bySystem')
                : ''}
          </li>
        ))}
      </ol>
    </>
  );
}

function Steps({ handover }: { handover: HandoverDetail }) {
  const { t } = useTranslation();
  const steps = [
    {
      key: 'registered',
      done: true,
      text: t('handover.detail.stepRegistered', { date: formatMomentDay(handover.createdAt) }),
    },
    {
      key: 'prepared',
      done: Boolean(handover.preparedAt),
      text: handover.preparedAt
        ? t('handover.detail.stepPreparedOn', {
            date: formatMomentDay(handover.preparedAt),
            count: handover.printCount,
          })
        : t('handover.detail.stepPrepared'),
    },
    {
      key: 'handed_over',
      done: Boolean(handover.handedOver),
      text: handover.handedOver
        ? t('handover.detail.stepHandedOverOn', {
            method: t(`handover.methods.${handover.handedOver.method}`),
            date: formatDay(handover.handedOver.on),
            by: handover.handedOver.by,
          })
        : t('handover.detail.stepHandedOver'),
    },
    {
      key: 'activated',
      done: Boolean(handover.activatedAt),
      text: handover.activatedAt
        ? t('handover.detail.stepActivatedOn', { date: formatMomentDay(handover.activatedAt) })
        : t('handover.detail.stepActivated'),
    },
  ];
  return (
    <ol className="weerbaar-steps" aria-label={t('handover.detail.stepsLabel')}>
      {steps.map((step) => (
        <li key={step.key} className={`weerbaar-steps__item${step.done ? ' weerbaar-steps__item--done' : ''}`}>
          <span className="weerbaar-steps__state">
            {step.done ? t('handover.detail.stepDone') : t('handover.detail.stepNotYet')}
          </span>
          <span>{step.text}</span>
        </li>
      ))}
    </ol>
  );
}

function eventText(t: ReturnType<typeof useTranslation>['t'], event: HandoverEvent): string {
  const details = event.details;
  switch (event.kind) {
    case 'registered':
      return t(
        details.source === 'import' ? 'handover.detail.events.registered_import' : 'handover.detail.events.registered',
      );
    case 'package_printed':
      return t(
        details.linkIssued ? 'handover.detail.events.package_printed_link' : 'handover.detail.events.package_printed',
        {
          version: details.version,
          language: t(`handover.detail.languages.${details.lang === 'en' ? 'en' : 'nl'}`).toLowerCase(),
        },
      );
    case 'handed_over':
      return t('handover.detail.events.handed_over', {
        method: t(`handover.methods.${details.method === 'post' ? 'post' : 'in_person'}`),
        date: typeof details.on === 'string' ? formatDay(details.on) : '',
        by: String(details.by ?? ''),
      });
    case 'handover_undone':
      return t('handover.detail.events.handover_undone');
    case 'code_exchanged':
      return t('handover.detail.events.code_exchanged');
  }
}

function PrintSection({
  handover,
  onPrinted,
}: {
  handover: HandoverDetail;
  onPrinted: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [lang, setLang] = useState<Locale>(currentLocale());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const unused = handover.personStatus === 'invited';

  async function print() {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const file = await handoverApi.printPackage(handover.id, lang);
      saveFile(file.blob, file.fileName);
      const size = sizeText(t, file.size);
      await onPrinted(unused ? t('handover.detail.printed', { size }) : t('handover.detail.printedNoLink', { size }));
    } catch (error) {
      setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="handover-print">
      <Heading2 id="handover-print">{t('handover.detail.printHeading')}</Heading2>
      <Paragraph>{t('handover.detail.printIntro')}</Paragraph>
      {unused ? (
        <Alert type="warning">
          <Paragraph>{t('handover.detail.printLinkWarning')}</Paragraph>
        </Alert>
      ) : (
        <Paragraph>{t('handover.detail.printNoLink')}</Paragraph>
      )}
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <div className="weerbaar-handover-form">
        <SelectField
          id="handover-print-language"
          label={t('handover.detail.language')}
          value={lang}
          onValueChange={(value) => setLang(value === 'en' ? 'en' : 'nl')}
          options={LOCALES.map((value) => ({ value, label: t(`handover.detail.languages.${value}`) }))}
        />
      </div>
      <StatusMessage type="info">{busy ? t('handover.detail.printing') : ''}</StatusMessage>
      <ButtonGroup>
        <Button appearance="primary-action-button" onClick={() => void print()} aria-disabled={busy || undefined}>
          {t('handover.detail.print')}
        </Button>
      </ButtonGroup>
    </section>
  );
}

function HandedOverSection({
  handover,
  onSaved,
}: {
  handover: HandoverDetail;
  onSaved: (next: HandoverDetail, message: string) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const [date, setDate] = useState(handover.handedOver?.on ?? todayIso());
  const [by, setBy] = useState(handover.handedOver?.by ?? session.person?.displayName ?? '');
  const [method, setMethod] = useState<HandoverMethod | ''>(handover.handedOver?.method ?? '');
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const problems = [];
    if (!date) problems.push({ fieldId: 'handover-on', message: t('handover.detail.dateMissing') });
    else if (date > todayIso()) problems.push({ fieldId: 'handover-on', message: t('handover.detail.dateInFuture') });
    if (!by.trim()) problems.push({ fieldId: 'handover-by', message: t('handover.detail.byMissing') });
    if (!method) problems.push({ fieldId: 'handover-method-in_person', message: t('handover.detail.methodMissing') });
    if (!form.report(problems) || !method) return;
    setBusy(true);
    try {
      const { handover: next } = await handoverApi.handedOver(handover.id, { date, by: by.trim(), method });
      onSaved(next, t('handover.detail.handoverSaved'));
    } catch (error) {
      if (isApiError(error, 'date_in_future')) {
        form.report([{ fieldId: 'handover-on', message: t('handover.detail.dateInFuture') }]);
      } else {
        setFailure(problemMessage(t, error));
      }
    } finally {
      setBusy(false);
    }
  }

  async function undo() {
    setConfirm(false);
    setFailure(null);
    try {
      const { handover: next } = await handoverApi.undoHandedOver(handover.id);
      onSaved(next, t('handover.detail.handoverUndone'));
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  const methodError = form.errorFor('handover-method-in_person');
  return (
    <section aria-labelledby="handover-handed-over">
      <Heading2 id="handover-handed-over">{t('handover.detail.handoverHeading')}</Heading2>
      <Paragraph>{t('handover.detail.handoverIntro')}</Paragraph>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void save(event)} className="weerbaar-handover-form">
        <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
        <TextField
          id="handover-on"
          label={t('handover.detail.handoverDate')}
          type="date"
          max={todayIso()}
          value={date}
          onValueChange={setDate}
          error={form.errorFor('handover-on')}
          required
        />
        <TextField
          id="handover-by"
          label={t('handover.detail.handoverBy')}
          description={t('handover.detail.handoverByDescription')}
          autoComplete="off"
          value={by}
          onValueChange={setBy}
          error={form.errorFor('handover-by')}
          required
        />
        <Fieldset invalid={Boolean(methodError)} aria-describedby={methodError ? 'handover-method-error' : undefined}>
          <FieldsetLegend>{t('handover.detail.handoverMethod')}</FieldsetLegend>
          {methodError && <FormFieldErrorMessage id="handover-method-error">{methodError}</FormFieldErrorMessage>}
          {HANDOVER_METHODS.map((value) => {
            const inputId = `handover-method-${value}`;
            return (
              <FormField
                key={value}
                type="radio"
                input={
                  <RadioButton
                    id={inputId}
                    name="handover-method"
                    value={value}
                    checked={method === value}
                    invalid={Boolean(methodError)}
                    onChange={() => setMethod(value)}
                  />
                }
                label={
                  <FormLabel htmlFor={inputId} type="radio" checked={method === value}>
                    {t(`handover.methods.${value}`)}
                  </FormLabel>
                }
              />
            );
          })}
        </Fieldset>
        <StatusMessage type="info">{busy ? t('auth.busy') : ''}</StatusMessage>
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button">
            {handover.handedOver ? t('handover.detail.handoverCorrect') : t('handover.detail.handoverSave')}
          </Button>
          {handover.handedOver && (
            <Button appearance="subtle-button" onClick={() => setConfirm(true)}>
              {t('handover.detail.handoverUndo')}
            </Button>
          )}
        </ButtonGroup>
      </form>
      <ConfirmDialog
        open={confirm}
        title={t('handover.detail.confirmUndoTitle')}
        confirmLabel={t('handover.detail.handoverUndo')}
        cancelLabel={t('handover.detail.cancel')}
        onCancel={() => setConfirm(false)}
        onConfirm={() => void undo()}
      >
        <Paragraph>{t('handover.detail.confirmUndoBody', { name: handover.name })}</Paragraph>
      </ConfirmDialog>
    </section>
  );
}
