import type { Locale } from '../../../shared/locale.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { recordAudit } from '../audit/service.ts';
import { loadIncident, requireActor } from '../incidents/access.ts';
import { dossierDate } from '../incidents/dossier-pdf.ts';
import { listEvidence } from '../incidents/evidence.ts';
import { toIncident } from '../incidents/service.ts';
import { type AangifteDeps, readChoices, readReports } from './access.ts';
import { renderPreparationSheet } from './sheet-pdf.ts';
import { aangifteText } from './texts.ts';

/** My preparation sheet for one of my incidents, as a PDF (audited like the dossier, in the owner's log). */
export async function preparationSheet(
  deps: AangifteDeps,
  ctx: ServiceContext,
  incidentId: string,
  lang: Locale,
): Promise<{ fileName: string; pdf: Buffer }> {
  const actor = requireActor(ctx);
  const db = deps.uow.db;
  const row = await loadIncident(db, actor, incidentId, 'export');
  // The sheet lists evidence only, so the timeline is left out.
  const incident = toIncident(deps.incidents, row, [], await listEvidence(deps.incidents, row.id));
  const choices = await readChoices(db, deps.keyring, { id: row.id, ownerId: row.ownerId });
  const madeAt = deps.uow.now();
  const pdf = await renderPreparationSheet({ lang, madeAt: madeAt.toISOString(), incident, choices });
  await deps.uow.run(ctx, async (w) => {
    await recordAudit(w.tx, w, {
      action: 'aangifte.sheet_made',
      subjectPersonId: row.ownerId,
      recordType: 'incident',
      recordId: row.id,
    });
  });
  return { fileName: `${aangifteText(lang, 'sheet.fileName')} ${madeAt.toISOString().slice(0, 10)}.pdf`, pdf };
}

/**
 * The dossier's cover lines about the police, per incident of the dossier (numbered as in the dossier):
 * what was done when, the variant, the VPT code and the police reference. The owner's own export only.
 */
export function dossierCoverLines(deps: AangifteDeps) {
  return async (db: DbOrTx, incidents: { id: string; ownerId: string }[], lang: Locale): Promise<string[]> => {
    const t = (key: string, values?: Record<string, string | number>) => aangifteText(lang, key, values);
    const lines: string[] = [];
    for (const [index, incident] of incidents.entries()) {
      const choices = await readChoices(db, deps.keyring, incident);
      for (const report of await readReports(db, deps.keyring, incident)) {
        const variant = report.variant ?? choices.variant;
        lines.push(
          [
            t('cover.report', {
              number: index + 1,
              kind: t(`kind.${report.kind}`),
              date: dossierDate(lang, report.reportedOn),
            }),
            variant ? t('cover.variant', { variant: t(`variant.${variant}.name`) }) : null,
            t(report.vptRequested ? 'cover.vptAsked' : 'cover.vptNotAsked'),
            report.policeReference ? t('cover.reference', { reference: report.policeReference }) : null,
          ]
            .filter(Boolean)
            .join(' · '),
        );
      }
    }
    return lines;
  };
}
