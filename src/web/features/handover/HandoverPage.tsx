import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import type { HandoverDetail, HandoverEvent } from '../../../shared/handover.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { problemMessage } from '../../api/problems.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Heading1, Heading2, Paragraph, StatusMessage } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { HANDOVER_QUERY_KEY, handoverApi } from './api.ts';
import { HandedOverSection, PrintSection } from './HandoverActions.tsx';
import { HandoverNav } from './HandoverNav.tsx';
import { formatDay, formatMoment, formatMomentDay, officeText, regionKindText } from './labels.ts';
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
