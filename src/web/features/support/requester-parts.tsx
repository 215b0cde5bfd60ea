import { supportDetailOf } from '../../../shared/support.ts';
import { CaseGrants } from '../cases/CaseGrants.tsx';
import type { CasePartProps, RequesterCaseParts } from '../cases/case-types.ts';
import { SharedZelfscan, SupportAdviceView, SupportIntakeView } from './SupportCaseParts.tsx';

/** Who may see the case (peers, experts the requester let in) and the zelfscan result they shared. */
function SharingParts({ detail }: CasePartProps) {
  return (
    <>
      {detail.grants && (
        <CaseGrants
          caseId={detail.id}
          grants={detail.grants}
          mayManage={detail.viewer.actions.includes('manage_grants')}
        />
      )}
      <SharedZelfscan detail={detail} />
    </>
  );
}

function Intake({ detail }: CasePartProps) {
  const intake = supportDetailOf(detail)?.intake;
  return intake ? <SupportIntakeView intake={intake} /> : null;
}

/** A support request on the requester's case page: the advice, sharing, and what they told. */
export const supportRequesterParts: RequesterCaseParts = {
  Result: SupportAdviceView,
  AfterFiles: SharingParts,
  Intake,
};
