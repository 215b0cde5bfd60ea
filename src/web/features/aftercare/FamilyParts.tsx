import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyAftercarePlan } from '../../../shared/aftercare.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { Alert, Button, CheckboxField, CheckboxGroup, Heading3, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { AnswersView } from './AnswersView.tsx';
import { formatDate, problemText, useSetRelatives, useSetSharing } from './data.ts';

/**
 * The person chooses which of their relatives take part; each gets their own check-ins. A relative's
 * answers are theirs: the person sees them only for a relative who shares (and each look is audited).
 */
export function RelativesChoice({ plan, announce }: { plan: MyAftercarePlan; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>(() =>
    plan.relatives.filter((relative) => relative.included).map((relative) => relative.personId),
  );
  const save = useSetRelatives(plan.id);
  const headingId = `relatives-${plan.id}`;
  const included = plan.relatives.filter((relative) => relative.included);
  return (
    <section aria-labelledby={headingId} className="weerbaar-aftercare-part">
      <Heading3 id={headingId}>{t('aftercare.relatives.heading')}</Heading3>
      <Paragraph>{t('aftercare.relatives.lead')}</Paragraph>
      {plan.relatives.length === 0 ? (
        <Paragraph>
          {t('aftercare.relatives.none')}{' '}
          <RouterLink to={WEB_PATHS.relatives}>{t('aftercare.relatives.familyLink')}</RouterLink>
        </Paragraph>
      ) : (
        plan.status !== 'ended' && (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate(chosen, { onSuccess: () => announce(t('aftercare.relatives.saved')) });
            }}
          >
            <CheckboxGroup
              id={`relatives-${plan.id}-choice`}
              legend={t('aftercare.relatives.legend')}
              choices={plan.relatives.map((relative) => ({ value: relative.personId, label: relative.displayName }))}
              value={chosen}
              onValueChange={setChosen}
            />
            {save.isError && (
              <Alert type="error" role="alert">
                <Paragraph>{problemText(t, save.error)}</Paragraph>
              </Alert>
            )}
            <Button type="submit" appearance="secondary-action-button" disabled={save.isPending}>
              {t('aftercare.relatives.save')}
            </Button>
          </form>
        )
      )}
      {included.length > 0 && (
        <ul className="weerbaar-aftercare-list">
          {included.map((relative) => (
            <li key={relative.personId}>
              <Paragraph>
                {relative.sharedCheckIns.length > 0
                  ? t('aftercare.relatives.shared', { name: relative.displayName })
                  : t('aftercare.relatives.sharedNone', { name: relative.displayName })}
              </Paragraph>
              {relative.sharedCheckIns.map((checkIn) => (
                <AnswersView
                  key={checkIn.id}
                  checkInId={checkIn.id}
                  label={t('aftercare.relatives.showShared', {
                    name: relative.displayName,
                    date: formatDate(checkIn.answeredAt ?? checkIn.dueAt),
                  })}
                />
              ))}
            </li>
          ))}
        </ul>
      )}
      {included.some((relative) => relative.sharedCheckIns.length > 0) && (
        <Paragraph>{t('aftercare.relatives.auditNote')}</Paragraph>
      )}
    </section>
  );
}

/** An included relative: share your answers with the person, or not (off unless they switch it on). */
export function SharingToggle({ plan, announce }: { plan: MyAftercarePlan; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const person = t('aftercare.sharing.thePerson');
  const [share, setShare] = useState(plan.sharesAnswersWithPerson === true);
  const save = useSetSharing(plan.id);
  const headingId = `sharing-${plan.id}`;
  return (
    <section aria-labelledby={headingId} className="weerbaar-aftercare-part">
      <Heading3 id={headingId}>{t('aftercare.sharing.heading')}</Heading3>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(share, {
            onSuccess: () =>
              announce(t(share ? 'aftercare.sharing.savedOn' : 'aftercare.sharing.savedOff', { person })),
          });
        }}
      >
        <CheckboxField
          id={`sharing-${plan.id}-toggle`}
          label={t('aftercare.sharing.label', { person })}
          description={t('aftercare.sharing.description', { person })}
          checked={share}
          onCheckedChange={setShare}
        />
        {save.isError && (
          <Alert type="error" role="alert">
            <Paragraph>{problemText(t, save.error)}</Paragraph>
          </Alert>
        )}
        <Button type="submit" appearance="secondary-action-button" disabled={save.isPending}>
          {t('aftercare.sharing.save')}
        </Button>
      </form>
    </section>
  );
}
