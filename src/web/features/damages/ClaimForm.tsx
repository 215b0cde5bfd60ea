import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DAMAGE_HEAD_KINDS,
  DAMAGE_ROUTES,
  DAMAGE_STATUSES,
  type DamageClaim,
  type DamageClaimInput,
} from '../../../shared/damages.ts';
import type { Evidence } from '../../../shared/incidents.ts';
import { problemMessage } from '../../api/problems.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorSummary,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Paragraph,
  SelectField,
  StatusMessage,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { centsOf, damageFieldProblems, fieldIdOf, useSaveClaim } from './data.ts';

interface HeadDraft {
  kind: (typeof DAMAGE_HEAD_KINDS)[number];
  description: string;
  amount: string;
  evidenceId: string;
}
interface Draft {
  route: string;
  status: string;
  heads: HeadDraft[];
  note: string;
  deadlines: { id?: string; dueOn: string; label: string }[];
}

const NEW_HEAD: HeadDraft = { kind: 'material', description: '', amount: '', evidenceId: '' };

function draftOf(claim: DamageClaim | null): Draft {
  if (!claim) return { route: '', status: 'preparing', heads: [{ ...NEW_HEAD }], note: '', deadlines: [] };
  return {
    route: claim.route,
    status: claim.status,
    heads: claim.heads.map((head) => ({
      kind: head.kind,
      description: head.description,
      amount: (head.amountCents / 100).toFixed(2).replace('.', ','),
      evidenceId: head.evidenceId ?? '',
    })),
    note: claim.note,
    deadlines: claim.deadlines.map((deadline) => ({ id: deadline.id, dueOn: deadline.dueOn, label: deadline.label })),
  };
}

const id = (path: string) => fieldIdOf('damage', `body/${path}`);

/** A new damage claim, or a change to one: the route, the status, the heads of damage and the deadlines. */
export function ClaimForm({
  incidentId,
  claim,
  evidence,
  onDone,
}: {
  incidentId: string;
  claim: DamageClaim | null;
  evidence: Evidence[];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(claim));
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();
  const save = useSaveClaim(incidentId);
  const update = (changes: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...changes }));
  const setHead = (index: number, changes: Partial<HeadDraft>) =>
    update({ heads: draft.heads.map((head, i) => (i === index ? { ...head, ...changes } : head)) });
  const setDeadline = (index: number, changes: Partial<Draft['deadlines'][number]>) =>
    update({ deadlines: draft.deadlines.map((item, i) => (i === index ? { ...item, ...changes } : item)) });

  const ids = new Set<string>([id('route'), id('status'), id('note')]);
  draft.heads.forEach((_, i) => {
    for (const field of ['kind', 'description', 'amountCents', 'evidenceId']) ids.add(id(`heads/${i}/${field}`));
  });
  draft.deadlines.forEach((_, i) => {
    for (const field of ['dueOn', 'label']) ids.add(id(`deadlines/${i}/${field}`));
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const local = draft.heads.flatMap((head, i) =>
      centsOf(head.amount) === null
        ? [{ fieldId: id(`heads/${i}/amountCents`), message: t('damages.fieldProblems.amount') }]
        : [],
    );
    if (!draft.route) local.unshift({ fieldId: id('route'), message: t('damages.fieldProblems.route') });
    if (local.length > 0) {
      form.report(local);
      return;
    }
    const input = {
      route: draft.route,
      status: draft.status,
      heads: draft.heads.map((head) => ({
        kind: head.kind,
        description: head.description,
        amountCents: centsOf(head.amount) ?? 0,
        ...(head.kind === 'material' && head.evidenceId ? { evidenceId: head.evidenceId } : {}),
      })),
      ...(draft.note.trim() ? { note: draft.note } : {}),
      deadlines: draft.deadlines,
    } as DamageClaimInput;
    try {
      await save.mutateAsync({ claimId: claim?.id ?? null, input });
      form.clear();
      onDone(t(claim ? 'damages.form.updated' : 'damages.form.created'));
      if (!claim) setDraft(draftOf(null));
    } catch (error) {
      const problems = damageFieldProblems(t, error, 'damage', ids);
      if (problems.length > 0) form.report(problems);
      else setFailure(problemMessage(t, error));
    }
  }

  const headingId = claim ? `damage-edit-${claim.id}` : 'damage-new';
  const evidenceOptions = evidence.map((item) => ({
    value: item.id,
    label: item.fileName ?? t('damages.form.evidenceUnnamed'),
  }));
  return (
    <section aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t(claim ? 'damages.form.editHeading' : 'damages.form.heading')}</Heading2>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void submit(event)} className="weerbaar-damage-form">
        <ErrorSummary heading={t('damages.form.refused')} problems={form.problems} attempt={form.attempt} />
        <SelectField
          id={id('route')}
          label={t('damages.fields.route')}
          description={t('damages.form.routeDescription')}
          placeholder={t('damages.form.choose')}
          options={DAMAGE_ROUTES.map((route) => ({ value: route, label: t(`damages.routes.${route}`) }))}
          value={draft.route}
          error={form.errorFor(id('route'))}
          onValueChange={(route) => update({ route })}
        />
        <SelectField
          id={id('status')}
          label={t('damages.fields.status')}
          options={DAMAGE_STATUSES.map((status) => ({ value: status, label: t(`damages.statuses.${status}`) }))}
          value={draft.status}
          error={form.errorFor(id('status'))}
          onValueChange={(status) => update({ status })}
        />
        {draft.heads.map((head, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: heads have no id of their own; the order is theirs
          <Fieldset key={i}>
            <FieldsetLegend>{t('damages.form.head', { number: i + 1 })}</FieldsetLegend>
            <SelectField
              id={id(`heads/${i}/kind`)}
              label={t('damages.fields.kind')}
              options={DAMAGE_HEAD_KINDS.map((kind) => ({ value: kind, label: t(`damages.kinds.${kind}`) }))}
              value={head.kind}
              error={form.errorFor(id(`heads/${i}/kind`))}
              onValueChange={(kind) => setHead(i, { kind: kind as HeadDraft['kind'] })}
            />
            <TextField
              id={id(`heads/${i}/description`)}
              label={t('damages.fields.description')}
              maxLength={300}
              value={head.description}
              error={form.errorFor(id(`heads/${i}/description`))}
              onValueChange={(description) => setHead(i, { description })}
            />
            <TextField
              id={id(`heads/${i}/amountCents`)}
              label={t('damages.fields.amount')}
              description={t('damages.form.amountDescription')}
              inputMode="decimal"
              value={head.amount}
              error={form.errorFor(id(`heads/${i}/amountCents`))}
              onValueChange={(amount) => setHead(i, { amount })}
            />
            {head.kind === 'material' && evidenceOptions.length > 0 && (
              <SelectField
                id={id(`heads/${i}/evidenceId`)}
                label={t('damages.fields.receipt')}
                placeholder={t('damages.form.noReceipt')}
                options={evidenceOptions}
                value={head.evidenceId}
                error={form.errorFor(id(`heads/${i}/evidenceId`))}
                onValueChange={(evidenceId) => setHead(i, { evidenceId })}
              />
            )}
            <Button
              type="button"
              appearance="subtle-button"
              onClick={() => update({ heads: draft.heads.filter((_, j) => j !== i) })}
            >
              {t('damages.form.removeHead', { number: i + 1 })}
            </Button>
          </Fieldset>
        ))}
        <Button
          type="button"
          appearance="secondary-action-button"
          onClick={() => update({ heads: [...draft.heads, { ...NEW_HEAD }] })}
        >
          {t('damages.form.addHead')}
        </Button>
        <TextareaField
          id={id('note')}
          label={t('damages.fields.note')}
          maxLength={2000}
          value={draft.note}
          error={form.errorFor(id('note'))}
          onValueChange={(note) => update({ note })}
        />
        {draft.deadlines.map((deadline, i) => (
          <Fieldset key={deadline.id ?? `new-${i}`}>
            <FieldsetLegend>{t('damages.form.deadline', { number: i + 1 })}</FieldsetLegend>
            <TextField
              id={id(`deadlines/${i}/dueOn`)}
              type="date"
              label={t('damages.fields.dueOn')}
              description={t('damages.form.dueOnDescription')}
              value={deadline.dueOn}
              error={form.errorFor(id(`deadlines/${i}/dueOn`))}
              onValueChange={(dueOn) => setDeadline(i, { dueOn })}
            />
            <TextField
              id={id(`deadlines/${i}/label`)}
              label={t('damages.fields.label')}
              maxLength={200}
              value={deadline.label}
              error={form.errorFor(id(`deadlines/${i}/label`))}
              onValueChange={(label) => setDeadline(i, { label })}
            />
            <Button
              type="button"
              appearance="subtle-button"
              onClick={() => update({ deadlines: draft.deadlines.filter((_, j) => j !== i) })}
            >
              {t('damages.form.removeDeadline', { number: i + 1 })}
            </Button>
          </Fieldset>
        ))}
        <Button
          type="button"
          appearance="secondary-action-button"
          onClick={() => update({ deadlines: [...draft.deadlines, { dueOn: '', label: '' }] })}
        >
          {t('damages.form.addDeadline')}
        </Button>
        <StatusMessage type="info">{save.isPending ? t('damages.form.busy') : ''}</StatusMessage>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
            {t(claim ? 'damages.form.saveChanges' : 'damages.form.save')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
