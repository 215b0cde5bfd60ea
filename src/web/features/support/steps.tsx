import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { OFFICES } from '../../../shared/people.ts';
import {
  CONTACT_TIMES,
  SUPPORT_AFFECTED,
  SUPPORT_SINCE,
  SUPPORT_SITUATIONS,
  SUPPORT_TEXT_MAX_LENGTH,
} from '../../../shared/support.ts';
import { CheckboxField, CheckboxGroup, RadioGroup, SelectField, TextareaField, TextField } from '../../ui/index.ts';
import { CallFirst } from '../cases/components/HelpNumbers.tsx';
import { formatDate } from '../cases/format.ts';
import type { SupportAnswers } from './form.ts';
import { useLatestZelfscan } from './zelfscan.ts';

export interface StepProps {
  answers: SupportAnswers;
  change: (patch: Partial<SupportAnswers>) => void;
  errors: Map<string, string>;
  /** Relatives ask for themselves only; officeholders may also raise a concern about a colleague. */
  mayRaiseConcern: boolean;
}

function choices(t: TFunction, group: string, values: readonly string[], withDescription = false) {
  return values.map((value) => ({
    value,
    label: t(`support.options.${group}.${value}`),
    ...(withDescription ? { description: t(`support.options.${group}Hint.${value}`) } : {}),
  }));
}

/** Step 1: danger first, then what is going on and since when. */
export function SituationStep({ answers, change, errors, mayRaiseConcern }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <RadioGroup
        id="acuteDanger"
        legend={t('support.request.acuteDanger')}
        description={t('support.request.acuteDangerHint')}
        choices={choices(t, 'yesNo', ['yes', 'no'])}
        value={answers.acuteDanger}
        onValueChange={(value) => change({ acuteDanger: value as SupportAnswers['acuteDanger'] })}
        error={errors.get('acuteDanger')}
      />
      {answers.acuteDanger === 'yes' && <CallFirst id="bel-eerst-112-stap" />}
      {mayRaiseConcern && (
        <RadioGroup
          id="concernFor"
          legend={t('support.request.concernFor')}
          choices={choices(t, 'concernFor', ['self', 'colleague'], true)}
          value={answers.concernFor}
          onValueChange={(value) => change({ concernFor: value as SupportAnswers['concernFor'] })}
        />
      )}
      <CheckboxGroup
        id="situation"
        legend={t(
          answers.concernFor === 'colleague' ? 'support.request.situationColleague' : 'support.request.situation',
        )}
        description={t('support.request.situationHint')}
        choices={choices(t, 'situation', SUPPORT_SITUATIONS)}
        value={answers.situation}
        onValueChange={(value) => change({ situation: value })}
        error={errors.get('situation')}
      />
      <RadioGroup
        id="since"
        legend={t('support.request.since')}
        choices={choices(t, 'since', SUPPORT_SINCE)}
        value={answers.since}
        onValueChange={(value) => change({ since: value })}
        error={errors.get('since')}
      />
    </>
  );
}

/** Step 2: who it touches; for a colleague's concern also who the colleague is. */
export function AffectedStep({ answers, change, errors }: StepProps) {
  const { t } = useTranslation();
  const colleague = answers.concernFor === 'colleague';
  const offices = OFFICES.map((office) => ({ value: office, label: t(`support.options.office.${office}`) }));
  return (
    <>
      <CheckboxGroup
        id="affected"
        legend={t('support.request.affected')}
        description={t('support.request.affectedHint')}
        choices={choices(t, 'affected', SUPPORT_AFFECTED)}
        value={answers.affected}
        onValueChange={(value) => change({ affected: value })}
        error={errors.get('affected')}
      />
      {colleague && (
        <fieldset className="weerbaar-fieldset utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('support.request.colleagueLegend')}</legend>
          <p className="utrecht-form-field-description">{t('support.request.colleagueHint')}</p>
          <TextField
            id="personName"
            label={t('support.request.personName')}
            value={answers.personName}
            onValueChange={(value) => change({ personName: value })}
            error={errors.get('personName')}
            maxLength={200}
            autoComplete="off"
          />
          <SelectField
            id="personOffice"
            label={t('support.request.personOffice')}
            value={answers.personOffice}
            onValueChange={(value) => change({ personOffice: value })}
            options={offices}
            placeholder={t('support.request.optionalChoice')}
          />
          <TextField
            id="personRegion"
            label={t('support.request.personRegion')}
            description={t('support.request.personRegionHint')}
            value={answers.personRegion}
            onValueChange={(value) => change({ personRegion: value })}
            maxLength={100}
            autoComplete="off"
          />
        </fieldset>
      )}
    </>
  );
}

/** Step 3: how and when to be reached. */
export function ContactStep({ answers, change, errors }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <RadioGroup
        id="channel"
        legend={t('support.request.channel')}
        choices={choices(t, 'channel', ['phone', 'in_app'], true)}
        value={answers.channel}
        onValueChange={(value) => change({ channel: value as SupportAnswers['channel'] })}
        error={errors.get('channel')}
      />
      {answers.channel === 'phone' && (
        <TextField
          id="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          label={t('support.request.phone')}
          description={t('support.request.phoneHint')}
          value={answers.phone}
          onValueChange={(value) => change({ phone: value })}
          error={errors.get('phone')}
          maxLength={30}
        />
      )}
      <RadioGroup
        id="when"
        legend={t('support.request.when')}
        choices={choices(t, 'when', CONTACT_TIMES)}
        value={answers.when}
        onValueChange={(value) => change({ when: value })}
        error={errors.get('when')}
      />
    </>
  );
}

/** Step 4: anything else, in the person's own words (optional). */
export function MoreStep({ answers, change, errors }: StepProps) {
  const { t } = useTranslation();
  const latest = useLatestZelfscan();
  return (
    <>
      <TextareaField
        id="body"
        label={t('support.request.body')}
        description={t('support.request.bodyHint', { max: SUPPORT_TEXT_MAX_LENGTH })}
        value={answers.body}
        onValueChange={(value) => change({ body: value })}
        error={errors.get('body')}
        maxLength={SUPPORT_TEXT_MAX_LENGTH}
        rows={8}
      />
      {latest && (
        <CheckboxField
          id="share-zelfscan"
          label={t('support.request.shareZelfscan', { date: formatDate(latest.createdAt) })}
          description={t('support.request.shareZelfscanHint')}
          checked={answers.zelfscanResultId === latest.id}
          onCheckedChange={(checked) => change({ zelfscanResultId: checked ? latest.id : '' })}
          error={errors.get('zelfscanResultId')}
        />
      )}
    </>
  );
}
