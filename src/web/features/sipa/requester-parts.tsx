import { useTranslation } from 'react-i18next';
import { sipaDetailOf } from '../../../shared/sipa.ts';
import { Paragraph } from '../../ui/index.ts';
import type { CasePartProps, RequesterCaseParts } from '../cases/case-types.ts';
import { SipaAdviceView, SipaIntakeView } from './SipaCaseParts.tsx';

/** Until the advisor asks for documents, the requester cannot add any: say so where files would be. */
function NoDocumentsYet({ detail }: CasePartProps) {
  const { t } = useTranslation();
  if (detail.viewer.actions.includes('upload_attachment') || detail.status === 'closed') return null;
  return <Paragraph className="weerbaar-note">{t('sipa.case.noDocumentsYet')}</Paragraph>;
}

function Intake({ detail }: CasePartProps) {
  const intake = sipaDetailOf(detail)?.intake;
  return intake ? <SipaIntakeView intake={intake} /> : null;
}

/** A SIPA request on the requester's case page: the advice, the note on documents, what they asked. */
export const sipaRequesterParts: RequesterCaseParts = {
  Result: SipaAdviceView,
  BeforeFiles: NoDocumentsYet,
  Intake,
};
