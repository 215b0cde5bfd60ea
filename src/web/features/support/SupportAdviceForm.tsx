import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import {
  ADVICE_DEFAULT_LINK,
  ADVICE_KINDS,
  ADVICE_LINK_KEYS,
  type AdviceItem,
  type AdviceKind,
  supportDetailOf,
} from '../../../shared/support.ts';
import {
  Alert,
  Button,
  CheckboxGroup,
  ErrorSummary,
  Heading2,
  Heading3,
  Paragraph,
  SelectField,
  TextareaField,
} from '../../ui/index.ts';
import { StatusRegion, useStatusMessage } from '../cases/components/StatusRegion.tsx';
import { caseApi, useCaseAction } from '../cases/data.ts';
import { problemMessage } from '../cases/format.ts';

type Draft = Record<AdviceKind, { explanation: string; linkKey: AdviceItem['linkKey'] }>;

function initialDraft(advice: readonly AdviceItem[]): Draft {
  return Object.fromEntries(
    ADVICE_KINDS.map((kind) => {
      const existing = advice.find((item) => item.kind === kind);
      return [
        kind,
        { explanation: existing?.explanation ?? '', linkKey: existing?.linkKey ?? ADVICE_DEFAULT_LINK[kind] },
      ];
    }),
  ) as Draft;
}

/** The confidant's advice: which next steps, each explained for this person, with where to act on it. */
export function SupportAdviceForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const existing = supportDetailOf(detail)?.advice ?? [];
  const [kinds, setKinds] = useState<string[]>(existing.map((item) => item.kind));
  const [draft, setDraft] = useState<Draft>(() => initialDraft(existing));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const save = useCaseAction<{ advice: AdviceItem[] }>(detail.id, caseApi.action(detail.id, 'support/advice'), 'PUT');
  const status = useStatusMessage();

  const submit = () => {
    const found = new Map<string, string>();
    if (kinds.length === 0) found.set('advice-kinds-aangifte', t('support.adviceForm.errors.none'));
    for (const kind of kinds) {
      if (!draft[kind as AdviceKind].explanation.trim()) {
        found.set(
          `advice-${kind}`,
          t('support.adviceForm.errors.explanation', { kind: t(`support.advice.kind.${kind}`) }),
        );
      }
    }
    setErrors(found);
    setAttempt((count) => count + 1);
    if (found.size > 0) return;
    const advice = ADVICE_KINDS.filter((kind) => kinds.includes(kind)).map((kind) => ({
      kind,
      explanation: draft[kind].explanation.trim(),
      linkKey: draft[kind].linkKey,
    }));
    save.mutate({ advice }, { onSuccess: () => status.announce(t('support.adviceForm.saved')) });
  };

  return (
    <section aria-labelledby="advice-form-heading">
      <Heading2 id="advice-form-heading">{t('support.adviceForm.heading')}</Heading2>
      <Paragraph>{t('support.adviceForm.lead')}</Paragraph>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <ErrorSummary
          heading={t('cases.form.errorSummary', { count: errors.size })}
          problems={[...errors].map(([fieldId, message]) => ({ fieldId, message }))}
          attempt={attempt}
        />
        <CheckboxGroup
          id="advice-kinds"
          legend={t('support.adviceForm.kinds')}
          choices={ADVICE_KINDS.map((kind) => ({ value: kind, label: t(`support.advice.kind.${kind}`) }))}
          value={kinds}
          onValueChange={setKinds}
          error={errors.get('advice-kinds-aangifte')}
        />
        {ADVICE_KINDS.filter((kind) => kinds.includes(kind)).map((kind) => (
          <div key={kind} className="weerbaar-card">
            <Heading3>{t(`support.advice.kind.${kind}`)}</Heading3>
            <TextareaField
              id={`advice-${kind}`}
              label={t('support.adviceForm.explanation')}
              description={t('support.adviceForm.explanationHint')}
              value={draft[kind].explanation}
              onValueChange={(explanation) =>
                setDraft((current) => ({ ...current, [kind]: { ...current[kind], explanation } }))
              }
              error={errors.get(`advice-${kind}`)}
              maxLength={2000}
              rows={3}
            />
            <SelectField
              id={`advice-${kind}-link`}
              label={t('support.adviceForm.link')}
              value={draft[kind].linkKey}
              onValueChange={(linkKey) =>
                setDraft((current) => ({
                  ...current,
                  [kind]: { ...current[kind], linkKey: linkKey as AdviceItem['linkKey'] },
                }))
              }
              options={ADVICE_LINK_KEYS.map((key) => ({ value: key, label: t(`support.advice.link.${key}`) }))}
            />
          </div>
        ))}
        {save.isError && (
          <Alert type="error" role="alert">
            <Paragraph>{problemMessage(t, save.error)}</Paragraph>
          </Alert>
        )}
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('support.adviceForm.save')}
        </Button>
      </form>
      <StatusRegion message={status.message} />
    </section>
  );
}
