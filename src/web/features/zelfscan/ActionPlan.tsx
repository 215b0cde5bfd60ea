import { useTranslation } from 'react-i18next';
import { SHIPPED_QUESTIONNAIRE as questionnaire } from '../../../shared/zelfscan/shipped.ts';
import type { SavedResult } from '../../../shared/zelfscan-api.ts';
import {
  CheckboxField,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Paragraph,
  StatusMessage,
  TextField,
  VisuallyHidden,
} from '../../ui/index.ts';
import { useContentText } from './content-text.ts';

interface Props {
  result: SavedResult;
  failed: boolean;
  onChange: (change: { tipId: string; done?: boolean; plannedFor?: string | null }) => void;
}

/**
 * The tips of a saved result as a checklist: tick one off, or plan it for a date in the coming weeks.
 * Each control's name carries its tip ("Gedaan: <tip>"), so a screen reader's list of form fields tells
 * the ten apart; the tip's title is seen once, as the fieldset's legend.
 */
export function ActionPlan({ result, failed, onChange }: Props) {
  const { t } = useTranslation();
  const text = useContentText();
  if (result.actions.length === 0) return <Paragraph>{t('zelfscanSaved.plan.empty')}</Paragraph>;
  const done = result.actions.filter((action) => action.done).length;
  return (
    <section aria-labelledby="action-plan">
      <Heading2 id="action-plan">{t('zelfscanSaved.plan.heading')}</Heading2>
      <Paragraph>{t('zelfscanSaved.plan.intro')}</Paragraph>
      <StatusMessage type="info">
        {t('zelfscanSaved.plan.progress', { done, total: result.actions.length })}
      </StatusMessage>
      <ul className="weerbaar-action-plan">
        {result.actions.map((action) => {
          const tip = questionnaire.tips.find((candidate) => candidate.id === action.tipId);
          if (!tip) return null;
          const title = text(tip.title);
          return (
            <li key={action.tipId}>
              <Fieldset>
                <FieldsetLegend>{title}</FieldsetLegend>
                <CheckboxField
                  id={`action-${action.tipId}-done`}
                  label={
                    <>
                      {t('zelfscanSaved.plan.done')}
                      <VisuallyHidden>{`: ${title}`}</VisuallyHidden>
                    </>
                  }
                  checked={action.done}
                  onCheckedChange={(checked) => onChange({ tipId: action.tipId, done: checked })}
                />
                <TextField
                  id={`action-${action.tipId}-date`}
                  type="date"
                  label={
                    <>
                      {t('zelfscanSaved.plan.plannedFor')}
                      <VisuallyHidden>{`: ${title}`}</VisuallyHidden>
                    </>
                  }
                  description={t('zelfscanSaved.plan.plannedForHint')}
                  value={action.plannedFor ?? ''}
                  onValueChange={(value) => onChange({ tipId: action.tipId, plannedFor: value === '' ? null : value })}
                />
              </Fieldset>
            </li>
          );
        })}
      </ul>
      <StatusMessage type="warning">{failed ? t('zelfscanSaved.plan.failed') : null}</StatusMessage>
    </section>
  );
}
