import { woningscanDetailOf } from '../../../shared/woningscan.ts';
import type { CasePartProps, RequesterCaseParts } from '../cases/case-types.ts';
import { WoningscanCaseParts } from './CaseParts.tsx';
import { WoningscanIntakeView } from './IntakeView.tsx';

/** The appointment, the advice, the measures and the scheme that applies, after the summary. */
function Result({ detail }: CasePartProps) {
  return <WoningscanCaseParts detail={detail} viewer="requester" />;
}

function Intake({ detail }: CasePartProps) {
  const intake = woningscanDetailOf(detail)?.intake;
  return intake ? <WoningscanIntakeView intake={intake} /> : null;
}

/** A woningscan request on the requester's case page. */
export const woningscanRequesterParts: RequesterCaseParts = { Result, Intake };
