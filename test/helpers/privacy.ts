import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { passkeys } from '../../src/server/modules/auth/db.ts';
import { handovers } from '../../src/server/modules/handover/db.ts';
import { mailOutbox } from '../../src/server/modules/mail/db.ts';
import { notifications } from '../../src/server/modules/notifications/db.ts';
import { SHIPPED_QUESTIONNAIRE as Q } from '../../src/shared/zelfscan/shipped.ts';
import { createActor, type TestActor } from './actors.ts';
import { call, submitSupport } from './cases.ts';
import { recordIncident, uploadEvidence } from './incidents.ts';
import type { TestApp } from './test-app.ts';
import { createOffering, createSession, enrolIn } from './training.ts';
import { uniformAnswers } from './zelfscan-answers.ts';

/**
 * One office holder with something of theirs in every category the export covers, each holding a
 * canary (a unique text or id), made through the real routes where there is one and written directly
 * where the data comes from elsewhere (a handover an admin registered, a mail the outbox sent).
 */
export interface PlantedPerson {
  person: TestActor;
  confidant: TestActor;
  caseId: string;
  incidentId: string;
  evidenceBytes: Buffer;
  evidenceId: string;
  evidenceSha256: string;
  zelfscanResultId: string;
  trainingSessionId: string;
  relativeEmail: string;
  /** Category → a canary that must be in the export's JSON for that section. */
  canaries: Record<string, string>;
  /** Written by staff about the person's case; never in their export. */
  staffNote: string;
}

export async function plantPerson(t: TestApp, tag = randomUUID().slice(0, 8)): Promise<PlantedPerson> {
  const person = await createActor(t, ['officeholder'], {
    office: 'burgemeester',
    region: 'Heerde',
    displayName: `Canary-naam-${tag}`,
  });
  const confidant = await createActor(t, ['confidant'], {
    association: 'ngb',
    displayName: `Vertrouwenspersoon ${tag}`,
  });
  const coordinator = await createActor(t, ['training_coordinator']);
  const canaries: Record<string, string> = { account: `Canary-naam-${tag}` };

  const relativeEmail = `canary-naaste-${tag}@example.org`;
  const relative = await call(t, person, 'POST', '/api/me/relatives', {
    email: relativeEmail,
    relationship: 'partner',
  });
  expect(relative.statusCode, relative.body).toBe(201);
  canaries.relatives = relativeEmail;

  canaries.cases = `Canary-hulpvraag-${tag}`;
  const { caseId } = await submitSupport(t, person, { body: canaries.cases });
  const message = `Canary-bericht-${tag}`;
  expect((await call(t, person, 'POST', `/api/cases/${caseId}/messages`, { body: message })).statusCode).toBe(201);
  expect((await call(t, confidant, 'POST', `/api/cases/${caseId}/take`, {})).statusCode).toBe(200);
  const staffNote = `Canary-notitie-${tag}`;
  expect((await call(t, confidant, 'POST', `/api/cases/${caseId}/notes`, { body: staffNote })).statusCode).toBe(201);
  expect((await call(t, confidant, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
  canaries.access_log = caseId;

  canaries.incidents = `Canary-incident-${tag}`;
  const incidentId = await recordIncident(t, person, {
    occurredOn: '2026-11-30',
    whatHappened: canaries.incidents,
    channel: 'mail',
  });
  const evidenceBytes = Buffer.from(
    `From: boos@example.net\r\nTo: b@example.org\r\nSubject: x\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\n\r\nCanary-bewijs-${tag}\r\n`,
  );
  const uploaded = await uploadEvidence(t, person, incidentId, { fileName: `mail-${tag}.eml`, bytes: evidenceBytes });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const evidence = uploaded.json().evidence as { id: string; sha256: string };
  // The aangifte aid (the police reference) and the protection step (a review date only this person chose).
  canaries.aangifte = `CANARY-PV-${tag}`;
  const reported = await call(t, person, 'POST', `/api/me/incidents/${incidentId}/aangifte/police-reports`, {
    kind: 'aangifte',
    reportedOn: '2026-12-01',
    policeReference: canaries.aangifte,
    variant: 'onder_nummer',
    vptRequested: true,
    wantsUpdates: true,
    claimsDamages: false,
  });
  expect(reported.statusCode, reported.body).toBe(201);
  const seed = createHash('sha256').update(tag).digest();
  canaries.protection = `${2100 + (seed.readUInt16BE(0) % 800)}-${String(((seed[2] ?? 0) % 12) + 1).padStart(2, '0')}-${String(((seed[3] ?? 0) % 28) + 1).padStart(2, '0')}`;
  const informed = await call(t, person, 'PUT', `/api/me/incidents/${incidentId}/protection`, {
    informed: true,
    reviewOn: canaries.protection,
  });
  expect(informed.statusCode, informed.body).toBe(200);

  const saved = await call(t, person, 'POST', '/api/me/zelfscan/results', {
    questionnaireVersion: Q.version,
    answers: uniformAnswers(Q, 'first').answers,
  });
  expect(saved.statusCode, saved.body).toBe(201);
  canaries.zelfscan_results = saved.json().result.id as string;

  const offering = await createOffering(t, coordinator, { titleNl: `Canary-training-${tag}` });
  const session = await createSession(t, coordinator, offering.id, new Date());
  await enrolIn(t, person, session.id);
  canaries.training_enrolments = `Canary-training-${tag}`;

  canaries.sessions = person.sessionId;

  canaries.notifications = randomUUID();
  await t.app.db.insert(notifications).values({
    personId: person.personId,
    kind: 'case_update',
    subjectType: 'case',
    subjectId: canaries.notifications,
  });
  canaries.mail = `Canary-mail-${tag}`;
  await t.app.db
    .insert(mailOutbox)
    .values({ recipient: person.email, subject: canaries.mail, kind: 'notice', sentAt: new Date() });
  canaries.handover = `Canary-overdracht-${tag}`;
  await t.app.db.insert(handovers).values({
    personId: person.personId,
    registeredName: canaries.handover,
    office: 'burgemeester',
    regionKind: 'gemeente',
    region: 'Heerde',
    installationDate: '2026-09-01',
    source: 'form',
  });
  canaries.sign_in_methods = `Canary-sleutel-${tag}`;
  await t.app.db
    .insert(passkeys)
    .values({ id: `cred-${tag}`, personId: person.personId, publicKey: 'pk', name: canaries.sign_in_methods });

  return {
    person,
    confidant,
    caseId,
    incidentId,
    evidenceBytes,
    evidenceId: evidence.id,
    evidenceSha256: evidence.sha256,
    zelfscanResultId: canaries.zelfscan_results,
    trainingSessionId: session.id,
    relativeEmail,
    canaries,
    staffNote,
  };
}
