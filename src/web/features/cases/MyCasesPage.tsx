import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { myCasePath } from '../../../shared/web-paths.ts';
import { Alert, Heading1, Heading2, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useSession } from './api.ts';
import { useHelpersText } from './CaseSummary.tsx';
import { caseTypeViews, requesterRoles } from './case-types.ts';
import { HelpNumbersNote } from './components/HelpNumbers.tsx';
import { PageGate } from './components/PageGate.tsx';
import { type MyCasesResponse, useMyCases } from './data.ts';
import { formatDateTime, problemMessage } from './format.ts';
import { useCaseLabels } from './labels.ts';

type MyCase = MyCasesResponse['cases'][number];

function CaseCard({ item }: { item: MyCase }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const helpers = useHelpersText(item.helpers);
  const headingId = `case-${item.id}`;
  return (
    <li className="weerbaar-card weerbaar-case-card">
      <article aria-labelledby={headingId}>
        <Heading2 id={headingId} className="weerbaar-case-card__heading">
          <RouterLink to={myCasePath(item.id)}>
            {t('cases.mine.caseTitle', { type: labels.type(item.type), reference: item.reference })}
          </RouterLink>
        </Heading2>
        <p className="weerbaar-case-card__status">
          <span className={`weerbaar-status-badge weerbaar-status-badge--${item.status}`}>
            {labels.status(item.type, item.status)}
          </span>
          {item.unread > 0 && <span className="weerbaar-unread">{t('cases.mine.unread', { count: item.unread })}</span>}
        </p>
        <Paragraph>
          <strong>{t('cases.summary.next')}:</strong> {labels.next(item.type, item.nextStep)}
        </Paragraph>
        <Paragraph>
          <strong>{t('cases.summary.helpers')}:</strong> {helpers}
        </Paragraph>
        <Paragraph className="weerbaar-note">
          {t('cases.mine.updated', { date: formatDateTime(item.updatedAt) })}
        </Paragraph>
      </article>
    </li>
  );
}

/** Where to ask for something new: the request pages the case types offer here, for this person. */
function RequestLinks() {
  const { t } = useTranslation();
  const session = useSession();
  return caseTypeViews().map(({ type, request }) =>
    request?.myCasesLink && session.hasRole(...request.roles) ? (
      <Paragraph key={type}>
        <RouterLink to={request.path}>{t(request.myCasesLink)}</RouterLink>
      </Paragraph>
    ) : null,
  );
}

function MyCasesList() {
  const { t } = useTranslation();
  const cases = useMyCases();
  const location = useLocation();
  const erased = (location.state as { erased?: string } | null)?.erased;
  const list = [...(cases.data?.cases ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const open = list.filter((item) => item.status !== 'closed');
  const closed = list.filter((item) => item.status === 'closed');

  return (
    <>
      <Heading1>{t('cases.mine.title')}</Heading1>
      <Paragraph lead>{t('cases.mine.lead')}</Paragraph>
      {erased && (
        <Alert type="ok" role="status">
          <Paragraph>{t('cases.mine.erased', { reference: erased })}</Paragraph>
        </Alert>
      )}
      <RequestLinks />
      <HelpNumbersNote />
      {cases.isPending && <Paragraph role="status">{t('cases.loading')}</Paragraph>}
      {cases.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, cases.error)}</Paragraph>
        </Alert>
      )}
      {cases.data && list.length === 0 && <Paragraph>{t('cases.mine.none')}</Paragraph>}
      {open.length > 0 && (
        <section aria-labelledby="open-cases">
          <Heading2 id="open-cases">{t('cases.mine.openHeading', { count: open.length })}</Heading2>
          <ul className="weerbaar-case-list">
            {open.map((item) => (
              <CaseCard key={item.id} item={item} />
            ))}
          </ul>
        </section>
      )}
      {closed.length > 0 && (
        <section aria-labelledby="closed-cases">
          <Heading2 id="closed-cases">{t('cases.mine.closedHeading', { count: closed.length })}</Heading2>
          <ul className="weerbaar-case-list">
            {closed.map((item) => (
              <CaseCard key={item.id} item={item} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** /mijn-zaken: every case of mine, with its status in plain words, what happens next and who is helping. */
export function MyCasesPage() {
  const { t } = useTranslation();
  return (
    <PageGate title={t('cases.mine.title')} roles={requesterRoles()}>
      {() => <MyCasesList />}
    </PageGate>
  );
}
