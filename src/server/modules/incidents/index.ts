import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { IncidentDeps } from './access.ts';
import { removeStaleDrafts } from './drafts.ts';
import { EvidenceStore } from './evidence-store.ts';
import { IncidentPathRegistry } from './path.ts';
import { incidentRoutes } from './routes.ts';
import { sweepEvidenceStore } from './sweep.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The incidents module's services' dependencies (for the demo seed and, later, a consented share). */
    incidents: IncidentDeps;
  }
}

export const INCIDENT_SWEEP_JOB = 'incidents.sweep';

export interface IncidentsModuleOptions {
  /** Where evidence files live; default EVIDENCE_DIR, else DATA_DIR/evidence. */
  evidenceDir?: string;
  /** Test seam for the atomicity of evidence intake (see IncidentDeps). */
  intakeFault?: IncidentDeps['intakeFault'];
}

/** Incidents: the person's own log, evidence, dossier export and escalation signal (/api/me/incidents). */
async function incidents(app: FastifyInstance, options: IncidentsModuleOptions) {
  const root = path.resolve(
    options.evidenceDir ?? app.config.EVIDENCE_DIR ?? path.join(app.config.DATA_DIR, 'evidence'),
  );
  const deps: IncidentDeps = {
    uow: app.unitOfWork,
    keyring: app.keyring,
    store: new EvidenceStore(root),
    path: new IncidentPathRegistry(),
    dossierCover: [],
    ...(options.intakeFault ? { intakeFault: options.intakeFault } : {}),
  };

  app.decorate('incidents', deps);

  const sweep = async () => {
    const now = app.unitOfWork.now();
    const report = await sweepEvidenceStore(app.db, deps.store, now);
    const drafts = await removeStaleDrafts(app.db, now);
    if (report.orphansRemoved.length + report.partsRemoved.length + drafts > 0) {
      app.log.info(
        { orphans: report.orphansRemoved.length, parts: report.partsRemoved.length, drafts },
        'incidents: evidence store swept',
      );
    }
    if (report.missingFiles.length > 0) {
      app.log.error({ evidence: report.missingFiles }, 'incidents: evidence rows without their file');
    }
  };
  app.jobs.register({ name: INCIDENT_SWEEP_JOB, cron: '23 * * * *', handler: sweep });
  // At start too: a crash since the last run may have left a file whose row never committed.
  app.addHook('onReady', async () => {
    await sweep().catch((error: unknown) => app.log.error({ err: error }, 'incidents: the sweep at start failed'));
  });

  await app.register(incidentRoutes(deps));
}

/** A named plugin, so `app.incidents` is visible to the demo seed (and later to a consented share). */
export const incidentsModule = fp(incidents, {
  name: 'incidents',
  dependencies: ['database', 'keyring', 'jobs', 'unit-of-work', 'sessions'],
});
