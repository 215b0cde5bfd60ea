import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { supportDetailOf } from '../../../shared/support.ts';
import { StaffAftercarePanel } from '../aftercare/StaffAftercarePanel.tsx';
import type { CasePartProps, StaffCaseParts } from '../cases/case-types.ts';
import { ProposeGrant } from './ProposeGrant.tsx';
import { SharedIncidents } from './SharedIncidents.tsx';
import { SharedZelfscanResult } from './SharedZelfscanResult.tsx';
import { SupportAdviceForm } from './SupportAdviceForm.tsx';
import { SupportAdviceView, SupportIntakeView } from './SupportCaseParts.tsx';
import { useStaffDirectory } from './staff-directory.ts';

/** What the requester told, and the zelfscan result and incidents they shared with the request. */
function Intake({ detail }: CasePartProps) {
  const intake = supportDetailOf(detail)?.intake;
  return (
    <>
      {intake && <SupportIntakeView intake={intake} />}
      <SharedZelfscanResult detail={detail} />
      <SharedIncidents detail={detail} />
    </>
  );
}

/** The advice (a form for whoever may record it), and proposing to let a peer or an expert in. */
function Work({ detail }: CasePartProps) {
  const actions = new Set(detail.viewer.actions);
  return (
    <>
      {/* The advice as the requester reads it, also for the confidant who wrote it (after a reload too). */}
      <SupportAdviceView detail={detail} audience="staff" />
      {actions.has('record_advice') && <SupportAdviceForm detail={detail} />}
      {actions.has('propose_grant') && <ProposeGrant detail={detail} />}
      {/* Nazorg (features/aftercare): for the assigned confidant; the server answers 404 to anyone else. */}
      {detail.viewer.relations.includes('assigned') && <StaffAftercarePanel detail={detail} />}
    </>
  );
}

/** A support request is assigned to a confidant: name and association. */
function AssignOptions({ children }: { children: (options: { value: string; label: string }[]) => ReactNode }) {
  const { t } = useTranslation();
  const confidants = useStaffDirectory('confidant', true);
  if (!confidants.data) return null;
  return children(
    confidants.data.people.map((person) => ({
      value: person.personId,
      label: [
        person.displayName ?? t('cases.summary.unnamed'),
        person.association
          ? t(`support.association.${person.association}`, { defaultValue: person.association })
          : null,
      ]
        .filter(Boolean)
        .join(' — '),
    })),
  );
}

/** A support request on the staff case page. */
export const supportStaffParts: StaffCaseParts = { Intake, Work, AssignOptions };
