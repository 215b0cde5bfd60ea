import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DAMAGE_RULE_PARTS, type DamageRulesContent, type NewDamageRules } from '../../../shared/damages.ts';
import type { Locale } from '../../../shared/locale.ts';
import { problemMessage } from '../../api/problems.ts';
import { formatCalendarDate } from '../../i18n/time.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxGroup,
  ErrorSummary,
  Fieldset,
  FieldsetLegend,
  fieldAnchor,
  Heading2,
  Paragraph,
  StatusMessage,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { damageFieldProblems, fieldIdOf, useSaveDamageRules } from './data.ts';

const LANGUAGES: Locale[] = ['nl', 'en'];

interface Draft {
  validFrom: string;
  amounts: string[];
  relatives: string;
  years: string;
  eligibility: Record<Locale, string>;
  deadlineText: Record<Locale, string>;
  unverified: string[];
  sources: string;
  note: string;
}

/** A new version starts from the latest one: its amounts and texts, with a new start day. */
function draftFrom(base: DamageRulesContent | undefined): Draft {
  return {
    validFrom: '',
    amounts: base?.categories.map((category) => String(category.amountEuros)) ?? [''],
    relatives: base?.relativesAmountEuros?.toString() ?? '',
    years: base?.deadline.years?.toString() ?? '',
    eligibility: { nl: base?.eligibility.nl ?? '', en: base?.eligibility.en ?? '' },
    deadlineText: { nl: base?.deadline.text.nl ?? '', en: base?.deadline.text.en ?? '' },
    unverified: [...(base?.unverified ?? [])],
    sources: base?.sources.join('\n') ?? '',
    note: '',
  };
}

/** Numbers go as numbers when they are; anything else goes as typed, so the server names the field. */
const numberOr = (text: string) => (text.trim() === '' ? null : Number.isFinite(Number(text)) ? Number(text) : text);

function bodyOf(draft: Draft): NewDamageRules {
  return {
    content: {
      validFrom: draft.validFrom,
      categories: draft.amounts.map((amount, i) => ({ category: i + 1, amountEuros: numberOr(amount) })),
      relativesAmountEuros: numberOr(draft.relatives),
      eligibility: draft.eligibility,
      deadline: { years: numberOr(draft.years), text: draft.deadlineText },
      unverified: draft.unverified,
      sources: draft.sources
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    },
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
  } as NewDamageRules;
}

const id = (path: string) => fieldIdOf('rules', `body/content/${path}`);

/** Beheer → Schadefonds: rules from a later day (or a change to a version that has not started). */
export function RulesForm({ latest, today }: { latest: DamageRulesContent | undefined; today: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(latest));
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const form = useFormProblems();
  const save = useSaveDamageRules();
  const update = (changes: Partial<Draft>) => {
    setSaved('');
    setDraft((previous) => ({ ...previous, ...changes }));
  };
  const partChoices = DAMAGE_RULE_PARTS.map((part) => ({ value: part, label: t(`damages.admin.parts.${part}`) }));
  const ids = new Set<string>([
    id('validFrom'),
    id('relativesAmountEuros'),
    id('deadline-years'),
    id('sources'),
    fieldAnchor(id('unverified'), partChoices),
    ...draft.amounts.map((_, i) => id(`categories/${i}/amountEuros`)),
    ...LANGUAGES.flatMap((language) => [id(`eligibility/${language}`), id(`deadline/text/${language}`)]),
  ]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      await save.mutateAsync(bodyOf(draft));
      form.clear();
      setSaved(t('damages.admin.saved', { date: formatCalendarDate(draft.validFrom) }));
      setDraft((previous) => ({ ...previous, validFrom: '', note: '' }));
    } catch (error) {
      const problems = damageFieldProblems(t, error, 'rules', ids);
      if (problems.length > 0) form.report(problems);
      else setFailure(problemMessage(t, error));
    }
  }

  return (
    <section aria-labelledby="rules-new">
      <Heading2 id="rules-new">{t('damages.admin.formHeading')}</Heading2>
      <Paragraph>{t('damages.admin.formLead')}</Paragraph>
      <StatusMessage>{saved}</StatusMessage>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void submit(event)} className="weerbaar-damage-rules-form">
        <ErrorSummary heading={t('damages.form.refused')} problems={form.problems} attempt={form.attempt} />
        <TextField
          id={id('validFrom')}
          type="date"
          label={t('damages.admin.validFrom')}
          description={t('damages.admin.validFromDescription', { today: formatCalendarDate(today) })}
          value={draft.validFrom}
          error={form.errorFor(id('validFrom'))}
          onValueChange={(validFrom) => update({ validFrom })}
        />
        <Fieldset>
          <FieldsetLegend>{t('damages.admin.categories')}</FieldsetLegend>
          {draft.amounts.map((amount, i) => (
            <TextField
              // biome-ignore lint/suspicious/noArrayIndexKey: a category is its position
              key={i}
              id={id(`categories/${i}/amountEuros`)}
              inputMode="numeric"
              label={t('damages.admin.category', { number: i + 1 })}
              value={amount}
              error={form.errorFor(id(`categories/${i}/amountEuros`))}
              onValueChange={(value) => update({ amounts: draft.amounts.map((a, j) => (j === i ? value : a)) })}
            />
          ))}
          <ButtonGroup>
            <Button
              type="button"
              appearance="secondary-action-button"
              onClick={() => update({ amounts: [...draft.amounts, ''] })}
            >
              {t('damages.admin.addCategory')}
            </Button>
            {draft.amounts.length > 1 && (
              <Button
                type="button"
                appearance="subtle-button"
                onClick={() => update({ amounts: draft.amounts.slice(0, -1) })}
              >
                {t('damages.admin.removeCategory', { number: draft.amounts.length })}
              </Button>
            )}
          </ButtonGroup>
        </Fieldset>
        <TextField
          id={id('relativesAmountEuros')}
          inputMode="numeric"
          label={t('damages.admin.relatives')}
          description={t('damages.admin.relativesDescription')}
          value={draft.relatives}
          error={form.errorFor(id('relativesAmountEuros'))}
          onValueChange={(relatives) => update({ relatives })}
        />
        <TextField
          id={id('deadline-years')}
          inputMode="numeric"
          label={t('damages.admin.years')}
          description={t('damages.admin.yearsDescription')}
          value={draft.years}
          error={form.errorFor(id('deadline-years'))}
          onValueChange={(years) => update({ years })}
        />
        {LANGUAGES.map((language) => (
          <Fieldset key={language}>
            <FieldsetLegend>{t(`damages.admin.language.${language}`)}</FieldsetLegend>
            <TextareaField
              id={id(`eligibility/${language}`)}
              lang={language}
              label={t('damages.admin.eligibility')}
              value={draft.eligibility[language]}
              error={form.errorFor(id(`eligibility/${language}`))}
              onValueChange={(value) => update({ eligibility: { ...draft.eligibility, [language]: value } })}
            />
            <TextareaField
              id={id(`deadline/text/${language}`)}
              lang={language}
              label={t('damages.admin.deadlineText')}
              value={draft.deadlineText[language]}
              error={form.errorFor(id(`deadline/text/${language}`))}
              onValueChange={(value) => update({ deadlineText: { ...draft.deadlineText, [language]: value } })}
            />
          </Fieldset>
        ))}
        <CheckboxGroup
          id={id('unverified')}
          legend={t('damages.admin.unverified')}
          choices={partChoices}
          value={draft.unverified}
          error={form.errorFor(fieldAnchor(id('unverified'), partChoices))}
          onValueChange={(unverified) => update({ unverified })}
        />
        <TextareaField
          id={id('sources')}
          label={t('damages.admin.sources')}
          description={t('damages.admin.sourcesDescription')}
          value={draft.sources}
          error={form.errorFor(id('sources'))}
          onValueChange={(sources) => update({ sources })}
        />
        <TextField
          id="rules-note"
          label={t('damages.admin.note')}
          maxLength={500}
          value={draft.note}
          onValueChange={(note) => update({ note })}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
            {t('damages.admin.save')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
