import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { sipaDetailOf } from '../../../shared/sipa.ts';
import { supportDetailOf } from '../../../shared/support.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, DataList, DataListItem, DataListKey, DataListValue, Heading1, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { PAGE_ROLES } from '../cases/access.ts';
import { CaseAttachments } from '../cases/CaseAttachments.tsx';
import { CaseConversation } from '../cases/CaseConversation.tsx';
import { CaseSummary } from '../cases/CaseSummary.tsx';
import { CaseTimeline } from '../cases/CaseTimeline.tsx';
import { PageGate } from '../cases/components/PageGate.tsx';
import { useCase } from '../cases/data.ts';
import { problemMessage } from '../cases/format.ts';
import { useCaseLabels } from '../cases/labels.ts';
import { SipaAdviceView, SipaIntakeView } from '../sipa/SipaCaseParts.tsx';
import { SipaAdviceForm, SipaConflictCheck } from '../sipa/SipaStaffParts.tsx';
import { ProposeGrant } from '../support/ProposeGrant.tsx';
import { SharedZelfscanResult } from '../support/SharedZelfscanResult.tsx';
import { SupportAdviceForm } from '../support/SupportAdviceForm.tsx';
import { SupportAdviceView, SupportIntakeView } from '../support/SupportCaseParts.tsx';
import { WoningscanCaseParts } from '../woningscan/CaseParts.tsx';
import { WoningscanStaffParts } from '../woningscan/StaffParts.tsx';
import { CaseNotes } from './CaseNotes.tsx';
import { SlaText } from './Sla.tsx';
import { StaffActions } from './StaffActions.tsx';

function StaffCase({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const query = useCase(caseId);
  const detail = query.data;
  const title = detail
    ? t('cases.mine.caseTitle', { type: labels.type(detail.type), reference: detail.reference })
    : t('cases.case.title');
  usePageTitle(title);
  const back = (
    <Paragraph>
      <RouterLink to={WEB_PATHS.workQueue}>{t('staff.case.back')}</RouterLink>
    </Paragraph>
  );
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
        {back}
        <Heading1>{title}</Heading1>
        <Alert type="error">
          <Paragraph>{problemMessage(t, query.error)}</Paragraph>
        </Alert>
      </>
    );
  }
  const actions = new Set(detail.viewer.actions);
  const conflictPending = sipaDetailOf(detail)?.conflictCheck === 'pending';
  const supportIntake = supportDetailOf(detail)?.intake;
  const sipaIntake = sipaDetailOf(detail)?.intake;
  return (
    <>
      {back}
      <Heading1>{title}</Heading1>
      <CaseSummary detail={detail} />
      {detail.sla && (
        <DataList className="weerbaar-case-summary">
          <DataListItem>
            <DataListKey>{t('staff.sla.label')}</DataListKey>
            <DataListValue>
              <SlaText sla={detail.sla} />
            </DataListValue>
          </DataListItem>
        </DataList>
      )}
      <StaffActions detail={detail} />
      <SipaConflictCheck detail={detail} />
      {!conflictPending && (
        <>
          {supportIntake && <SupportIntakeView intake={supportIntake} />}
          {detail.type === 'support' && <SharedZelfscanResult detail={detail} />}
          {sipaIntake && <SipaIntakeView intake={sipaIntake} />}
          {actions.has('read_messages') && (
            <CaseConversation caseId={detail.id} mayPost={actions.has('post_message')} viewer="staff" />
          )}
          {actions.has('read_notes') && <CaseNotes caseId={detail.id} mayPost={actions.has('post_note')} />}
          {actions.has('read_attachments') && (
            <CaseAttachments caseId={detail.id} mayUpload={actions.has('upload_attachment')} />
          )}
          {detail.type === 'support' &&
            (actions.has('record_advice') ? (
              <SupportAdviceForm detail={detail} />
            ) : (
              <SupportAdviceView detail={detail} />
            ))}
          {detail.type === 'support' && actions.has('propose_grant') && <ProposeGrant detail={detail} />}
          {detail.type === 'sipa' && <SipaAdviceForm detail={detail} />}
          {detail.type === 'sipa' && <SipaAdviceView detail={detail} />}
          {detail.type === 'woningscan' && <WoningscanStaffParts detail={detail} />}
          {detail.type === 'woningscan' && <WoningscanCaseParts detail={detail} viewer="staff" />}
        </>
      )}
      <CaseTimeline caseId={detail.id} type={detail.type} staff />
    </>
  );
}

/** /werkbak/:caseId: one case as staff see it. */
export function StaffCasePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  return (
    <PageGate title={t('cases.case.title')} roles={PAGE_ROLES.workQueue}>
      {() => <StaffCase caseId={caseId} />}
    </PageGate>
  );
}
