import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/index.ts';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import { auditLog } from '../../src/server/modules/audit/db.ts';
import { trainingEnrolments, trainingSessions } from '../../src/server/modules/training/db.ts';
import { promoteWaiting, sweepWaitlists } from '../../src/server/modules/training/waitlist.ts';
import type { MyEnrolment } from '../../src/shared/training.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import {
  buildTrainingApp,
  createOffering,
  createSession,
  DAY_MS,
  enrolIn,
  send,
  sessionBody,
} from '../helpers/training.ts';

/** Parses an iCalendar text with a real parser (ical.js) and returns what a calendar would keep. */
function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    method: calendar.getFirstPropertyValue('method'),
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        sequence: event.sequence,
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        zone: event.startDate.zone?.tzid,
        status: component.getFirstPropertyValue('status'),
        summary: event.summary,
        location: event.location,
      };
    }),
  };
}

describe('training: offerings, sessions, enrolment, waiting list, calendar, attendance', () => {
  let testDatabase: TestDatabase;
  let t: TestApp;
  let clock = new Date('2027-01-11T10:00:00+01:00');
  let coordinator: TestActor;
  let burgemeester: TestActor;
  let wethouder: TestActor;
  let wethouder2: TestActor;
  let raadslid: TestActor;
  let admin: TestActor;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    t = await buildTrainingApp(testDatabase.database, Keyring.generate(), { now: () => clock });
    coordinator = await createActor(t, ['training_coordinator'], { displayName: 'Coördinator T' });
    burgemeester = await createActor(t, ['officeholder'], {
      office: 'burgemeester',
      region: 'Heerde',
      displayName: 'Burgemeester B',
    });
    wethouder = await createActor(t, ['officeholder'], {
      office: 'wethouder',
      region: 'Zwolle',
      displayName: 'Wethouder W',
    });
    wethouder2 = await createActor(t, ['officeholder'], {
      office: 'wethouder',
      region: 'Kampen',
      displayName: '=HYPERLINK("http://evil.example")',
    });
    raadslid = await createActor(t, ['officeholder'], { office: 'raadslid', region: 'Ede', displayName: 'Raadslid R' });
    admin = await createActor(t, ['admin']);
  });
  afterAll(async () => {
    await t.close();
    await testDatabase.destroy();
  });

  it('runs the journey: two seats, the third waits, a cancellation promotes them with a notice and an invitation', async () => {
    const offeringId = (await createOffering(t, coordinator)).id;
    const session = await createSession(t, coordinator, offeringId, clock, { capacity: 2 });
    expect(session).toMatchObject({ status: 'open', seatsLeft: 2, counts: { confirmed: 0, waiting: 0 } });
    expect(session.parts[0]).toMatchObject({ start: '09:00', end: '17:00' });
    // 09:00 Dutch winter time is 08:00 UTC.
    expect(session.parts[0]?.startsAt.endsWith('T08:00:00.000Z')).toBe(true);

    const first = await enrolIn(t, burgemeester, session.id);
    const second = await enrolIn(t, wethouder, session.id);
    const third = await enrolIn(t, wethouder2, session.id);
    expect([first.status, second.status, third.status]).toEqual(['confirmed', 'confirmed', 'waiting']);
    expect(third.waitlistPosition).toBe(1);
    expect(second.session.status).toBe('full');

    // The waiting person has no calendar file yet; the seat holder's parses, in UTC, one event per day part.
    expect((await send(t, wethouder2, 'GET', `/api/me/training/enrolments/${third.id}/calendar.ics`)).statusCode).toBe(
      409,
    );
    const ics = await send(t, wethouder, 'GET', `/api/me/training/enrolments/${second.id}/calendar.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.headers['content-disposition']).toContain('attachment');
    const parsed = parseIcs(ics.body);
    expect(parsed.method).toBe('REQUEST');
    expect(parsed.events).toHaveLength(2);
    expect(parsed.events[0]).toMatchObject({ start: session.parts[0]?.startsAt, zone: 'UTC', sequence: 0 });
    expect(parsed.events[0]?.uid).toContain(second.id);
    expect(ics.body).not.toMatch(/Wethouder W|Burgemeester B|Heerde|Zwolle/);

    // The first seat holder cancels: the job gives the seat to the one waiting.
    const mailBefore = t.sentMail.length;
    const cancelled = await send(t, burgemeester, 'POST', `/api/me/training/enrolments/${first.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().enrolment.status).toBe('cancelled');
    expect(await promoteWaiting(t.app.training, session.id)).toBe(1);
    expect(await promoteWaiting(t.app.training, session.id)).toBe(0); // idempotent
    const mine = (await send(t, wethouder2, 'GET', '/api/me/training/enrolments')).json().enrolments as MyEnrolment[];
    expect(mine[0]).toMatchObject({ id: third.id, status: 'confirmed', waitlistPosition: null, hasCalendar: true });

    const notes = (await send(t, wethouder2, 'GET', '/api/me/notifications')).json();
    expect(notes.notifications[0]).toMatchObject({
      kind: 'training_promoted',
      subject: { type: 'training_enrolment', id: third.id, subtype: 'training', view: 'participant' },
    });
    const mail = t.sentMail.slice(mailBefore).find((m) => m.to === wethouder2.email);
    expect(mail?.text).not.toMatch(/training|Utrecht|Opleidingscentrum/i);
    const attachment = mail?.attachments?.[0];
    expect(attachment?.contentType).toContain('method=REQUEST');
    expect(parseIcs(attachment?.content ?? '').events[0]).toMatchObject({ sequence: 1, status: 'CONFIRMED' });

    // The cancelled seat's file is now a cancellation with a higher SEQUENCE.
    const gone = parseIcs(
      (await send(t, burgemeester, 'GET', `/api/me/training/enrolments/${first.id}/calendar.ics`)).body,
    );
    expect(gone.method).toBe('CANCEL');
    expect(gone.events[0]).toMatchObject({ sequence: 1, status: 'CANCELLED' });

    // The system's promotion is in the promoted person's access log.
    const log = (await send(t, wethouder2, 'GET', '/api/me/access-log')).json();
    expect(log.entries.map((e: { action: string }) => e.action)).toContain('training.promoted');
  });

  it('moves every calendar along when the coordinator changes the times, and cancels them with the session', async () => {
    const offeringId = (await createOffering(t, coordinator)).id;
    const session = await createSession(t, coordinator, offeringId, clock, { capacity: 1, days: 40 });
    const seat = await enrolIn(t, burgemeester, session.id);
    const wait = await enrolIn(t, wethouder, session.id);
    expect(wait.status).toBe('waiting');
    const body = sessionBody(offeringId, clock, { capacity: 1, days: 40 });
    const { offeringId: _o, ...update } = body;
    const later = { ...update, parts: update.parts.map((part) => ({ ...part, start: '10:00' })) };
    const mailBefore = t.sentMail.length;
    const changed = await send(t, coordinator, 'PUT', `/api/training/coordination/sessions/${session.id}`, later);
    expect(changed.statusCode).toBe(200);
    expect(changed.json().session.parts[0].start).toBe('10:00');
    const ics = parseIcs(
      (await send(t, burgemeester, 'GET', `/api/me/training/enrolments/${seat.id}/calendar.ics`)).body,
    );
    expect(ics.events[0]).toMatchObject({ sequence: 1, start: changed.json().session.parts[0].startsAt });
    expect(ics.events[0]?.uid).toBe(`${seat.id}-1@localhost`);
    const mailed = t.sentMail.slice(mailBefore);
    expect(mailed.find((m) => m.to === burgemeester.email)?.attachments?.[0]?.contentType).toContain('method=REQUEST');
    // The waiting one hears about it, without a calendar file.
    expect(mailed.find((m) => m.to === wethouder.email)?.attachments).toBeUndefined();

    const cancel = await send(t, coordinator, 'POST', `/api/training/coordination/sessions/${session.id}/cancel`);
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().session.status).toBe('cancelled');
    const ended = parseIcs(
      (await send(t, burgemeester, 'GET', `/api/me/training/enrolments/${seat.id}/calendar.ics`)).body,
    );
    expect(ended.method).toBe('CANCEL');
    expect(ended.events[0]?.sequence).toBe(2);
    const kinds = (await send(t, wethouder, 'GET', '/api/me/notifications'))
      .json()
      .notifications.map((n: { kind: string }) => n.kind);
    expect(kinds).toContain('training_cancelled');
    // Both can enrol again for the training elsewhere: their enrolments ended.
    const again = await createSession(t, coordinator, offeringId, clock, { days: 50 });
    expect((await enrolIn(t, wethouder, again.id)).status).toBe('confirmed');
  });

  it('refuses bad input with a field message and stores nothing', async () => {
    const offeringId = (await createOffering(t, coordinator)).id;
    const countSessions = async () =>
      (await t.app.db.select({ id: trainingSessions.id }).from(trainingSessions)).length;
    const before = await countSessions();
    const past = sessionBody(offeringId, clock, { days: -3 });
    const pastAnswer = await send(t, coordinator, 'POST', '/api/training/coordination/sessions', past);
    expect(pastAnswer.statusCode).toBe(400);
    expect(pastAnswer.json().errors.map((e: { code: string }) => e.code)).toContain('in_past');
    const backwards = sessionBody(offeringId, clock);
    backwards.parts = backwards.parts.map((part, index) =>
      index === 0 ? { ...part, start: '17:00', end: '09:00' } : part,
    );
    const backwardsAnswer = await send(t, coordinator, 'POST', '/api/training/coordination/sessions', backwards);
    expect(backwardsAnswer.statusCode).toBe(400);
    expect(backwardsAnswer.json().errors).toContainEqual(
      expect.objectContaining({ field: 'body/parts/0/end', code: 'end_before_start' }),
    );
    const skipped = sessionBody(offeringId, clock);
    skipped.enrolmentDeadline = { date: '2027-03-28', time: '02:30' }; // the clocks skip this hour
    expect(
      (await send(t, coordinator, 'POST', '/api/training/coordination/sessions', skipped)).json().errors[0],
    ).toMatchObject({
      field: 'body/enrolmentDeadline/time',
      code: 'no_such_time',
    });
    const lateDeadline = sessionBody(offeringId, clock);
    lateDeadline.enrolmentDeadline = { date: lateDeadline.parts[1]?.date ?? '', time: '08:00' };
    expect(
      (await send(t, coordinator, 'POST', '/api/training/coordination/sessions', lateDeadline)).json().errors[0].code,
    ).toBe('deadline_after_start');
    const hostile = { ...sessionBody(offeringId, clock), venue: '=cmd|"/c calc"!A1' };
    expect((await send(t, coordinator, 'POST', '/api/training/coordination/sessions', hostile)).statusCode).toBe(400);
    const extra = { ...sessionBody(offeringId, clock), capacity: 5, extra: true };
    expect((await send(t, coordinator, 'POST', '/api/training/coordination/sessions', extra)).statusCode).toBe(400);
    const unknownOffering = sessionBody(randomUUID(), clock);
    expect(
      (await send(t, coordinator, 'POST', '/api/training/coordination/sessions', unknownOffering)).json().code,
    ).toBe('unknown_offering');
    expect(await countSessions()).toBe(before);

    // Capacity below the seats taken, another number of day parts: refused, the session unchanged.
    const session = await createSession(t, coordinator, offeringId, clock, { capacity: 3, days: 60 });
    await enrolIn(t, burgemeester, session.id);
    const two = await createActor(t, ['officeholder'], { office: 'burgemeester' });
    await enrolIn(t, two, session.id);
    const { offeringId: _o, ...update } = sessionBody(offeringId, clock, { capacity: 1, days: 60 });
    const tooSmall = await send(t, coordinator, 'PUT', `/api/training/coordination/sessions/${session.id}`, update);
    expect(tooSmall.statusCode).toBe(400);
    expect(tooSmall.json().errors[0]).toMatchObject({ field: 'body/capacity', code: 'capacity_below_enrolled' });
    const oneDay = { ...update, capacity: 3, parts: update.parts.slice(0, 1) };
    const fewerParts = await send(t, coordinator, 'PUT', `/api/training/coordination/sessions/${session.id}`, oneDay);
    expect(fewerParts.json().errors[0]).toMatchObject({ field: 'body/parts', code: 'parts_count_fixed' });
    const [row] = await t.app.db.select().from(trainingSessions).where(eq(trainingSessions.id, session.id));
    expect(row).toMatchObject({ capacity: 3, confirmedCount: 2 });

    // Enrolling twice, the wrong office, after the deadline.
    const twice = await send(t, two, 'POST', `/api/training/sessions/${session.id}/enrolments`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'already_enrolled', errors: [{ field: 'params/sessionId' }] });
    const wrongOffice = await send(t, raadslid, 'POST', `/api/training/sessions/${session.id}/enrolments`);
    expect(wrongOffice.statusCode).toBe(403);
    expect(wrongOffice.json()).toMatchObject({ code: 'office_not_eligible', errors: [{ field: 'office' }] });
    const saved = clock;
    clock = new Date(saved.getTime() + 59 * DAY_MS);
    const late = await createActor(t, ['officeholder'], { office: 'wethouder' });
    const closed = await send(t, late, 'POST', `/api/training/sessions/${session.id}/enrolments`);
    expect(closed.json().code).toBe('enrolment_closed');
    const mine = (await send(t, two, 'GET', '/api/me/training/enrolments')).json().enrolments[0];
    const tooLate = await send(t, two, 'POST', `/api/me/training/enrolments/${mine.id}/cancel`);
    expect(tooLate.json().code).toBe('cancellation_closed');
    clock = saved;
    const enrolments = await t.app.db
      .select()
      .from(trainingEnrolments)
      .where(eq(trainingEnrolments.sessionId, session.id));
    expect(enrolments.map((e) => e.status).sort()).toEqual(['confirmed', 'confirmed']);
  });

  it('shows an enrolment to its person only, and the programme to coordinators only', async () => {
    const offeringId = (await createOffering(t, coordinator)).id;
    const session = await createSession(t, coordinator, offeringId, clock, { days: 70 });
    const enrolment = await enrolIn(t, wethouder2, session.id);
    for (const path of ['cancel', 'calendar.ics', 'certificate.pdf']) {
      const method = path === 'cancel' ? 'POST' : 'GET';
      const other = await send(t, wethouder, method, `/api/me/training/enrolments/${enrolment.id}/${path}`);
      expect(other.statusCode, path).toBe(404);
      const missing = await send(t, wethouder, method, `/api/me/training/enrolments/${randomUUID()}/${path}`);
      expect(missing.statusCode).toBe(404);
      expect(other.json().detail).toBe(missing.json().detail);
      expect(
        (await send(t, coordinator, method, `/api/me/training/enrolments/${enrolment.id}/${path}`)).statusCode,
      ).toBe(404);
    }
    const theirs = (await send(t, wethouder, 'GET', '/api/me/training/enrolments')).json().enrolments;
    expect(theirs.map((e: { id: string }) => e.id)).not.toContain(enrolment.id);

    // An admin manages nothing here; an admin who is also coordinator does.
    expect((await send(t, admin, 'GET', '/api/training/coordination/sessions')).statusCode).toBe(403);
    expect(
      (await send(t, admin, 'GET', `/api/training/coordination/sessions/${session.id}/participants`)).statusCode,
    ).toBe(403);
    const both = await createActor(t, ['admin', 'training_coordinator']);
    expect((await send(t, both, 'GET', `/api/training/coordination/sessions/${session.id}`)).statusCode).toBe(200);
    // A coordinator reads no case and enrols in nothing.
    expect((await send(t, coordinator, 'GET', '/api/cases/queue')).statusCode).toBe(403);
    expect((await send(t, coordinator, 'POST', `/api/training/sessions/${session.id}/enrolments`)).statusCode).toBe(
      403,
    );
    // Unknown ids look like missing ones; malformed ones are 400.
    expect((await send(t, coordinator, 'GET', `/api/training/coordination/sessions/${randomUUID()}`)).statusCode).toBe(
      404,
    );
    expect((await send(t, coordinator, 'GET', '/api/training/coordination/sessions/nope')).statusCode).toBe(400);
    expect((await send(t, null, 'GET', `/api/training/coordination/sessions/${session.id}`)).statusCode).toBe(401);
  });

  it('audits every look at the participant list per person, exports a safe CSV, records attendance after the session', async () => {
    const offeringId = (await createOffering(t, coordinator)).id;
    const session = await createSession(t, coordinator, offeringId, clock, { days: 80 });
    const first = await enrolIn(t, wethouder2, session.id);
    const second = await enrolIn(t, wethouder, session.id);
    const before = (await t.app.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]?.n ?? 0;
    const list = await send(t, coordinator, 'GET', `/api/training/coordination/sessions/${session.id}/participants`);
    expect(list.statusCode).toBe(200);
    expect(list.json().confirmed).toHaveLength(2);
    expect(Object.keys(list.json().confirmed[0]).sort()).toEqual(
      ['attended', 'enrolmentId', 'name', 'office', 'region', 'status', 'waitlistPosition'].sort(),
    );
    const csv = await send(t, coordinator, 'GET', `/api/training/coordination/sessions/${session.id}/participants.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`'=HYPERLINK(""http://evil.example"")`);
    expect(csv.body).not.toMatch(/@example\.org/);
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('naam;ambt;gemeente');
    expect(lines).toHaveLength(3);
    const after = (await t.app.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]?.n ?? 0;
    expect(after - before).toBe(4);
    const log = (await send(t, wethouder, 'GET', '/api/me/access-log')).json();
    expect(log.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['training.participants_viewed', 'training.participants_exported']),
    );

    const attendance = {
      attendance: [
        { enrolmentId: first.id, attended: true },
        { enrolmentId: second.id, attended: false },
      ],
    };
    const early = await send(
      t,
      coordinator,
      'PUT',
      `/api/training/coordination/sessions/${session.id}/attendance`,
      attendance,
    );
    expect(early.json().code).toBe('session_not_ended');
    const saved = clock;
    clock = new Date(saved.getTime() + 82 * DAY_MS);
    try {
      const stranger = { attendance: [{ enrolmentId: randomUUID(), attended: true }] };
      const refused = await send(
        t,
        coordinator,
        'PUT',
        `/api/training/coordination/sessions/${session.id}/attendance`,
        stranger,
      );
      expect(refused.json()).toMatchObject({
        code: 'not_a_participant',
        errors: [{ field: 'body/attendance/0/enrolmentId' }],
      });
      const marked = await send(
        t,
        coordinator,
        'PUT',
        `/api/training/coordination/sessions/${session.id}/attendance`,
        attendance,
      );
      expect(marked.statusCode).toBe(200);
      const pdf = await send(t, wethouder2, 'GET', `/api/me/training/enrolments/${first.id}/certificate.pdf?lang=en`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const absent = await send(t, wethouder, 'GET', `/api/me/training/enrolments/${second.id}/certificate.pdf`);
      expect(absent.json().code).toBe('not_attended');
      const counts = (await send(t, coordinator, 'GET', `/api/training/coordination/sessions/${session.id}`)).json();
      expect(counts.session).toMatchObject({ ended: true, counts: { confirmed: 2, attended: 1 } });
      const log2 = (await send(t, wethouder, 'GET', '/api/me/access-log')).json();
      expect(log2.entries.map((e: { action: string }) => e.action)).toContain('training.attendance_recorded');
    } finally {
      clock = saved;
    }
  });

  it('catches up with the sweep when a promotion job was lost', async () => {
    const offeringId = (await createOffering(t, coordinator)).id;
    const session = await createSession(t, coordinator, offeringId, clock, { capacity: 1, days: 90 });
    const seat = await enrolIn(t, burgemeester, session.id);
    const waiting = await enrolIn(t, wethouder, session.id);
    // The runner is not started in this test app, so the job the cancellation sends goes nowhere.
    await send(t, burgemeester, 'POST', `/api/me/training/enrolments/${seat.id}/cancel`);
    const [before] = await t.app.db.select().from(trainingEnrolments).where(eq(trainingEnrolments.id, waiting.id));
    expect(before?.status).toBe('waiting');
    expect(await sweepWaitlists(t.app.training)).toBeGreaterThanOrEqual(1);
    const [after] = await t.app.db.select().from(trainingEnrolments).where(eq(trainingEnrolments.id, waiting.id));
    expect(after?.status).toBe('confirmed');
    const counters = rowsOf<{ confirmed_count: number }>(
      await t.app.db.execute(sql`SELECT confirmed_count FROM training_sessions WHERE id = ${session.id}`),
    );
    expect(counters[0]?.confirmed_count).toBe(1);
  });
});
