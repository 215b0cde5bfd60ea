import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Heading1, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { CaseAttachments } from './CaseAttachments.tsx';
import { CaseClosure } from './CaseClosure.tsx';
import { CaseConversation } from './CaseConversation.tsx';
import { CaseSummary } from './CaseSummary.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { requesterPartsOf, requesterRoles } from './case-types.ts';
import { HelpNumbersNote } from './components/HelpNumbers.tsx';
import { PageGate } from './components/PageGate.tsx';
import { useCase } from './data.ts';
import { problemMessage } from './format.ts';
import { useCaseLabels } from './labels.ts';

function RequesterCase({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const query = useCase(caseId);
  const detail = query.data;
  const title = detail
    ? t('cases.mine.caseTitle', { type: labels.type(detail.type), reference: detail.reference })
    : t('cases.case.title');
  usePageTitle(title);

  if (query.isPending) {
    return (
      <>
        <Heading1>{title}</Heading1>
        <Paragraph role="status">{t('cases.loading')}</Paragraph>
      </>
    );
  }
  if (!detail) {
    return (
      <>
        <Heading1>{title}</Heading1>
        <Alert type="error">
          <Paragraph>{problemMessage(t, query.error)}</Paragraph>
        </Alert>
        <Paragraph>
          <RouterLink to={WEB_PATHS.myCases}>{t('cases.case.back')}</RouterLink>
        </Paragraph>
      </>
    );
  }

  const actions = new Set(detail.viewer.actions);
  // The type's parts (case-types.ts): its result, its own choices, what the requester told.
  const type = requesterPartsOf(detail.type);
  return (
    <>
      <Paragraph>
        <RouterLink to={WEB_PATHS.myCases}>{t('cases.case.back')}</RouterLink>
      </Paragraph>
      <Heading1>{title}</Heading1>
      <CaseSummary detail={detail} />
      <HelpNumbersNote />
      {type.Result && <type.Result detail={detail} />}
      {actions.has('read_messages') && (
        <CaseConversation caseId={detail.id} mayPost={actions.has('post_message')} viewer="requester" />
      )}
      {type.BeforeFiles && <type.BeforeFiles detail={detail} />}
      {actions.has('read_attachments') && (
        <CaseAttachments caseId={detail.id} mayUpload={actions.has('upload_attachment')} />
      )}
      {type.AfterFiles && <type.AfterFiles detail={detail} />}
      <CaseClosure detail={detail} />
      <CaseTimeline caseId={detail.id} type={detail.type} staff={false} />
      {type.Intake && <type.Intake detail={detail} />}
    </>
  );
}

/** /mijn-zaken/:caseId: one of my cases. */
export function CasePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  return (
    <PageGate title={t('cases.case.title')} roles={requesterRoles()}>
      {() => <RequesterCase caseId={caseId} />}
    </PageGate>
  );
}
