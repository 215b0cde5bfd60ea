import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { myCasePath } from '../../../shared/web-paths.ts';
import { MAX_PREFERRED_PERIODS, PKVW_STATUSES, type WoningscanRequest } from '../../../shared/woningscan.ts';
import { apiPost } from '../../api/client.ts';
import {
  Alert,
  Button,
  ErrorSummary,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  RadioGroup,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { serverFieldErrors } from '../cases/format.ts';
import { dutchToday, woningscanApi, woningscanProblem } from './data.ts';

export type RequestSent = { caseId: string; reference: string };
interface Period {
  from: string;
  to: string;
}
interface Answers {
  periods: Period[];
  household: string;
  pkvw: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
}

const POSTCODE = /^[1-9][0-9]{3} ?[A-Za-z]{2}$/;

/** Instead of the whole page once the request is sent (its heading is the page's one h1, and takes the focus). */
export function Confirmation({ response }: { response: RequestSent }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <Heading1 ref={heading} tabIndex={-1}>
        {t('woningscan.confirmation.title')}
      </Heading1>
      <Paragraph lead>{t('woningscan.confirmation.lead', { reference: response.reference })}</Paragraph>
      <Paragraph>
        <RouterLink to={myCasePath(response.caseId)}>{t('woningscan.confirmation.toCase')}</RouterLink>
      </Paragraph>
    </>
  );
}

/** The field a server error path (`preferredPeriods.0.from`, `address.postcode`) belongs to. */
function fieldOf(path: string): string {
  const period = /^preferredPeriods\.(\d+)\.(from|to)/.exec(path);
  if (period) return `period-${period[1]}-${period[2]}`;
  return path.replace(/^address\./, '');
}

export function RequestForm({ onSent }: { onSent: (response: RequestSent) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const today = dutchToday();
  const [answers, setAnswers] = useState<Answers>({
    periods: [{ from: '', to: '' }],
    household: '',
    pkvw: '',
    street: '',
    houseNumber: '',
    postcode: '',
    city: '',
  });
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const submit = useMutation({
    mutationFn: (request: WoningscanRequest) => apiPost<RequestSent>(woningscanApi.requests, request),
    onSuccess: (response) => {
      onSent(response);
      return client.invalidateQueries({ queryKey: ['cases'] });
    },
  });

  const change = (patch: Partial<Answers>) => setAnswers((current) => ({ ...current, ...patch }));
  const changePeriod = (index: number, patch: Partial<Period>) =>
    change({ periods: answers.periods.map((period, i) => (i === index ? { ...period, ...patch } : period)) });

  const validate = (): Map<string, string> => {
    const found = new Map<string, string>();
    answers.periods.forEach((period, index) => {
      if (!period.from || period.from < today) found.set(`period-${index}-from`, t('woningscan.request.errors.from'));
      if (!period.to || (period.from && period.to < period.from)) {
        found.set(`period-${index}-to`, t('woningscan.request.errors.to'));
      }
    });
    if (!answers.pkvw) found.set('pkvw', t('woningscan.request.errors.pkvw'));
    for (const field of ['street', 'houseNumber', 'city'] as const) {
      if (!answers[field].trim()) found.set(field, t(`woningscan.request.errors.${field}`));
    }
    if (!POSTCODE.test(answers.postcode.trim())) found.set('postcode', t('woningscan.request.errors.postcode'));
    return found;
  };

  const send = () => {
    const found = validate();
    setErrors(found);
    setAttempt((count) => count + 1);
    if (found.size > 0) return;
    submit.mutate(
      {
        preferredPeriods: answers.periods.map((period) => ({ from: period.from, to: period.to })),
        household: answers.household.trim(),
        pkvwStatus: answers.pkvw as WoningscanRequest['pkvwStatus'],
        address: {
          street: answers.street.trim(),
          houseNumber: answers.houseNumber.trim(),
          postcode: answers.postcode.trim(),
          city: answers.city.trim(),
        },
      },
      {
        onError: (error) => {
          const fields = serverFieldErrors(error);
          if (fields.size === 0) return;
          const mapped = new Map<string, string>();
          for (const path of fields.keys()) {
            const field = fieldOf(path);
            const key = field.startsWith('period-') ? field.split('-')[2] : field;
            mapped.set(field, t(`woningscan.request.errors.${key}`, { defaultValue: woningscanProblem(t, error) }));
          }
          setErrors(mapped);
          setAttempt((count) => count + 1);
        },
      },
    );
  };

  const summary = [...errors].map(([field, message]) => ({
    fieldId: field === 'pkvw' ? `pkvw-${PKVW_STATUSES[0]}` : field,
    message,
  }));

  return (
    <form
      noValidate
      aria-labelledby="woningscan-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Heading2 id="woningscan-form-heading">{t('woningscan.request.heading')}</Heading2>
      <Paragraph>{t('woningscan.request.lead')}</Paragraph>
      <ErrorSummary
        heading={t('cases.form.errorSummary', { count: summary.length })}
        problems={summary}
        attempt={attempt}
      />
      <Heading3>{t('woningscan.request.periodsHeading')}</Heading3>
      {answers.periods.map((period, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: periods have no identity but their place
        <fieldset key={index} className="weerbaar-fieldset">
          <legend>{t('woningscan.request.period', { number: index + 1 })}</legend>
          <TextField
            id={`period-${index}-from`}
            type="date"
            min={today}
            label={t('woningscan.request.from')}
            value={period.from}
            onValueChange={(from) => changePeriod(index, { from })}
            error={errors.get(`period-${index}-from`)}
          />
          <TextField
            id={`period-${index}-to`}
            type="date"
            min={period.from || today}
            label={t('woningscan.request.to')}
            value={period.to}
            onValueChange={(to) => changePeriod(index, { to })}
            error={errors.get(`period-${index}-to`)}
          />
          {answers.periods.length > 1 && (
            <Button
              appearance="secondary-action-button"
              onClick={() => change({ periods: answers.periods.filter((_, i) => i !== index) })}
            >
              {t('woningscan.request.removePeriod', { number: index + 1 })}
            </Button>
          )}
        </fieldset>
      ))}
      {answers.periods.length < MAX_PREFERRED_PERIODS && (
        <Paragraph>
          <Button
            appearance="secondary-action-button"
            onClick={() => change({ periods: [...answers.periods, { from: '', to: '' }] })}
          >
            {t('woningscan.request.addPeriod')}
          </Button>
        </Paragraph>
      )}
      <RadioGroup
        id="pkvw"
        legend={t('woningscan.request.pkvw')}
        choices={PKVW_STATUSES.map((value) => ({ value, label: t(`woningscan.pkvw.${value}`) }))}
        value={answers.pkvw}
        onValueChange={(pkvw) => change({ pkvw })}
        error={errors.get('pkvw')}
      />
      <TextareaField
        id="household"
        label={t('woningscan.request.household')}
        description={t('woningscan.request.householdHint')}
        value={answers.household}
        onValueChange={(household) => change({ household })}
        maxLength={2_000}
        rows={3}
      />
      <Heading3>{t('woningscan.request.addressHeading')}</Heading3>
      <Paragraph>{t('woningscan.request.addressWhy')}</Paragraph>
      <TextField
        id="street"
        label={t('woningscan.request.street')}
        value={answers.street}
        onValueChange={(street) => change({ street })}
        error={errors.get('street')}
        autoComplete="address-line1"
        maxLength={200}
      />
      <TextField
        id="houseNumber"
        label={t('woningscan.request.houseNumber')}
        value={answers.houseNumber}
        onValueChange={(houseNumber) => change({ houseNumber })}
        error={errors.get('houseNumber')}
        maxLength={20}
      />
      <TextField
        id="postcode"
        label={t('woningscan.request.postcode')}
        value={answers.postcode}
        onValueChange={(postcode) => change({ postcode })}
        error={errors.get('postcode')}
        autoComplete="postal-code"
        maxLength={7}
      />
      <TextField
        id="city"
        label={t('woningscan.request.city')}
        value={answers.city}
        onValueChange={(city) => change({ city })}
        error={errors.get('city')}
        autoComplete="address-level2"
        maxLength={100}
      />
      {submit.isError && serverFieldErrors(submit.error).size === 0 && (
        <Alert type="error" role="alert">
          <Paragraph>{woningscanProblem(t, submit.error)}</Paragraph>
        </Alert>
      )}
      <Button type="submit" appearance="primary-action-button" disabled={submit.isPending}>
        {t('woningscan.request.send')}
      </Button>
    </form>
  );
}
