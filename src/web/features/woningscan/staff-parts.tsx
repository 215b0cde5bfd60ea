import { woningscanDetailOf } from '../../../shared/woningscan.ts';
import type { CasePartProps, StaffCaseParts } from '../cases/case-types.ts';
import { WoningscanCaseParts } from './CaseParts.tsx';
import { WoningscanIntakeView } from './IntakeView.tsx';
import { WoningscanStaffParts } from './StaffParts.tsx';

function Intake({ detail }: CasePartProps) {
  const intake = woningscanDetailOf(detail)?.intake;
  return intake ? <WoningscanIntakeView intake={intake} /> : null;
}

/** The adviser's forms (address, times, visit, advice), then the case as the requester sees it. */
function Work({ detail }: CasePartProps) {
  return (
    <>
      <WoningscanStaffParts detail={detail} />
      <WoningscanCaseParts detail={detail} viewer="staff" />
    </>
  );
}

/** A woningscan request on the staff case page. */
export const woningscanStaffParts: StaffCaseParts = { Intake, Work };
