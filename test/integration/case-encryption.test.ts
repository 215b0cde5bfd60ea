import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/index.ts';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import { caseAttachments, caseMessages, cases } from '../../src/server/modules/cases/db.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import {
  buildCaseApp,
  call,
  containsCanary,
  dumpAllRows,
  expectStatus,
  submitSipa,
  submitSupport,
  upload,
} from '../helpers/cases.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/**
 * Canaries: unique strings put into every piece of case content through the API. Encryption at rest
 * means none of them may appear in any row of any table (as text, as bytea hex, or as base64). Then the
 * content is destroyed (early deletion by the requester and the retention job) and not even the
 * ciphertexts may remain.
 */
const CANARY = {
  intake: 'kanarie-intake-d41f9a',
  phone: '+31 6 4242 1717',
  colleague: 'Kanarie Collega 8e21',
  message: 'kanarie-bericht-5b7c30',
  note: 'kanarie-notitie-0a9e41',
  fileContent: 'kanarie-bestandsinhoud-7d22ef',
  fileName: 'kanarie-bestandsnaam-93c1',
  advice: 'kanarie-advies-61f0b8',
  feedback: 'kanarie-terugkoppeling-2c4d',
  sipaPerson: 'Kanarie Betrokkene 3f88',
  sipaSignal: 'kanarie-signaal-aa17e2',
  sipaQuestion: 'kanarie-vraag-19bd77',
  sipaAdvice: 'kanarie-sipa-advies-e5c3',
  // Stored as +digits: the canary is that form.
  sipaPhone: '+31698765431',
  sipaIntakeMessage: 'kanarie-intake-afspraak-71c0',
};

describe('case content is encrypted at rest, and gone after deletion', () => {
  let testDatabase: TestDatabase;
  let t: TestApp;
  let clock = new Date('2026-11-30T09:00:00Z');
  let requester: TestActor;
  let colleague: TestActor;
  let confidant: TestActor;
  let coordinator: TestActor;
  let advisor: TestActor;
  const ids: { support: string; concern: string; sipa: string; supportReference: string } = {
    support: '',
    concern: '',
    sipa: '',
    supportReference: '',
  };

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    t = await buildCaseApp(testDatabase.database, Keyring.generate(), { now: () => clock });
    requester = await createActor(t, ['officeholder'], { office: 'burgemeester', region: 'Waadhoeke' });
    colleague = await createActor(t, ['officeholder'], { office: 'raadslid' });
    confidant = await createActor(t, ['confidant'], { association: 'ngb' });
    coordinator = await createActor(t, ['ot_coordinator']);
    advisor = await createActor(t, ['sipa_advisor']);

    // A support request with every kind of content.
    const support = await submitSupport(t, requester, {
      body: `Wat er speelt: ${CANARY.intake}`,
      contact: { channel: 'phone', phone: CANARY.phone, when: 'any_time' },
    });
    ids.support = support.caseId;
    ids.supportReference = support.reference;
    const base = `/api/cases/${ids.support}`;
    await expectStatus(await call(t, confidant, 'POST', `${base}/take`, {}), 200);
    await expectStatus(await call(t, confidant, 'POST', `${base}/messages`, { body: CANARY.message }), 201);
    await expectStatus(await call(t, confidant, 'POST', `${base}/notes`, { body: CANARY.note }), 201);
    await expectStatus(
      await upload(t, requester, ids.support, `${CANARY.fileName}.txt`, Buffer.from(`Inhoud: ${CANARY.fileContent}`)),
      201,
    );
    await expectStatus(
      await call(t, confidant, 'PUT', `${base}/support/advice`, {
        advice: [{ kind: 'aangifte', explanation: CANARY.advice, linkKey: 'package.aangifte-melden-schade' }],
      }),
      200,
    );
    await expectStatus(await call(t, confidant, 'POST', `${base}/close`, { outcome: 'advice_given' }), 200);
    await expectStatus(await call(t, requester, 'POST', `${base}/feedback`, { rating: 5, body: CANARY.feedback }), 200);

    // A colleague's concern about another office holder.
    ids.concern = (
      await submitSupport(t, colleague, {
        concernFor: 'colleague',
        personConcerned: { name: CANARY.colleague },
        contact: { channel: 'in_app', when: 'any_time' },
      })
    ).caseId;
    await expectStatus(
      await call(t, coordinator, 'POST', `/api/cases/${ids.concern}/close`, { outcome: 'no_contact' }),
      200,
    );

    // A SIPA request: its phone number, then after the phone intake (with what was agreed) the details.
    ids.sipa = (await submitSipa(t, requester, { phone: CANARY.sipaPhone })).caseId;
    const sipaBase = `/api/cases/${ids.sipa}`;
    await expectStatus(await call(t, advisor, 'POST', `${sipaBase}/take`, {}), 200);
    await expectStatus(
      await call(t, advisor, 'POST', `${sipaBase}/sipa/intake`, {
        heldAt: clock.toISOString(),
        agreement: 'share_details',
        message: CANARY.sipaIntakeMessage,
      }),
      200,
    );
    await expectStatus(
      await call(t, requester, 'PUT', `${sipaBase}/sipa/details`, {
        signal: { what: CANARY.sipaSignal, since: 'this_month', source: 'complaint' },
        personConcerned: { name: CANARY.sipaPerson, position: 'wethouder' },
        answers: { doneSoFar: '', question: CANARY.sipaQuestion },
      }),
      200,
    );
    await expectStatus(
      await call(t, advisor, 'POST', `${sipaBase}/sipa/conflict-check`, { decision: 'no_conflict' }),
      200,
    );
    await expectStatus(
      await call(t, advisor, 'PUT', `${sipaBase}/sipa/advice`, {
        advice: {
          preliminaryInquiry: CANARY.sipaAdvice,
          assignment: '',
          researchQuestions: [],
          investigatorChoice: '',
          safeguards: '',
          privacy: '',
          communication: '',
        },
      }),
      200,
    );
    await expectStatus(await call(t, advisor, 'POST', `${sipaBase}/close`, { outcome: 'advice_given' }), 200);
  });
  afterAll(async () => {
    await t.close();
    await testDatabase.destroy();
  });

  it('stores no canary in plain text anywhere in the database', async () => {
    const dump = await dumpAllRows(t);
    // The search works: plain personal data that is not case content is found (names of accounts).
    expect(containsCanary(dump, 'Test officeholder')).toBe(true);
    expect(containsCanary(dump, ids.supportReference)).toBe(true);
    const found = Object.entries(CANARY).filter(([, canary]) => containsCanary(dump, canary));
    expect(found).toEqual([]);
  });

  it('still shows everything to the people allowed to see it', async () => {
    const detail = (await call(t, requester, 'GET', `/api/cases/${ids.support}`)).json();
    expect(detail.typeDetail.intake.body).toContain(CANARY.intake);
    expect(detail.typeDetail.intake.contact.phone).toBe(CANARY.phone);
    expect(detail.typeDetail.advice[0].explanation).toBe(CANARY.advice);
    expect(detail.feedback.body).toBe(CANARY.feedback);
    const sipa = (await call(t, requester, 'GET', `/api/cases/${ids.sipa}`)).json();
    expect(sipa.typeDetail.intake.personConcerned.name).toBe(CANARY.sipaPerson);
    expect(sipa.typeDetail.intake.signal.what).toBe(CANARY.sipaSignal);
    expect(sipa.typeDetail.intake.phone).toBe(CANARY.sipaPhone);
    expect(sipa.typeDetail.phoneIntake.message).toBe(CANARY.sipaIntakeMessage);
    const concern = (await call(t, coordinator, 'GET', `/api/cases/${ids.concern}`)).json();
    expect(concern.typeDetail.intake.personConcerned.name).toBe(CANARY.colleague);
  });

  it('binds each ciphertext to its place: moved to another row it does not decrypt', async () => {
    const [first] = await t.app.db.select().from(caseMessages).where(eq(caseMessages.caseId, ids.support));
    const keyring = t.keyring;
    expect(() => keyring.decryptString(first?.bodyEnvelope ?? '', '["case","message","another-id"]')).toThrow();
    const [file] = await t.app.db.select().from(caseAttachments).where(eq(caseAttachments.caseId, ids.support));
    expect(file?.contentEnvelope.subarray(0, 2).toString('latin1')).toBe('WB');
  });

  it('leaves no content and no ciphertext after early deletion and after the retention period', async () => {
    // Every envelope there is now, to prove afterwards that even the ciphertext is gone.
    const envelopes = rowsOf<{ value: string }>(
      await t.app.db.execute(sql`
        SELECT intake_envelope AS value FROM cases WHERE intake_envelope IS NOT NULL
        UNION ALL SELECT person_concerned_envelope FROM cases WHERE person_concerned_envelope IS NOT NULL
        UNION ALL SELECT advice_envelope FROM support_cases WHERE advice_envelope IS NOT NULL
        UNION ALL SELECT advice_envelope FROM sipa_cases WHERE advice_envelope IS NOT NULL
        UNION ALL SELECT intake_message_envelope FROM sipa_cases WHERE intake_message_envelope IS NOT NULL
        UNION ALL SELECT feedback_envelope FROM cases WHERE feedback_envelope IS NOT NULL
        UNION ALL SELECT body_envelope FROM case_messages
        UNION ALL SELECT body_envelope FROM case_notes
        UNION ALL SELECT name_envelope FROM case_attachments
        UNION ALL SELECT encode(content_envelope, 'hex') FROM case_attachments`),
    ).map((row) => row.value);
    expect(envelopes.length).toBeGreaterThanOrEqual(10);

    // The requester deletes their support case now (a recent sign-in and the reference typed back).
    await expectStatus(
      await call(t, requester, 'POST', `/api/cases/${ids.support}/erase`, { reference: 'ABCD-EFGH' }),
      400,
    );
    await expectStatus(
      await call(t, requester, 'POST', `/api/cases/${ids.support}/erase`, {
        reference: ids.supportReference.toLowerCase(),
      }),
      200,
    );
    // The other two go when the retention period has passed (SIPA: two years).
    clock = new Date('2028-12-31T09:00:00Z');
    const { runRetention } = await import('../../src/server/modules/cases/retention.ts');
    expect(await runRetention(t.app.cases)).toBe(2);

    const dump = await dumpAllRows(t);
    expect(Object.entries(CANARY).filter(([, canary]) => containsCanary(dump, canary))).toEqual([]);
    const lowerDump = dump.toLowerCase();
    expect(envelopes.filter((envelope) => lowerDump.includes(envelope.toLowerCase()))).toEqual([]);

    // What is left: tombstones with type, dates, office type, region and outcome; no child rows at all.
    const tombstones = await t.app.db.select().from(cases);
    for (const row of tombstones) {
      expect(row).toMatchObject({
        reference: null,
        requesterId: null,
        urgency: null,
        intakeEnvelope: null,
        personConcernedEnvelope: null,
        feedbackEnvelope: null,
        feedbackRating: null,
      });
      expect(row.erasedAt).not.toBeNull();
      expect(row.outcome).not.toBeNull();
      expect(row.closedAt).not.toBeNull();
    }
    expect(tombstones.map((row) => [row.type, row.officeType, row.region, row.outcome]).sort()).toEqual(
      [
        // A burgemeester's municipality points to one person: the tombstone keeps the province.
        ['sipa', 'burgemeester', 'Fryslân', 'advice_given'],
        ['support', 'burgemeester', 'Fryslân', 'advice_given'],
        ['support', null, null, 'no_contact'],
      ].sort(),
    );
    for (const table of [
      'case_messages',
      'case_notes',
      'case_attachments',
      'case_grants',
      'case_assignments',
      'case_events',
      'case_read_markers',
      'notifications',
      // The types' own data (routing, advice, the zelfscan reference) goes with the content.
      'support_cases',
      'sipa_cases',
    ]) {
      const [row] = rowsOf<{ n: number }>(await t.app.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)));
      expect(row?.n, table).toBe(0);
    }
    // Nobody can open them any more, the requester's list is empty, and the deletion is in the audit trail.
    await expectStatus(await call(t, requester, 'GET', `/api/cases/${ids.support}`), 404);
    expect((await call(t, requester, 'GET', '/api/me/cases')).json().cases).toEqual([]);
    const log = rowsOf<{ action: string }>(
      await t.app.db.execute(sql`SELECT action FROM audit_log WHERE action = 'case.erased'`),
    );
    expect(log).toHaveLength(3);
  });
});
