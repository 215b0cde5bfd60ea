import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/index.ts';
import { systemContext } from '../../src/server/lib/context.ts';
import { issueInvitation } from '../../src/server/modules/people/invitations.ts';
import { insertInvitedPerson } from '../../src/server/modules/people/repository.ts';
import { createActor } from '../helpers/actors.ts';
import { recordIncident, uploadEvidence } from '../helpers/incidents.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Encryption at rest, end to end: sensitive values go in through the real routes and services, then every
 * row of every table (a logical dump, on PGlite and on PostgreSQL alike) is searched for them, as text
 * and as the hex that bytea columns show.
 */
const CANARY_MESSAGE = 'Canary-7f3a: bedreigd op de Dorpsstraat 12';
const CANARY_PHONE = '06 8765 4321';
const CANARY_COLLEAGUE = 'Canary-Collega Jansen-9b2c';
// Incidents: every descriptive field, the follow-up, the draft, the evidence's name, caption, source and content.
const INCIDENT_CANARIES = {
  whatHappened: 'Canary-inc-51d2 schreeuwde bij de Kerkweg',
  where: 'Canary-waar-77e1',
  perpetratorDescription: 'Canary-dader-0c4f',
  perpetratorHandle: '@canary_handle_93ab',
  followUp: 'Canary-vervolg-2b8e',
  draft: 'Canary-concept-6f1a',
  fileName: 'Canary-bestand-48dd',
  caption: 'Canary-toelichting-a7c3',
  sourceHandle: 'canary_bron_5e90',
  content: 'Canary-inhoud-e5f6 bedreiging in een e-mail',
};

// Damage claims: each head's description, the note and a deadline's label.
const DAMAGE_CANARIES = {
  head: 'Canary-schade-3c9d kapotte autoruit',
  immaterial: 'Canary-smart-81fe',
  note: 'Canary-notitie-d2a4',
  deadline: 'Canary-termijn-6b07',
};

async function logicalDump(t: TestApp): Promise<string> {
  const tables = rowsOf<{ schema: string; name: string }>(
    await t.app.db.execute(
      sql`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    ),
  );
  const parts: string[] = [];
  for (const table of tables) {
    const rows = rowsOf<{ row: string }>(
      await t.app.db.execute(sql.raw(`SELECT t::text AS row FROM "${table.schema}"."${table.name}" t`)),
    );
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

describe('a database dump holds no sensitive value in plain text', () => {
  let t: TestApp;
  let totpSecret = '';
  let invitationToken = '';

  beforeAll(async () => {
    t = await createTestApp();
    // An invitation: its mail body (with the activation link) is encrypted, the token only hashed.
    const invited = await t.app.unitOfWork.run(systemContext(), async (w) => {
      const person = await insertInvitedPerson(w.tx, { email: 'nieuw@example.org', roles: ['officeholder'] }, null);
      return issueInvitation(w, { config: t.config, keyring: t.keyring }, { person });
    });
    invitationToken = invited.token;
    // A TOTP secret, made by the real activation route.
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/activation/password/start',
      payload: { token: invitationToken, password: 'een lange wachtzin over de polder en de dijk' },
    });
    expect(started.statusCode).toBe(200);
    totpSecret = started.json().totpSecret;
    // A support request with a message, a phone number and a colleague's name.
    const wethouder = await createActor(t, ['officeholder'], { office: 'wethouder', region: 'Zwolle' });
    const request = await t.app.inject({
      method: 'POST',
      url: '/api/support/requests',
      headers: wethouder.headers,
      payload: {
        concernFor: 'colleague',
        situation: ['threat'],
        since: 'this_week',
        acuteDanger: false,
        affected: ['me'],
        contact: { channel: 'phone', phone: CANARY_PHONE, when: 'any_time' },
        body: CANARY_MESSAGE,
        personConcerned: { name: CANARY_COLLEAGUE },
      },
    });
    expect(request.statusCode, request.body).toBeLessThan(300);

    // An incident with every descriptive field, a follow-up, evidence and a draft.
    const c = INCIDENT_CANARIES;
    const incidentId = await recordIncident(t, wethouder, {
      occurredOn: '2026-11-30',
      whatHappened: c.whatHappened,
      channel: 'in_person',
      where: c.where,
      perpetratorDescription: c.perpetratorDescription,
      perpetratorHandle: c.perpetratorHandle,
      forms: ['sexual_intimidation'],
    });
    const followUp = await t.app.inject({
      method: 'POST',
      url: `/api/me/incidents/${incidentId}/follow-ups`,
      headers: wethouder.headers,
      payload: { occurredOn: '2026-12-01', kind: 'note', text: c.followUp },
    });
    expect(followUp.statusCode).toBe(201);
    const email = Buffer.from(
      `From: boos@example.net\r\nTo: w@example.org\r\nSubject: x\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\n\r\n${c.content}\r\n`,
    );
    const evidence = await uploadEvidence(
      t,
      wethouder,
      incidentId,
      { fileName: `${c.fileName}.eml`, bytes: email },
      {
        caption: c.caption,
        sourceHandle: c.sourceHandle,
      },
    );
    expect(evidence.statusCode, evidence.body).toBe(201);
    const draft = await t.app.inject({
      method: 'PUT',
      url: '/api/me/incidents/draft',
      headers: wethouder.headers,
      payload: { draft: { whatHappened: c.draft } },
    });
    expect(draft.statusCode).toBe(200);
    // A damage claim on the incident, the evidence as its receipt.
    const d = DAMAGE_CANARIES;
    const claim = await t.app.inject({
      method: 'POST',
      url: `/api/me/incidents/${incidentId}/damages`,
      headers: wethouder.headers,
      payload: {
        route: 'werkgever_voorschot',
        status: 'submitted',
        heads: [
          { kind: 'material', description: d.head, amountCents: 45_000, evidenceId: evidence.json().evidence.id },
          { kind: 'immaterial', description: d.immaterial, amountCents: 100_000 },
        ],
        note: d.note,
        deadlines: [{ dueOn: '2099-01-01', label: d.deadline }],
      },
    });
    expect(claim.statusCode, claim.body).toBe(201);
    expect(claim.body).toContain(d.head);
    // The incident shared with a support request (every part, the file) and read by the coordinator:
    // the share keeps ids and dates only, the read's audit entry ids only.
    const shared = await t.app.inject({
      method: 'POST',
      url: '/api/support/requests',
      headers: wethouder.headers,
      payload: {
        concernFor: 'self',
        situation: ['threat'],
        since: 'this_week',
        acuteDanger: false,
        affected: ['me'],
        contact: { channel: 'in_app', when: 'any_time' },
        incident: {
          incidentId,
          fields: ['whatHappened', 'where', 'perpetrator', 'followUps'],
          evidenceIds: [evidence.json().evidence.id],
        },
      },
    });
    expect(shared.statusCode, shared.body).toBe(201);
    const coordinator = await createActor(t, ['ot_coordinator']);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/cases/${shared.json().caseId}/support/incidents/${incidentId}`,
      headers: coordinator.headers,
    });
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain(c.whatHappened);
    expect(read.body).toContain(c.caption);
  }, 60_000);
  afterAll(() => t.close());

  it('finds the values in the app, and none of them in the dump', async () => {
    expect(totpSecret.length).toBeGreaterThan(10);
    const dump = await logicalDump(t);
    expect(dump.length).toBeGreaterThan(1000);
    // The dump does show what is not classified sensitive (an account's e-mail address), so it is a real dump.
    expect(dump).toContain('nieuw@example.org');
    for (const secret of [CANARY_MESSAGE, CANARY_PHONE, CANARY_COLLEAGUE, totpSecret, invitationToken]) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(hex(secret));
    }
    for (const secret of Object.values(INCIDENT_CANARIES)) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(hex(secret));
    }
    for (const secret of Object.values(DAMAGE_CANARIES)) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(hex(secret));
    }
    // Nor is any of it in the evidence store's files.
    const store = t.config.EVIDENCE_DIR as string;
    const stored = readdirSync(store).filter((name) => name.endsWith('.wbs'));
    expect(stored).toHaveLength(1);
    for (const name of stored) {
      const bytes = readFileSync(path.join(store, name));
      for (const secret of Object.values(INCIDENT_CANARIES)) expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from('Canary'))).toBe(false);
    }
    // The parts that identify the canaries are unique enough to search on their own, too.
    expect(dump).not.toContain('Canary-7f3a');
    expect(dump).not.toContain('Dorpsstraat');
    expect(dump).not.toContain('Canary-');
    expect(dump).not.toContain('canary_');
  });
});
