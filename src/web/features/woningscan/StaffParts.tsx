import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import {
  ADVICE_DOMAINS,
  type AdviceDomain,
  type HomeAddress,
  MAX_MEASURES,
  MAX_SLOTS,
  WONINGSCAN_TEXT_MAX_LENGTH,
  woningscanDetailOf,
} from '../../../shared/woningscan.ts';
import { apiGet } from '../../api/client.ts';
import {
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
  SelectField,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { StatusRegion, useStatusMessage } from '../cases/components/StatusRegion.tsx';
import { dutchToday, useWoningscanAction, woningscanApi } from './data.ts';
import { Problem } from './Problem.tsx';

/** What only the assigned CCV adviser does on a woningscan case. */

/** A `datetime-local` value (the browser's own time zone) as an instant. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

function Address({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [address, setAddress] = useState<HomeAddress | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!detail.viewer.actions.includes('read_address')) return null;
  return (
    <section aria-labelledby="address-heading" className="weerbaar-panel">
      <Heading3 id="address-heading">{t('woningscan.staff.addressHeading')}</Heading3>
      <Paragraph>{t('woningscan.staff.addressNote')}</Paragraph>
      {address ? (
        <Paragraph>
          {address.street} {address.houseNumber}
          <br />
          {address.postcode} {address.city}
        </Paragraph>
      ) : (
        <Button
          appearance="secondary-action-button"
          onClick={() =>
            apiGet<{ address: HomeAddress }>(woningscanApi.of(detail.id, 'address'))
              .then((body) => setAddress(body.address))
              .catch(setError)
          }
        >
          {t('woningscan.staff.addressShow')}
        </Button>
      )}
      <Problem error={error} />
    </section>
  );
}

interface Slot {
  startsAt: string;
  endsAt: string;
}

function SlotFields({
  slot,
  index,
  id,
  legend,
  onChange,
  errors,
}: {
  slot: Slot;
  /** Its place in the form (the key of its errors). */
  index: number;
  /** Unique on the page: the propose and move forms may show together. */
  id: string;
  legend: string;
  onChange: (slot: Slot) => void;
  errors: Map<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="weerbaar-fieldset">
      <legend>{legend}</legend>
      <TextField
        id={`${id}-start`}
        type="datetime-local"
        label={t('woningscan.staff.startsAt')}
        value={slot.startsAt}
        onValueChange={(startsAt) => onChange({ ...slot, startsAt })}
        error={errors.get(`${index}.startsAt`)}
      />
      <TextField
        id={`${id}-end`}
        type="datetime-local"
        label={t('woningscan.staff.endsAt')}
        value={slot.endsAt}
        onValueChange={(endsAt) => onChange({ ...slot, endsAt })}
        error={errors.get(`${index}.endsAt`)}
      />
    </fieldset>
  );
}

/** Local checks first (the server checks again): a start in the future, an end after it. */
function slotErrors(t: (key: string) => string, slots: Slot[]): Map<string, string> {
  const errors = new Map<string, string>();
  slots.forEach((slot, index) => {
    if (!slot.startsAt || new Date(slot.startsAt).getTime() <= Date.now()) {
      errors.set(`${index}.startsAt`, t('woningscan.staff.errors.startsAt'));
    }
    if (!slot.endsAt || new Date(slot.endsAt).getTime() <= new Date(slot.startsAt).getTime()) {
      errors.set(`${index}.endsAt`, t('woningscan.staff.errors.endsAt'));
    }
  });
  return errors;
}

function ProposeSlots({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [slots, setSlots] = useState<Slot[]>([{ startsAt: '', endsAt: '' }]);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const propose = useWoningscanAction(detail.id, 'slots');
  if (!detail.viewer.actions.includes('propose_slots')) return null;
  return (
    <section aria-labelledby="propose-heading" className="weerbaar-panel">
      <Heading3 id="propose-heading">{t('woningscan.staff.proposeHeading')}</Heading3>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = slotErrors(t, slots);
          setErrors(found);
          if (found.size > 0) return;
          propose.mutate(
            { body: { slots: slots.map((slot) => ({ startsAt: toIso(slot.startsAt), endsAt: toIso(slot.endsAt) })) } },
            { onSuccess: () => setSlots([{ startsAt: '', endsAt: '' }]) },
          );
        }}
      >
        {slots.map((slot, index) => (
          <SlotFields
            // biome-ignore lint/suspicious/noArrayIndexKey: slots being written have no identity but their place
            key={index}
            slot={slot}
            index={index}
            id={`slot-${index}`}
            legend={t('woningscan.staff.slot', { number: index + 1 })}
            errors={errors}
            onChange={(next) => setSlots(slots.map((s, i) => (i === index ? next : s)))}
          />
        ))}
        <ButtonGroup>
          {slots.length < MAX_SLOTS && (
            <Button
              appearance="secondary-action-button"
              onClick={() => setSlots([...slots, { startsAt: '', endsAt: '' }])}
            >
              {t('woningscan.staff.addSlot')}
            </Button>
          )}
          <Button type="submit" appearance="primary-action-button" disabled={propose.isPending}>
            {t('woningscan.staff.propose')}
          </Button>
        </ButtonGroup>
        <Problem error={propose.error} />
      </form>
    </section>
  );
}

function MoveAppointment({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [slot, setSlot] = useState<Slot>({ startsAt: '', endsAt: '' });
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const move = useWoningscanAction(detail.id, 'appointment', 'PUT');
  const { message, announce } = useStatusMessage();
  if (!detail.viewer.actions.includes('move_appointment')) return null;
  return (
    <section aria-labelledby="move-heading" className="weerbaar-panel">
      <Heading3 id="move-heading">{t('woningscan.staff.moveHeading')}</Heading3>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = slotErrors(t, [slot]);
          setErrors(found);
          if (found.size > 0) return;
          move.mutate(
            { body: { startsAt: toIso(slot.startsAt), endsAt: toIso(slot.endsAt) } },
            { onSuccess: () => announce(t('woningscan.case.done')) },
          );
        }}
      >
        <SlotFields
          slot={slot}
          index={0}
          id="move"
          legend={t('woningscan.staff.newTime')}
          onChange={setSlot}
          errors={errors}
        />
        <Button type="submit" appearance="primary-action-button" disabled={move.isPending}>
          {t('woningscan.staff.move')}
        </Button>
        <Problem error={move.error} />
        <StatusRegion message={message} />
      </form>
    </section>
  );
}

function RecordVisit({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const today = dutchToday();
  const [visitedOn, setVisitedOn] = useState(today);
  const [error, setError] = useState<string>();
  const visit = useWoningscanAction(detail.id, 'visit');
  if (!detail.viewer.actions.includes('record_visit')) return null;
  return (
    <section aria-labelledby="visit-heading" className="weerbaar-panel">
      <Heading3 id="visit-heading">{t('woningscan.staff.visitHeading')}</Heading3>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!visitedOn || visitedOn > today) {
            setError(t('woningscan.staff.errors.visitedOn'));
            return;
          }
          setError(undefined);
          visit.mutate({ body: { visitedOn } });
        }}
      >
        <TextField
          id="visited-on"
          type="date"
          max={today}
          label={t('woningscan.staff.visitedOn')}
          value={visitedOn}
          onValueChange={setVisitedOn}
          error={error}
        />
        <Button type="submit" appearance="primary-action-button" disabled={visit.isPending}>
          {t('woningscan.staff.recordVisit')}
        </Button>
        <Problem error={visit.error} />
      </form>
    </section>
  );
}

interface MeasureDraft {
  domain: AdviceDomain;
  description: string;
}

function AdviceForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const ws = woningscanDetailOf(detail);
  const [texts, setTexts] = useState<Record<AdviceDomain, string>>(
    () => ws?.advice ?? { home: '', work: '', digital: '', travel: '' },
  );
  const [measures, setMeasures] = useState<MeasureDraft[]>(() =>
    (ws?.measures ?? []).map((m) => ({ domain: m.domain, description: m.description })),
  );
  const [errors, setErrors] = useState<Set<number>>(new Set());
  const save = useWoningscanAction(detail.id, 'advice', 'PUT');
  const { message, announce } = useStatusMessage();
  if (!detail.viewer.actions.includes('record_advice')) return null;
  const domains = ADVICE_DOMAINS.map((value) => ({ value, label: t(`woningscan.advice.domains.${value}`) }));
  return (
    <section aria-labelledby="advice-form-heading">
      <Heading2 id="advice-form-heading">{t('woningscan.staff.adviceHeading')}</Heading2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const empty = new Set(measures.flatMap((m, i) => (m.description.trim() ? [] : [i])));
          setErrors(empty);
          if (empty.size > 0) return;
          save.mutate(
            { body: { advice: texts, measures: measures.map((m) => ({ ...m, description: m.description.trim() })) } },
            { onSuccess: () => announce(t('woningscan.case.done')) },
          );
        }}
      >
        {ADVICE_DOMAINS.map((domain) => (
          <TextareaField
            key={domain}
            id={`advice-${domain}`}
            label={t(`woningscan.advice.domains.${domain}`)}
            value={texts[domain]}
            onValueChange={(value) => setTexts({ ...texts, [domain]: value })}
            maxLength={WONINGSCAN_TEXT_MAX_LENGTH}
            rows={4}
          />
        ))}
        <Heading3>{t('woningscan.staff.measuresHeading')}</Heading3>
        {measures.map((measure, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: measures being written have no identity but their place
          <fieldset key={index} className="weerbaar-fieldset">
            <legend>{t('woningscan.staff.measureDescription', { number: index + 1 })}</legend>
            <SelectField
              id={`measure-${index}-domain`}
              label={t('woningscan.staff.measureDomain', { number: index + 1 })}
              value={measure.domain}
              options={domains}
              onValueChange={(domain) =>
                setMeasures(measures.map((m, i) => (i === index ? { ...m, domain: domain as AdviceDomain } : m)))
              }
            />
            <TextField
              id={`measure-${index}-description`}
              label={t('woningscan.staff.measureDescription', { number: index + 1 })}
              value={measure.description}
              maxLength={500}
              error={errors.has(index) ? t('woningscan.staff.errors.measure') : undefined}
              onValueChange={(description) =>
                setMeasures(measures.map((m, i) => (i === index ? { ...m, description } : m)))
              }
            />
            <Button
              appearance="secondary-action-button"
              onClick={() => setMeasures(measures.filter((_, i) => i !== index))}
            >
              {t('woningscan.staff.removeMeasure', { number: index + 1 })}
            </Button>
          </fieldset>
        ))}
        <ButtonGroup>
          {measures.length < MAX_MEASURES && (
            <Button
              appearance="secondary-action-button"
              onClick={() => setMeasures([...measures, { domain: 'home', description: '' }])}
            >
              {t('woningscan.staff.addMeasure')}
            </Button>
          )}
          <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
            {t('woningscan.staff.saveAdvice')}
          </Button>
        </ButtonGroup>
        <Problem error={save.error} />
        <StatusRegion message={message} />
      </form>
    </section>
  );
}

/** The adviser's actions on a woningscan case, each shown only when the server offers it. */
export function WoningscanStaffParts({ detail }: { detail: CaseDetail }) {
  if (!woningscanDetailOf(detail)) return null;
  return (
    <>
      <Address detail={detail} />
      <ProposeSlots detail={detail} />
      <MoveAppointment detail={detail} />
      <RecordVisit detail={detail} />
      <AdviceForm detail={detail} />
    </>
  );
}
