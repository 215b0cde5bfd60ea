import { useTranslation } from 'react-i18next';
import { sipaDetailOf } from '../../../shared/sipa.ts';
import { Paragraph } from '../../ui/index.ts';
import type { CasePartProps, RequesterCaseParts } from '../cases/case-types.ts';
import { SipaAdviceView, SipaIntakeView } from './SipaCaseParts.tsx';
import { SipaRequesterProcess } from './SipaDetailsForm.tsx';
import { SipaPhoneIntakeSummary } from './SipaPhoneIntake.tsx';

/** Until the phone intake, the requester cannot add documents: say so where files would be. */
function NoDocumentsYet({ detail }: CasePartProps) {
  const { t } = useTranslation();
  if (detail.viewer.actions.includes('upload_attachment') || detail.status === 'closed') return null;
  const intakeDone = sipaDetailOf(detail)?.phoneIntake.state === 'done';
  return (
    <Paragraph className="weerbaar-note">
      {intakeDone ? t('sipa.case.noDocumentsAgreed') : t('sipa.case.noDocumentsYet')}
    </Paragraph>
  );
}

/** Where the request stands in SIPA's process: the call, what was agreed, and the details form. */
function Result({ detail }: CasePartProps) {
  return (
    <>
      <SipaRequesterProcess detail={detail} />
      <SipaPhoneIntakeSummary detail={detail} audience="requester" />
      <SipaAdviceView detail={detail} />
    </>
  );
}

function Intake({ detail }: CasePartProps) {
  const intake = sipaDetailOf(detail)?.intake;
  return intake ? <SipaIntakeView intake={intake} /> : null;
}

/** A SIPA request on the requester's case page: its process, the advice, the note on documents, the request. */
export const sipaRequesterParts: RequesterCaseParts = {
  Result,
  BeforeFiles: NoDocumentsYet,
  Intake,
};
