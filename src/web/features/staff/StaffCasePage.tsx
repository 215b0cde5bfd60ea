import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, DataList, DataListItem, DataListKey, DataListValue, Heading1, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { CaseAttachments } from '../cases/CaseAttachments.tsx';
import { CaseConversation } from '../cases/CaseConversation.tsx';
import { CaseSummary } from '../cases/CaseSummary.tsx';
import { CaseTimeline } from '../cases/CaseTimeline.tsx';
import { staffPartsOf, staffRoles } from '../cases/case-types.ts';
import { PageGate } from '../cases/components/PageGate.tsx';
import { useCase } from '../cases/data.ts';
import { problemMessage } from '../cases/format.ts';
import { useCaseLabels } from '../cases/labels.ts';
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
  // The type's parts (case-types.ts): a checkpoint before its content, what the requester told, its work.
  const type = staffPartsOf(detail.type);
  const held = type.checkpoint?.pending(detail) ?? false;
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
      {type.checkpoint && <type.checkpoint.Panel detail={detail} />}
      {!held && (
        <>
          {type.Intake && <type.Intake detail={detail} />}
          {actions.has('read_messages') && (
            <CaseConversation caseId={detail.id} mayPost={actions.has('post_message')} viewer="staff" />
          )}
          {actions.has('read_notes') && <CaseNotes caseId={detail.id} mayPost={actions.has('post_note')} />}
          {actions.has('read_attachments') && (
            <CaseAttachments caseId={detail.id} mayUpload={actions.has('upload_attachment')} />
          )}
          {type.Work && <type.Work detail={detail} />}
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
    <PageGate title={t('cases.case.title')} roles={staffRoles()}>
      {() => <StaffCase caseId={caseId} />}
    </PageGate>
  );
}
