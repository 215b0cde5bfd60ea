import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type {
  AangifteChoices,
  AangifteChoicesInput,
  AangifteState,
  PoliceReport,
  PoliceReportInput,
} from '../../../shared/aangifte.ts';
import type { Locale } from '../../../shared/locale.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { loadIncident, requireActor } from '../incidents/access.ts';
import { appendFollowUp } from '../incidents/service.ts';
import { type AangifteDeps, aangifteAad, readChoices, readReports, type StoredReport } from './access.ts';
import { aangiftePoliceReports, aangiftePreparations } from './db.ts';
import { aangifteText } from './texts.ts';

/** A date after today (one day of slack for time zones) is refused, on the app's clock, with a field message. */
function refuseFuture(now: Date, value: string | undefined | null, field: string): void {
  if (!value) return;
  const limit = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  if (value > limit) {
    throw badRequest('aangifte_date_in_future', 'The date lies in the future.', [
      { field, message: 'The date lies in the future.', code: 'date_in_future' },
    ]);
  }
}

/** My choices in the aid and what I recorded about the police, for one of my incidents. */
export async function getAangifte(deps: AangifteDeps, ctx: ServiceContext, incidentId: string): Promise<AangifteState> {
  const actor = requireActor(ctx);
  const db = deps.uow.db;
  const row = await loadIncident(db, actor, incidentId, 'read');
  const incident = { id: row.id, ownerId: row.ownerId };
  return {
    choices: await readChoices(db, deps.keyring, incident),
    reports: await readReports(db, deps.keyring, incident),
  };
}

/** Saves what the person chose in the aid (variant, VPT, internal report); a field left out stays as it was. */
export async function saveChoices(
  deps: AangifteDeps,
  ctx: ServiceContext,
  incidentId: string,
  input: AangifteChoicesInput,
): Promise<AangifteState> {
  const actor = requireActor(ctx);
  refuseFuture(deps.uow.now(), input.internalReport?.on, 'body/internalReport/on');
  await deps.uow.run(ctx, async (w) => {
    const row = await loadIncident(w.tx, actor, incidentId, 'update', { lock: true });
    const incident = { id: row.id, ownerId: row.ownerId };
    const current = await readChoices(w.tx, deps.keyring, incident);
    const next: AangifteChoices = {
      variant: input.variant === undefined ? current.variant : input.variant,
      vptRequested: input.vptRequested === undefined ? current.vptRequested : input.vptRequested,
      internalReport: input.internalReport === undefined ? current.internalReport : input.internalReport,
    };
    const envelope = deps.keyring.encrypt(JSON.stringify(next), aangifteAad.choices(row.id));
    const [existing] = await w.tx
      .select({ markedAt: aangiftePreparations.internalReportMarkedAt })
      .from(aangiftePreparations)
      .where(eq(aangiftePreparations.incidentId, row.id));
    // The path shows since when the internal report is done: keep the first moment while it stays marked.
    const markedAt = next.internalReport ? (existing?.markedAt ?? w.now) : null;
    await w.tx
      .insert(aangiftePreparations)
      .values({
        incidentId: row.id,
        ownerId: row.ownerId,
        choicesEnvelope: envelope,
        internalReportMarkedAt: markedAt,
        createdAt: w.now,
        updatedAt: w.now,
      })
      .onConflictDoUpdate({
        target: aangiftePreparations.incidentId,
        set: { choicesEnvelope: envelope, internalReportMarkedAt: markedAt, updatedAt: w.now },
      });
    await recordAudit(w.tx, w, {
      action: 'aangifte.choices_saved',
      subjectPersonId: row.ownerId,
      recordType: 'incident',
      recordId: row.id,
      details: { fields: Object.keys(input).length },
    });
  });
  return getAangifte(deps, ctx, incidentId);
}

/**
 * Records what happened at the police, and puts it on the incident's timeline in the same unit of work
 * (a `police_melding` or `aangifte` follow-up that says what was done, never the police reference).
 */
export async function recordPoliceReport(
  deps: AangifteDeps,
  ctx: ServiceContext,
  incidentId: string,
  input: PoliceReportInput,
  lang: Locale,
): Promise<PoliceReport> {
  const actor = requireActor(ctx);
  refuseFuture(deps.uow.now(), input.reportedOn, 'body/reportedOn');
  const id = randomUUID();
  const stored: StoredReport = {
    kind: input.kind,
    policeReference: input.policeReference || null,
    variant: input.variant ?? null,
    vptRequested: input.vptRequested,
    wantsUpdates: input.wantsUpdates,
    claimsDamages: input.claimsDamages,
  };
  const createdAt = await deps.uow.run(ctx, async (w) => {
    const row = await loadIncident(w.tx, actor, incidentId, 'update', { lock: true });
    const followUp = await appendFollowUp(w, deps.incidents, row, {
      occurredOn: input.reportedOn,
      kind: input.kind === 'melding' ? 'police_melding' : 'aangifte',
      text: timelineText(lang, stored),
    });
    await w.tx.insert(aangiftePoliceReports).values({
      id,
      incidentId: row.id,
      ownerId: row.ownerId,
      reportedOn: input.reportedOn,
      reportEnvelope: deps.keyring.encrypt(JSON.stringify(stored), aangifteAad.report(id)),
      followUpId: followUp.id,
      createdAt: w.now,
    });
    await recordAudit(w.tx, w, {
      action: 'aangifte.police_report_recorded',
      subjectPersonId: row.ownerId,
      recordType: 'incident',
      recordId: row.id,
    });
    return w.now;
  });
  return { id, reportedOn: input.reportedOn, ...stored, createdAt: createdAt.toISOString() };
}

/** The timeline's words for a report: what was done and how, never the reference. */
export function timelineText(lang: Locale, report: StoredReport): string {
  const t = (key: string, values?: Record<string, string>) => aangifteText(lang, key, values);
  const yesNo = (value: boolean) => t(value ? 'common.yes' : 'common.no');
  return [
    t(`timeline.${report.kind}`),
    report.variant ? t('timeline.variant', { variant: t(`variant.${report.variant}.name`) }) : null,
    t('timeline.vpt', { answer: yesNo(report.vptRequested) }),
    t('timeline.updates', { answer: yesNo(report.wantsUpdates) }),
    t('timeline.damages', { answer: yesNo(report.claimsDamages) }),
  ]
    .filter(Boolean)
    .join(' ');
}
