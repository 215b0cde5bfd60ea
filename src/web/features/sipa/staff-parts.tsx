import { sipaDetailOf } from '../../../shared/sipa.ts';
import type { CasePartProps, StaffCaseParts } from '../cases/case-types.ts';
import { SipaAdviceView, SipaIntakeView } from './SipaCaseParts.tsx';
import { SipaPhoneIntakeSummary } from './SipaPhoneIntake.tsx';
import { SipaCallPanel } from './SipaStaffIntake.tsx';
import { SipaAdviceForm, SipaConflictCheck } from './SipaStaffParts.tsx';

function Intake({ detail }: CasePartProps) {
  const intake = sipaDetailOf(detail)?.intake;
  return intake ? <SipaIntakeView intake={intake} /> : null;
}

/** The call and its record first, then the advice form (for the assigned advisor) and the advice as issued. */
function Work({ detail }: CasePartProps) {
  return (
    <>
      <SipaCallPanel detail={detail} />
      <SipaPhoneIntakeSummary detail={detail} audience="staff" />
      <SipaAdviceForm detail={detail} />
      <SipaAdviceView detail={detail} />
    </>
  );
}

/** A SIPA request on the staff case page: nothing of it shows until the advisor has no conflict of interest. */
export const sipaStaffParts: StaffCaseParts = {
  checkpoint: {
    Panel: SipaConflictCheck,
    pending: (detail) => sipaDetailOf(detail)?.conflictCheck === 'pending',
  },
  Intake,
  Work,
};
