import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { sipaDetailOf } from '../../../shared/sipa.ts';
import { supportDetailOf } from '../../../shared/support.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Heading1, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SipaAdviceView, SipaIntakeView } from '../sipa/SipaCaseParts.tsx';
import { SharedZelfscan, SupportAdviceView, SupportIntakeView } from '../support/SupportCaseParts.tsx';
import { WoningscanCaseParts } from '../woningscan/CaseParts.tsx';
import { PAGE_ROLES } from './access.ts';
import { CaseAttachments } from './CaseAttachments.tsx';
import { CaseClosure } from './CaseClosure.tsx';
import { CaseConversation } from './CaseConversation.tsx';
import { CaseGrants } from './CaseGrants.tsx';
import { CaseSummary } from './CaseSummary.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
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
  const supportIntake = supportDetailOf(detail)?.intake;
  const sipaIntake = sipaDetailOf(detail)?.intake;
  return (
    <>
      <Paragraph>
        <RouterLink to={WEB_PATHS.myCases}>{t('cases.case.back')}</RouterLink>
      </Paragraph>
      <Heading1>{title}</Heading1>
      <CaseSummary detail={detail} />
      <HelpNumbersNote />
      {detail.type === 'support' && <SupportAdviceView detail={detail} />}
      {detail.type === 'sipa' && <SipaAdviceView detail={detail} />}
      {detail.type === 'woningscan' && <WoningscanCaseParts detail={detail} viewer="requester" />}
      {actions.has('read_messages') && (
        <CaseConversation caseId={detail.id} mayPost={actions.has('post_message')} viewer="requester" />
      )}
      {detail.type === 'sipa' && !actions.has('upload_attachment') && detail.status !== 'closed' && (
        <Paragraph className="weerbaar-note">{t('sipa.case.noDocumentsYet')}</Paragraph>
      )}
      {actions.has('read_attachments') && (
        <CaseAttachments caseId={detail.id} mayUpload={actions.has('upload_attachment')} />
      )}
      {detail.type === 'support' && detail.grants && (
        <CaseGrants caseId={detail.id} grants={detail.grants} mayManage={actions.has('manage_grants')} />
      )}
      {detail.type === 'support' && <SharedZelfscan detail={detail} />}
      <CaseClosure detail={detail} />
      <CaseTimeline caseId={detail.id} type={detail.type} staff={false} />
      {supportIntake && <SupportIntakeView intake={supportIntake} />}
      {sipaIntake && <SipaIntakeView intake={sipaIntake} />}
    </>
  );
}

/** /mijn-zaken/:caseId: one of my cases. */
export function CasePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  return (
    <PageGate title={t('cases.case.title')} roles={PAGE_ROLES.myCases}>
      {() => <RequesterCase caseId={caseId} />}
    </PageGate>
  );
}
