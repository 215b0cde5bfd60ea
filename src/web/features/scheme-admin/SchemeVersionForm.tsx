import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/locale.ts';
import type { LocalizedText } from '../../../shared/localized-text.ts';
import { OFFICES } from '../../../shared/people.ts';
import {
  type NewSchemeRevision,
  SCHEME_ROUTE_STEPS,
  type SchemeView,
  schemeKeySchema,
} from '../../../shared/woningscan-schemes.ts';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import { formatCalendarDate } from '../../i18n/time.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  Fieldset,
  FieldsetLegend,
  fieldAnchor,
  Heading2,
  Paragraph,
  SelectField,
  StatusMessage,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { schemeAdminApi } from './api.ts';
import { phaseOn, refusalProblems, type SchemeField, schemeFieldId } from './messages.ts';
import './scheme-admin.css';

const LANGUAGES: Locale[] = ['nl', 'en'];
const TEXTS = ['name', 'summary', 'whoPays'] as const;

interface Draft {
  key: string;
  replaces: string;
  validFrom: string;
  validTo: string;
  name: LocalizedText;
  summary: LocalizedText;
  whoPays: LocalizedText;
  eligibleOffices: string[];
  capEuros: string;
  pkvwRequired: boolean;
  route: string[];
  sourceUrl: string;
  fixedPackage: LocalizedText[];
  note: string;
}

const EMPTY_TEXT: LocalizedText = { nl: '', en: '' };

/** A new version starts from the scheme it follows (its rules and texts), with a new code and start. */
function draftFrom(base: SchemeView | undefined): Draft {
  const content = base?.content;
  return {
    key: '',
    replaces: base?.key ?? '',
    validFrom: '',
    validTo: '',
    name: content?.name ?? EMPTY_TEXT,
    summary: content?.summary ?? EMPTY_TEXT,
    whoPays: content?.whoPays ?? EMPTY_TEXT,
    eligibleOffices: [...(content?.eligibleOffices ?? [])],
    capEuros: content?.capEuros?.toString() ?? '',
    pkvwRequired: content?.pkvwRequired ?? false,
    route: [...(content?.route ?? ['ccv_visit'])],
    sourceUrl: content?.sourceUrl ?? '',
    fixedPackage: content?.fixedPackage ?? [],
    note: '',
  };
}

/** What the form sends; the server checks every field (and the rules about the past) and says which failed. */
function bodyOf(draft: Draft): NewSchemeRevision {
  const cap = draft.capEuros.trim();
  const body = {
    content: {
      name: draft.name,
      summary: draft.summary,
      validFrom: draft.validFrom,
      validTo: draft.validTo || null,
      eligibleOffices: draft.eligibleOffices,
      capEuros: cap === '' ? null : Number.isFinite(Number(cap)) ? Number(cap) : cap,
      fixedPackage: draft.fixedPackage,
      pkvwRequired: draft.pkvwRequired,
      whoPays: draft.whoPays,
      route: draft.route,
      sourceUrl: draft.sourceUrl.trim(),
    },
    ...(draft.replaces ? { replaces: draft.replaces } : {}),
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
  };
  return body as NewSchemeRevision;
}

/** Beheer → Regelingen: add a new dated version of a scheme (or a new scheme); the past stays as it was. */
export function SchemeVersionForm({
  schemes,
  today,
  onSaved,
  onEdit,
}: {
  schemes: SchemeView[];
  today: string;
  onSaved: (message: string) => Promise<void>;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const open = schemes.filter((scheme) => phaseOn(scheme.content, today) !== 'ended');
  const [draft, setDraft] = useState<Draft>(() => draftFrom(open.at(-1)));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();

  const officeChoices = OFFICES.map((office) => ({ value: office, label: t(`identity.offices.${office}`) }));
  const stepChoices = SCHEME_ROUTE_STEPS.map((step) => ({ value: step, label: t(`woningscan.scheme.steps.${step}`) }));
  const anchors: Partial<Record<SchemeField, string>> = {
    eligibleOffices: fieldAnchor(schemeFieldId('eligibleOffices'), officeChoices),
    route: fieldAnchor(schemeFieldId('route'), stepChoices),
  };
  const errorOf = (field: SchemeField) => form.errorFor(anchors[field] ?? schemeFieldId(field));
  const update = (changes: Partial<Draft>) => {
    onEdit();
    setDraft((previous) => ({ ...previous, ...changes }));
  };
  const setText = (text: (typeof TEXTS)[number], language: Locale) => (value: string) =>
    update({ [text]: { ...draft[text], [language]: value } });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (!schemeKeySchema.safeParse(draft.key).success) {
      form.report([{ fieldId: schemeFieldId('key'), message: t('schemeAdmin.fieldProblems.key') }]);
      return;
    }
    setBusy(true);
    try {
      await schemeAdminApi.save(draft.key, bodyOf(draft));
      form.clear();
      const saved = t('schemeAdmin.form.saved', {
        name: draft.name[locale],
        from: formatCalendarDate(draft.validFrom),
      });
      setDraft(draftFrom(open.find((scheme) => scheme.key === draft.replaces) ?? open.at(-1)));
      await onSaved(saved);
    } catch (error) {
      const problems = refusalProblems(t, error, anchors);
      if (problems.length > 0) form.report(problems);
      else setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  const replaceOptions = [
    { value: '', label: t('schemeAdmin.form.replacesNone') },
    ...open.map((scheme) => ({ value: scheme.key, label: scheme.content.name[locale] })),
  ];

  return (
    <section aria-labelledby="scheme-new-version">
      <Heading2 id="scheme-new-version">{t('schemeAdmin.form.heading')}</Heading2>
      <Paragraph>{t('schemeAdmin.form.lead')}</Paragraph>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void save(event)} className="weerbaar-scheme-form">
        <ErrorSummary heading={t('schemeAdmin.form.refused')} problems={form.problems} attempt={form.attempt} />
        <SelectField
          id={schemeFieldId('replaces')}
          label={t('schemeAdmin.fields.replaces')}
          description={t('schemeAdmin.form.replacesDescription')}
          options={replaceOptions}
          value={draft.replaces}
          error={errorOf('replaces')}
          onValueChange={(key) => {
            onEdit();
            setDraft((previous) => ({
              ...draftFrom(open.find((scheme) => scheme.key === key)),
              replaces: key,
              key: previous.key,
              validFrom: previous.validFrom,
              validTo: previous.validTo,
              note: previous.note,
            }));
          }}
        />
        <TextField
          id={schemeFieldId('key')}
          label={t('schemeAdmin.fields.key')}
          description={t('schemeAdmin.form.keyDescription')}
          autoComplete="off"
          spellCheck={false}
          value={draft.key}
          error={errorOf('key')}
          onValueChange={(key) => update({ key })}
        />
        <TextField
          id={schemeFieldId('validFrom')}
          type="date"
          label={t('schemeAdmin.fields.validFrom')}
          description={t('schemeAdmin.form.validFromDescription', { today: formatCalendarDate(today) })}
          value={draft.validFrom}
          error={errorOf('validFrom')}
          onValueChange={(validFrom) => update({ validFrom })}
        />
        <TextField
          id={schemeFieldId('validTo')}
          type="date"
          label={t('schemeAdmin.fields.validTo')}
          description={t('schemeAdmin.form.validToDescription')}
          value={draft.validTo}
          error={errorOf('validTo')}
          onValueChange={(validTo) => update({ validTo })}
        />
        {LANGUAGES.map((language) => (
          <Fieldset key={language}>
            <FieldsetLegend>{t(`schemeAdmin.languages.${language}`)}</FieldsetLegend>
            {TEXTS.map((text) => {
              const field = `${text}.${language}` as SchemeField;
              const Field = text === 'name' ? TextField : TextareaField;
              return (
                <Field
                  key={field}
                  id={schemeFieldId(field)}
                  lang={language}
                  label={t(`schemeAdmin.fields.${text}`)}
                  value={draft[text][language]}
                  error={errorOf(field)}
                  onValueChange={setText(text, language)}
                />
              );
            })}
          </Fieldset>
        ))}
        <CheckboxGroup
          id={schemeFieldId('eligibleOffices')}
          legend={t('schemeAdmin.fields.eligibleOffices')}
          choices={officeChoices}
          value={draft.eligibleOffices}
          error={errorOf('eligibleOffices')}
          onValueChange={(eligibleOffices) => update({ eligibleOffices })}
        />
        <TextField
          id={schemeFieldId('capEuros')}
          inputMode="numeric"
          label={t('schemeAdmin.fields.capEuros')}
          description={t('schemeAdmin.form.capDescription')}
          value={draft.capEuros}
          error={errorOf('capEuros')}
          onValueChange={(capEuros) => update({ capEuros })}
        />
        <CheckboxField
          id={schemeFieldId('pkvwRequired')}
          label={t('schemeAdmin.fields.pkvwRequired')}
          checked={draft.pkvwRequired}
          error={errorOf('pkvwRequired')}
          onCheckedChange={(pkvwRequired) => update({ pkvwRequired })}
        />
        <CheckboxGroup
          id={schemeFieldId('route')}
          legend={t('schemeAdmin.fields.route')}
          choices={stepChoices}
          value={draft.route}
          error={errorOf('route')}
          onValueChange={(route) => update({ route })}
        />
        <TextField
          id={schemeFieldId('sourceUrl')}
          type="url"
          label={t('schemeAdmin.fields.sourceUrl')}
          description={t('schemeAdmin.form.sourceDescription')}
          value={draft.sourceUrl}
          error={errorOf('sourceUrl')}
          onValueChange={(sourceUrl) => update({ sourceUrl })}
        />
        {draft.fixedPackage.length > 0 && (
          <Paragraph>{t('schemeAdmin.form.fixedPackageKept', { count: draft.fixedPackage.length })}</Paragraph>
        )}
        <TextField
          id={schemeFieldId('note')}
          label={t('schemeAdmin.fields.note')}
          maxLength={500}
          value={draft.note}
          error={errorOf('note')}
          onValueChange={(note) => update({ note })}
        />
        <StatusMessage type="info">{busy ? t('schemeAdmin.form.busy') : ''}</StatusMessage>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('schemeAdmin.form.save')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
