import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoordinatorSession, DayPartBody, Offering, UpdateSessionBody } from '../../../shared/training.ts';
import { TRAINING_PARTS_MAX } from '../../../shared/training.ts';
import { fieldProblemsFrom } from '../../api/problems.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorSummary,
  type FieldProblem,
  Fieldset,
  FieldsetLegend,
  Paragraph,
  SelectField,
  StatusMessage,
  TextField,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { titleOf, trainingProblem } from './labels.ts';

const IDS = {
  offering: 'session-offering',
  city: 'session-city',
  venue: 'session-venue',
  capacity: 'session-capacity',
  deadlineDate: 'session-deadline-date',
  deadlineTime: 'session-deadline-time',
  parts: 'session-part-0-date',
} as const;
const partId = (index: number, field: keyof DayPartBody) => `session-part-${index}-${field}`;

/** Server field messages by code, in the coordinator's language. */
const SCHEDULE_CODES = new Set([
  'in_past',
  'end_before_start',
  'no_such_time',
  'parts_out_of_order',
  'deadline_after_start',
  'capacity_below_enrolled',
  'parts_count_fixed',
  'unknown_offering',
]);

export interface SessionFormValues extends UpdateSessionBody {
  offeringId?: string;
}

/**
 * The form for a new session and for changing one: day parts in Dutch time, place, seats, deadline.
 * The server checks everything again and answers with the field each problem is about.
 */
export function SessionForm({
  offerings,
  initial,
  submitLabel,
  onSubmit,
}: {
  /** Given for a new session (choose the training); absent when changing one. */
  offerings?: Offering[];
  initial: CoordinatorSession | null;
  submitLabel: string;
  onSubmit: (values: SessionFormValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [offeringId, setOfferingId] = useState(offerings?.[0]?.id ?? '');
  const [parts, setParts] = useState<DayPartBody[]>(
    initial?.parts.map((part) => ({ date: part.date, start: part.start, end: part.end })) ?? [
      { date: '', start: '09:00', end: '17:00' },
      { date: '', start: '09:00', end: '12:30' },
    ],
  );
  const [city, setCity] = useState(initial?.city ?? '');
  const [venue, setVenue] = useState(initial?.venue ?? '');
  const [capacity, setCapacity] = useState(String(initial?.capacity ?? 12));
  const [deadlineDate, setDeadlineDate] = useState(initial?.deadline.date ?? '');
  const [deadlineTime, setDeadlineTime] = useState(initial?.deadline.time ?? '17:00');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();

  const setPart = (index: number, field: keyof DayPartBody, value: string) =>
    setParts((current) => current.map((part, i) => (i === index ? { ...part, [field]: value } : part)));

  function check(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    parts.forEach((part, index) => {
      if (!part.date)
        problems.push({ fieldId: partId(index, 'date'), message: t('training.form.dateMissing', { n: index + 1 }) });
      if (!part.start)
        problems.push({ fieldId: partId(index, 'start'), message: t('training.form.timeMissing', { n: index + 1 }) });
      if (!part.end)
        problems.push({ fieldId: partId(index, 'end'), message: t('training.form.timeMissing', { n: index + 1 }) });
      else if (part.start && part.end <= part.start) {
        problems.push({ fieldId: partId(index, 'end'), message: t('training.form.codes.end_before_start') });
      }
    });
    if (!city.trim()) problems.push({ fieldId: IDS.city, message: t('training.form.required') });
    if (!venue.trim()) problems.push({ fieldId: IDS.venue, message: t('training.form.required') });
    const seats = Number(capacity);
    if (!Number.isInteger(seats) || seats < 1 || seats > 500) {
      problems.push({ fieldId: IDS.capacity, message: t('training.form.capacityInvalid') });
    }
    if (!deadlineDate) problems.push({ fieldId: IDS.deadlineDate, message: t('training.form.required') });
    if (!deadlineTime) problems.push({ fieldId: IDS.deadlineTime, message: t('training.form.required') });
    return problems;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (!form.report(check())) return;
    setBusy(true);
    try {
      await onSubmit({
        ...(offerings ? { offeringId } : {}),
        parts,
        city: city.trim(),
        venue: venue.trim(),
        capacity: Number(capacity),
        enrolmentDeadline: { date: deadlineDate, time: deadlineTime },
      });
    } catch (error) {
      const map: Record<string, string> = {
        'body/offeringId': IDS.offering,
        'body/city': IDS.city,
        'body/venue': IDS.venue,
        'body/capacity': IDS.capacity,
        'body/enrolmentDeadline/date': IDS.deadlineDate,
        'body/enrolmentDeadline/time': IDS.deadlineTime,
        'body/parts': IDS.parts,
      };
      parts.forEach((_, index) => {
        for (const field of ['date', 'start', 'end'] as const)
          map[`body/parts/${index}/${field}`] = partId(index, field);
      });
      const fields = codedProblems(t, error, map);
      if (fields.length > 0) form.report(fields);
      else setFailure(trainingProblem(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="weerbaar-training__form">
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary heading={t('training.form.errorSummary')} problems={form.problems} attempt={form.attempt} />
        {offerings && (
          <SelectField
            id={IDS.offering}
            label={t('training.form.offering')}
            value={offeringId}
            onValueChange={setOfferingId}
            error={form.errorFor(IDS.offering)}
            options={offerings.map((offering) => ({ value: offering.id, label: titleOf(offering) }))}
          />
        )}
        <Paragraph>{t('training.form.dutchTime')}</Paragraph>
        {parts.map((part, index) => (
          <Fieldset key={`part-${index.toString()}`} className="weerbaar-training__part">
            <FieldsetLegend>{t('training.form.part', { n: index + 1 })}</FieldsetLegend>
            <TextField
              id={partId(index, 'date')}
              label={t('training.form.date')}
              type="date"
              value={part.date}
              onValueChange={(value) => setPart(index, 'date', value)}
              error={form.errorFor(partId(index, 'date'))}
              required
            />
            <TextField
              id={partId(index, 'start')}
              label={t('training.form.start')}
              type="time"
              value={part.start}
              onValueChange={(value) => setPart(index, 'start', value)}
              error={form.errorFor(partId(index, 'start'))}
              required
            />
            <TextField
              id={partId(index, 'end')}
              label={t('training.form.end')}
              type="time"
              value={part.end}
              onValueChange={(value) => setPart(index, 'end', value)}
              error={form.errorFor(partId(index, 'end'))}
              required
            />
            {parts.length > 1 && (
              <Button
                appearance="secondary-action-button"
                onClick={() => setParts((current) => current.filter((_, i) => i !== index))}
              >
                {t('training.form.removePart', { n: index + 1 })}
              </Button>
            )}
          </Fieldset>
        ))}
        {parts.length < TRAINING_PARTS_MAX && (
          <ButtonGroup>
            <Button
              appearance="secondary-action-button"
              onClick={() => setParts((current) => [...current, { date: '', start: '09:00', end: '17:00' }])}
            >
              {t('training.form.addPart')}
            </Button>
          </ButtonGroup>
        )}
        <TextField
          id={IDS.city}
          label={t('training.form.city')}
          value={city}
          onValueChange={setCity}
          error={form.errorFor(IDS.city)}
          required
        />
        <TextField
          id={IDS.venue}
          label={t('training.form.venue')}
          description={t('training.form.venueDescription')}
          value={venue}
          onValueChange={setVenue}
          error={form.errorFor(IDS.venue)}
          required
        />
        <TextField
          id={IDS.capacity}
          label={t('training.form.capacity')}
          inputMode="numeric"
          value={capacity}
          onValueChange={setCapacity}
          error={form.errorFor(IDS.capacity)}
          required
        />
        <TextField
          id={IDS.deadlineDate}
          label={t('training.form.deadlineDate')}
          description={t('training.form.deadlineDescription')}
          type="date"
          value={deadlineDate}
          onValueChange={setDeadlineDate}
          error={form.errorFor(IDS.deadlineDate)}
          required
        />
        <TextField
          id={IDS.deadlineTime}
          label={t('training.form.deadlineTime')}
          type="time"
          value={deadlineTime}
          onValueChange={setDeadlineTime}
          error={form.errorFor(IDS.deadlineTime)}
          required
        />
        <StatusMessage type="info">{busy ? t('training.form.busy') : ''}</StatusMessage>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {submitLabel}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}

/** Field problems with this form's own texts for the schedule codes, the general ones otherwise. */
function codedProblems(
  t: (key: string, options?: Record<string, unknown>) => string,
  error: unknown,
  map: Record<string, string>,
): FieldProblem[] {
  const general = fieldProblemsFrom(t as never, error, map);
  const fieldErrors = (error as { fieldErrors?: { field: string; code: string }[] }).fieldErrors ?? [];
  return general.map((problem) => {
    const coded = fieldErrors.find((fe) => map[fe.field] === problem.fieldId && SCHEDULE_CODES.has(fe.code));
    return coded ? { fieldId: problem.fieldId, message: t(`training.form.codes.${coded.code}`) } : problem;
  });
}
