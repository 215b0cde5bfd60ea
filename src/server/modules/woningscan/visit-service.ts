import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Locale } from '../../../shared/locale.ts';
import type { FieldError } from '../../../shared/problem.ts';
import {
  type Measure,
  type recordAdviceSchema,
  type updateMeasureSchema,
  type updateProgressSchema,
  WONINGSCAN_TARGETS,
  type WoningscanAdvice,
  woningscanTypeDetailSchema,
} from '../../../shared/woningscan.ts';
import { dutchDay } from '../../../shared/woningscan-schemes.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import type { CaseWork } from '../cases/facade.ts';
import { woningscanAdvicePdf } from './pdf.ts';
import {
  replaceMeasures,
  setOpenMeasuresDue,
  updateMeasure as updateMeasureRow,
  updateWoningscanCase,
  type WoningscanData,
  withdrawOpenSlots,
} from './repository.ts';
import type { WoningscanDeps } from './request-service.ts';
import { adviceAad, measureAad, routesThroughBva, schemeDayOf, schemesOfCase } from './type.ts';

/**
 * After the appointment: the adviser records the visit (the address goes), writes the advice per domain
 * with its measures, and from then on both sides keep track of the measures, the BVA's advice (where the
 * scheme has one) and the police label, against targets in working days.
 */

type RecordAdvice = z.infer<typeof recordAdviceSchema>;
type UpdateMeasure = z.infer<typeof updateMeasureSchema>;
type UpdateProgress = z.infer<typeof updateProgressSchema>;

const inFuture = (field: string): FieldError => ({
  field,
  code: 'woningscan_date_in_future',
  message: 'Not after today.',
});

function refuse(errors: FieldError[]): void {
  const [first] = errors;
  if (first) throw badRequest(first.code as 'woningscan_date_in_future', 'Check the dates.', errors);
}

/** Records who changed something, unless it is the requester's own change (their timeline shows it). */
async function auditChange(c: CaseWork<WoningscanData>, action: string, details?: Record<string, string>) {
  await c.auditRead(action, details);
}

const dayAfterWorkingDays = (deps: WoningscanDeps, from: Date, days: number) =>
  dutchDay(deps.cases.workingDaysAfter(from, days));

export function recordVisit(deps: WoningscanDeps, ctx: ServiceContext, caseId: string, visitedOn: string) {
  return deps.cases.withCase(ctx, caseId, 'record_visit', async (c) => {
    const errors: FieldError[] = [];
    if (visitedOn > dutchDay(c.now)) errors.push(inFuture('body/visitedOn'));
    if (visitedOn < c.data.row.requestedOn) {
      errors.push({ field: 'body/visitedOn', code: 'woningscan_date_in_past', message: 'Not before the request.' });
    }
    refuse(errors);
    await withdrawOpenSlots(c.tx, caseId);
    // The address was for the visit only: it goes now, in the same transaction as the visit.
    await updateWoningscanCase(c.tx, caseId, {
      visitedOn,
      appointmentState: 'done',
      rescheduleRequestedAt: null,
      addressEnvelope: null,
      addressRemovedAt: c.now,
    });
    await c.transition({ to: 'visited', via: 'visit', event: { kind: 'visit_recorded', visibility: 'requester' } });
    await c.audit('woningscan.visit_recorded');
    await c.notifyRequester('case_update');
    return c.result();
  });
}

export function recordAdvice(deps: WoningscanDeps, ctx: ServiceContext, caseId: string, input: RecordAdvice) {
  return deps.cases.withCase(ctx, caseId, 'record_advice', async (c) => {
    const { row } = c.data;
    const first = row.adviceRecordedAt === null;
    const adviceAt = row.adviceRecordedAt ?? c.now;
    // Which scheme applies is decided by the advice's day (the first time it was written).
    const bva = routesThroughBva({ ...c.data, row: { ...row, adviceRecordedAt: adviceAt } }, c.row.officeType);
    const provisionFrom =
      bva && row.bvaAdviceReceivedOn ? new Date(`${row.bvaAdviceReceivedOn}T12:00:00Z`) : bva ? null : adviceAt;
    const dueOn = provisionFrom
      ? dayAfterWorkingDays(deps, provisionFrom, WONINGSCAN_TARGETS.provisionWorkingDays)
      : null;
    // Measures kept from an earlier version of the advice keep where they stand.
    const earlier = new Map(
      c.data.measures.map((measure) => [
        `${measure.domain}\n${c.keyring.decryptString(measure.descriptionEnvelope, measureAad(measure.id))}`,
        measure,
      ]),
    );
    await replaceMeasures(
      c.tx,
      caseId,
      input.measures.map((measure, position) => {
        const kept = earlier.get(`${measure.domain}\n${measure.description}`);
        const id = randomUUID();
        return {
          id,
          position,
          domain: measure.domain,
          descriptionEnvelope: c.keyring.encrypt(measure.description, measureAad(id)),
          state: kept?.state ?? 'advised',
          orderedOn: kept?.orderedOn ?? null,
          installedOn: kept?.installedOn ?? null,
          dueOn: kept?.dueOn ?? dueOn,
          updatedAt: c.now,
        };
      }),
    );
    await updateWoningscanCase(c.tx, caseId, {
      adviceEnvelope: c.keyring.encrypt(JSON.stringify(input.advice satisfies WoningscanAdvice), adviceAad(caseId)),
      adviceRecordedAt: adviceAt,
      ...(first
        ? {
            bvaAdviceExpected: bva,
            bvaAdviceDueOn: bva ? dayAfterWorkingDays(deps, adviceAt, WONINGSCAN_TARGETS.bvaAdviceWorkingDays) : null,
          }
        : {}),
    });
    await c.recordFirstResponse();
    await c.transition({
      to: 'advised',
      via: 'advice',
      event: { kind: 'advice_recorded', visibility: 'requester', details: { measures: input.measures.length } },
    });
    await c.audit('woningscan.advice_recorded', { measures: input.measures.length });
    await c.notifyRequester('case_update');
    return c.result();
  });
}

export function updateMeasure(
  deps: WoningscanDeps,
  ctx: ServiceContext,
  caseId: string,
  measureId: string,
  input: UpdateMeasure,
) {
  return deps.cases.withCase(ctx, caseId, 'update_measures', async (c) => {
    const measure = c.data.measures.find((m) => m.id === measureId);
    if (!measure) throw notFound();
    const today = dutchDay(c.now);
    const orderedOn =
      input.orderedOn !== undefined
        ? input.orderedOn
        : input.state === 'ordered'
          ? (measure.orderedOn ?? today)
          : measure.orderedOn;
    const installedOn =
      input.installedOn !== undefined
        ? input.installedOn
        : input.state === 'installed'
          ? (measure.installedOn ?? today)
          : null;
    const errors: FieldError[] = [];
    if (orderedOn && orderedOn > today) errors.push(inFuture('body/orderedOn'));
    if (installedOn && installedOn > today) errors.push(inFuture('body/installedOn'));
    if (orderedOn && installedOn && installedOn < orderedOn) {
      errors.push({ field: 'body/installedOn', code: 'woningscan_end_before_start', message: 'Not before ordering.' });
    }
    refuse(errors);
    await updateMeasureRow(c.tx, caseId, measureId, {
      state: input.state,
      orderedOn: input.state === 'advised' ? null : orderedOn,
      installedOn: input.state === 'installed' ? installedOn : null,
      updatedAt: c.now,
    });
    await c.event('measure_updated', 'requester', { details: { state: input.state } });
    await c.touch();
    await auditChange(c, 'woningscan.measure_updated', { state: input.state });
    await c.notify(c.otherSide(), 'case_update');
    return c.result();
  });
}

export function updateProgress(deps: WoningscanDeps, ctx: ServiceContext, caseId: string, input: UpdateProgress) {
  return deps.cases.withCase(ctx, caseId, 'update_progress', async (c) => {
    const { row } = c.data;
    const today = dutchDay(c.now);
    const errors: FieldError[] = [];
    if (input.bvaAdviceReceivedOn && input.bvaAdviceReceivedOn > today)
      errors.push(inFuture('body/bvaAdviceReceivedOn'));
    if (input.pkvwCertifiedOn && input.pkvwCertifiedOn > today) errors.push(inFuture('body/pkvwCertifiedOn'));
    if (input.pkvwStatus === 'certified' && !input.pkvwCertifiedOn) {
      errors.push({
        field: 'body/pkvwCertifiedOn',
        code: 'woningscan_date_in_future',
        message: 'The certificate’s date.',
      });
    }
    if (input.bvaAdviceReceivedOn && !row.bvaAdviceExpected) {
      errors.push({ field: 'body/bvaAdviceReceivedOn', code: 'case_state', message: 'This scheme has no BVA advice.' });
    }
    refuse(errors);
    await updateWoningscanCase(c.tx, caseId, {
      bvaAdviceReceivedOn: input.bvaAdviceReceivedOn,
      pkvwStatus: input.pkvwStatus,
      pkvwCertifiedOn: input.pkvwStatus === 'certified' ? input.pkvwCertifiedOn : null,
    });
    // The BVA's advice arrived: the employer's provision is due in working days from then.
    if (input.bvaAdviceReceivedOn && input.bvaAdviceReceivedOn !== row.bvaAdviceReceivedOn) {
      const from = new Date(`${input.bvaAdviceReceivedOn}T12:00:00Z`);
      await setOpenMeasuresDue(c.tx, caseId, dayAfterWorkingDays(deps, from, WONINGSCAN_TARGETS.provisionWorkingDays));
    }
    await c.event('progress_updated', 'requester');
    await c.touch();
    await auditChange(c, 'woningscan.progress_updated');
    await c.notify(c.otherSide(), 'case_update');
    return c.result();
  });
}

/** The advice as a PDF, with the scheme of the advice's day. The adviser's download is audited. */
export async function adviceAsPdf(deps: WoningscanDeps, ctx: ServiceContext, caseId: string, locale: Locale) {
  const input = await deps.cases.readCase(ctx, caseId, 'download_advice', async (c) => {
    const { row } = c.data;
    if (!row.adviceEnvelope || !row.adviceRecordedAt) throw notFound();
    await c.auditRead('woningscan.advice_pdf_downloaded');
    const measures: Measure[] = c.data.measures.map((measure) => ({
      id: measure.id,
      domain: measure.domain as Measure['domain'],
      description: c.keyring.decryptString(measure.descriptionEnvelope, measureAad(measure.id)),
      state: measure.state as Measure['state'],
      orderedOn: measure.orderedOn,
      installedOn: measure.installedOn,
      dueOn: measure.dueOn,
    }));
    return {
      locale,
      reference: c.row.reference ?? '',
      issuedAt: row.adviceRecordedAt,
      visitedOn: row.visitedOn,
      schemesOn: schemeDayOf(c.data),
      schemes: woningscanTypeDetailSchema.shape.schemes.parse(schemesOfCase(c.data, c.row.officeType)),
      advice: JSON.parse(c.keyring.decryptString(row.adviceEnvelope, adviceAad(caseId))) as WoningscanAdvice,
      measures,
    };
  });
  return { reference: input.reference, pdf: await woningscanAdvicePdf(input) };
}
