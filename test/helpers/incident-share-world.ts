import { and, count, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../src/server/db/index.ts';
import { auditLog } from '../../src/server/modules/audit/db.ts';
import type { TestActor } from './actors.ts';
import { call, expectStatus, type SupportWorld, supportRequest } from './cases.ts';
import { gpsTaggedJpeg, png } from './image-fixtures.ts';
import { recordIncident, uploadEvidence } from './incidents.ts';
import type { TestApp } from './test-app.ts';

// What the tests of sharing an incident with a support request (incident-share*.int.test.ts) build on.

export const FULL_INCIDENT = {
  occurredOn: '2026-11-28',
  occurredAt: '21:15',
  whatHappened: 'Shared-what: een man stond bij mijn huis te schreeuwen.',
  channel: 'at_home',
  where: 'Private-where: voor de deur, Kerkstraat',
  forms: ['threat', 'intimidation'],
  targets: ['self', 'partner'],
  perpetratorKind: 'individual',
  perpetratorDescription: 'Private-perp: lange man, rode jas',
  perpetratorHandle: '@private_handle',
  severity: 'very_serious',
  aimedAt: 'office',
  internalReport: { to: 'burgemeester', on: '2026-11-29' },
};
export const MISSING = '00000000-0000-4000-8000-000000000000';

/** Paths, a full incident, a shared case and the counts the tests compare. */
/** Reads the test app and world when called: the kit is made before `beforeAll` creates them. */
export function incidentShareKit(world: () => { t: TestApp; w: SupportWorld }) {
  const owner = () => world().w.requester;

  const base = (caseId: string) => `/api/cases/${caseId}/support/incidents`;
  const one = (caseId: string, incidentId: string) => `${base(caseId)}/${incidentId}`;
  const file = (caseId: string, incidentId: string, evidenceId: string) =>
    `${one(caseId, incidentId)}/evidence/${evidenceId}`;

  /** An incident of `actor` with every field, a follow-up, a GPS-tagged photo and a screenshot. */
  async function fullIncident(actor: TestActor) {
    const incidentId = await recordIncident(world().t, actor, FULL_INCIDENT);
    const followUp = await call(world().t, actor, 'POST', `/api/me/incidents/${incidentId}/follow-ups`, {
      occurredOn: '2026-11-29',
      kind: 'internal_report',
      text: 'Gemeld bij de burgemeester.',
    });
    await expectStatus(followUp, 201, 'follow-up');
    const photo = await uploadEvidence(
      world().t,
      actor,
      incidentId,
      { fileName: 'voordeur.jpg', bytes: gpsTaggedJpeg() },
      { caption: 'Shared-caption: de man bij de deur' },
    );
    await expectStatus(photo, 201, 'photo');
    const shot = await uploadEvidence(
      world().t,
      actor,
      incidentId,
      { fileName: 'private-screenshot.png', bytes: png({ metadata: true }) },
      { caption: 'Private-caption: het bericht' },
    );
    await expectStatus(shot, 201, 'screenshot');
    return {
      incidentId,
      photoId: photo.json().evidence.id as string,
      shotId: shot.json().evidence.id as string,
    };
  }

  async function auditCount(action: string, caseId: string) {
    const [row] = await world()
      .t.app.db.select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.recordId, caseId), eq(auditLog.action, action as never)));
    return row?.n ?? 0;
  }

  async function shareRows() {
    const rows = rowsOf<{ n: number }>(
      await world().t.app.db.execute(sql`SELECT count(*)::int AS n FROM case_incident_shares`),
    );
    return rows[0]?.n ?? 0;
  }

  /** A new request with the incident attached (what and channel, the photo only), taken by the confidant. */
  async function sharedCase() {
    const incident = await fullIncident(owner());
    const created = await call(
      world().t,
      owner(),
      'POST',
      '/api/support/requests',
      supportRequest({
        incident: {
          incidentId: incident.incidentId,
          fields: ['whatHappened', 'channel', 'followUps'],
          evidenceIds: [incident.photoId],
        },
      }),
    );
    await expectStatus(created, 201, 'request with incident');
    const caseId = created.json().caseId as string;
    await expectStatus(
      await call(world().t, world().w.confidant, 'POST', `/api/cases/${caseId}/take`, {}),
      200,
      'take',
    );
    return { caseId, ...incident };
  }

  return { owner, base, one, file, fullIncident, auditCount, shareRows, sharedCase };
}
