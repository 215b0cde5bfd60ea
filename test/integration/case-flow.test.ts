import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/server/modules/cases/db.ts';
import { createActor } from '../helpers/actors.ts';
import {
  call,
  expectStatus,
  type SupportWorld,
  sipaDetails,
  sipaRequest,
  submitSipa,
  submitSupport,
  supportWorld,
} from '../helpers/cases.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** The whole life of a support request and of a SIPA request, through the API, as the people involved see it. */
describe('a support request from submission to closing', () => {
  let t: TestApp;
  let w: SupportWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await supportWorld(t);
  });
  afterAll(() => t.close());

  it('routes, answers, advises, closes, takes feedback and reopens', async () => {
    const submitted = await call(t, w.requester, 'POST', '/api/support/requests', {
      concernFor: 'self',
      situation: ['threat', 'online_harassment'],
      since: 'this_week',
      acuteDanger: true,
      affected: ['me', 'children'],
      contact: { channel: 'phone', phone: '06 12345678', when: 'any_time' },
      body: 'Er staat iemand voor mijn huis.',
    });
    await expectStatus(submitted, 201, 'submit');
    const created = submitted.json();
    expect(created).toMatchObject({ urgency: 'urgent', call112First: true, association: 'ngb' });
    expect(created.reference).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const caseId: string = created.caseId;

    // The requester's own view: status in plain words (a key), what happens next, nobody helping yet.
    const mine = (await call(t, w.requester, 'GET', '/api/me/cases')).json();
    expect(mine.cases).toHaveLength(1);
    expect(mine.cases[0]).toMatchObject({ id: caseId, status: 'submitted', nextStep: 'wait_for_contact', helpers: [] });

    // The NGB confidant sees it as unassigned (no content in the queue); the NVvR confidant does not.
    const queue = (await call(t, w.confidant, 'GET', '/api/cases/queue?type=support&view=unassigned')).json();
    expect(queue.items.map((item: { id: string }) => item.id)).toEqual([caseId]);
    expect(JSON.stringify(queue)).not.toContain('voor mijn huis');
    expect(queue.items[0]).toMatchObject({
      urgency: 'urgent',
      officeType: 'burgemeester',
      typeSummary: { association: 'ngb', concernForColleague: false },
    });
    const otherQueue = (await call(t, w.otherAssociationConfidant, 'GET', '/api/cases/queue?type=support')).json();
    expect(otherQueue.items).toEqual([]);
    // The coordinator sees it too; staff were notified (in the app and by a content-free mail).
    const coordinatorQueue = (await call(t, w.coordinator, 'GET', '/api/cases/queue?type=support')).json();
    expect(coordinatorQueue.counts.unassigned).toBe(1);
    const notices = (await call(t, w.confidant, 'GET', '/api/me/notifications')).json();
    expect(notices.notifications[0]).toMatchObject({
      kind: 'case_new_in_queue',
      subject: { type: 'case', id: caseId },
    });
    for (const mail of t.sentMail) {
      expect(mail.text).not.toContain('voor mijn huis');
      expect(mail.text).not.toContain(created.reference);
    }

    // Before taking it, the confidant cannot open it.
    await expectStatus(await call(t, w.confidant, 'GET', `/api/cases/${caseId}`), 404, 'before take');
    await expectStatus(await call(t, w.confidant, 'POST', `/api/cases/${caseId}/take`, {}), 200, 'take');
    // A second confidant of the same association can no longer take it.
    await expectStatus(await call(t, w.sameAssociationConfidant, 'POST', `/api/cases/${caseId}/take`, {}), 409);

    const detail = (await call(t, w.confidant, 'GET', `/api/cases/${caseId}`)).json();
    expect(detail).toMatchObject({ status: 'assigned', viewer: { relations: ['assigned'] } });
    expect(detail).toMatchObject({ type: 'support', typeDetail: { association: 'ngb', concernForColleague: false } });
    expect(detail.typeDetail.intake).toMatchObject({ type: 'support', body: 'Er staat iemand voor mijn huis.' });
    expect(detail.typeDetail.intake.contact.phone).toBe('06 12345678');
    expect(detail.sla).toMatchObject({ late: false, paused: false, firstResponseAt: null });
    expect(detail.viewer.actions).toEqual(expect.arrayContaining(['post_message', 'post_note', 'change_status']));

    // An internal note does not count as a response; a message does.
    await expectStatus(
      await call(t, w.confidant, 'POST', `/api/cases/${caseId}/notes`, { body: 'Intern: bellen.' }),
      201,
    );
    let sla = (await call(t, w.confidant, 'GET', `/api/cases/${caseId}`)).json().sla;
    expect(sla.firstResponseAt).toBeNull();
    await expectStatus(
      await call(t, w.confidant, 'POST', `/api/cases/${caseId}/messages`, { body: 'Ik bel u zo.' }),
      201,
    );
    sla = (await call(t, w.confidant, 'GET', `/api/cases/${caseId}`)).json().sla;
    expect(sla.firstResponseAt).not.toBeNull();

    // The requester sees the message, not the note, and who is helping.
    const requesterView = (await call(t, w.requester, 'GET', `/api/cases/${caseId}`)).json();
    expect(requesterView.helpers).toEqual([
      { personId: w.confidant.personId, displayName: 'Vertrouwenspersoon V', role: 'assigned' },
    ]);
    expect(requesterView.unread).toBe(1);
    expect(requesterView.sla).toBeNull();
    const messages = (await call(t, w.requester, 'GET', `/api/cases/${caseId}/messages`)).json().messages;
    expect(messages.map((m: { body: string }) => m.body)).toEqual(['Ik bel u zo.']);
    await expectStatus(await call(t, w.requester, 'GET', `/api/cases/${caseId}/notes`), 403, 'notes for requester');
    expect((await call(t, w.requester, 'GET', `/api/cases/${caseId}`)).json().unread).toBe(0);

    // Waiting for the requester; the requester answers and the case goes on.
    await expectStatus(
      await call(t, w.confidant, 'POST', `/api/cases/${caseId}/status`, { to: 'in_progress' }),
      200,
      'in progress',
    );
    await expectStatus(
      await call(t, w.confidant, 'POST', `/api/cases/${caseId}/status`, { to: 'waiting_for_requester' }),
      200,
    );
    expect((await call(t, w.requester, 'GET', '/api/me/cases')).json().cases[0].nextStep).toBe('your_answer_needed');
    await expectStatus(await call(t, w.requester, 'POST', `/api/cases/${caseId}/messages`, { body: 'Bel maar.' }), 201);
    expect((await call(t, w.requester, 'GET', `/api/cases/${caseId}`)).json().status).toBe('in_progress');

    // Structured advice with links where the requester can act.
    const advice = [
      {
        kind: 'aangifte',
        explanation: 'Doe aangifte, eventueel onder nummer.',
        linkKey: 'package.aangifte-melden-schade',
      },
      { kind: 'peer_talk', explanation: 'Praat met een collega die dit kent.', linkKey: 'case.messages' },
    ];
    await expectStatus(await call(t, w.confidant, 'PUT', `/api/cases/${caseId}/support/advice`, { advice }), 200);
    const advised = (await call(t, w.requester, 'GET', `/api/cases/${caseId}`)).json();
    expect(advised.status).toBe('advised');
    expect(advised.typeDetail.advice).toEqual(advice);

    // Closing with an outcome; the requester gives feedback once and may reopen.
    await expectStatus(
      await call(t, w.confidant, 'POST', `/api/cases/${caseId}/close`, { outcome: 'advice_given' }),
      200,
    );
    const closed = (await call(t, w.requester, 'GET', `/api/cases/${caseId}`)).json();
    expect(closed).toMatchObject({ status: 'closed', outcome: 'advice_given', nextStep: 'closed_can_reopen' });
    expect(closed.viewer.actions).toEqual(expect.arrayContaining(['reopen', 'give_feedback', 'erase']));
    await expectStatus(
      await call(t, w.requester, 'POST', `/api/cases/${caseId}/feedback`, { rating: 5, body: 'Dank!' }),
      200,
    );
    await expectStatus(await call(t, w.requester, 'POST', `/api/cases/${caseId}/feedback`, { rating: 1 }), 409);
    await expectStatus(
      await call(t, w.requester, 'POST', `/api/cases/${caseId}/reopen`, { reason: 'Het speelt weer.' }),
      200,
    );
    expect((await call(t, w.requester, 'GET', `/api/cases/${caseId}`)).json().status).toBe('in_progress');

    // The timeline: the requester sees the public events, staff see more.
    const publicEvents = (await call(t, w.requester, 'GET', `/api/cases/${caseId}/timeline`)).json().events;
    const staffEvents = (await call(t, w.confidant, 'GET', `/api/cases/${caseId}/timeline`)).json().events;
    expect(publicEvents.every((e: { visibility: string }) => e.visibility === 'requester')).toBe(true);
    expect(staffEvents.length).toBeGreaterThan(publicEvents.length);
    expect(publicEvents.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'assigned', 'closed', 'reopened', 'advice_recorded']),
    );

    // Every read by the confidant shows in the requester's access log.
    await expectStatus(await call(t, w.confidant, 'GET', `/api/cases/${caseId}/messages`), 200);
    await expectStatus(await call(t, w.confidant, 'GET', `/api/cases/${caseId}/notes`), 200);
    const log = (await call(t, w.requester, 'GET', '/api/me/access-log')).json();
    const actions = log.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['case.read', 'case.messages_read', 'case.notes_read']));
    expect(log.entries.find((e: { action: string }) => e.action === 'case.read').actorName).toBe(
      'Vertrouwenspersoon V',
    );
  });

  it('lets a colleague raise a concern, which only the coordinator sees', async () => {
    const { caseId } = await submitSupport(t, w.stranger, {
      concernFor: 'colleague',
      personConcerned: { name: 'Wethouder W', office: 'wethouder', region: 'Zwolle' },
      contact: { channel: 'in_app', when: 'office_hours' },
    });
    const confidantQueue = (await call(t, w.confidant, 'GET', '/api/cases/queue?type=support')).json();
    expect(confidantQueue.items.map((i: { id: string }) => i.id)).not.toContain(caseId);
    const coordinatorQueue = (await call(t, w.coordinator, 'GET', '/api/cases/queue?type=support')).json();
    const item = coordinatorQueue.items.find((i: { id: string }) => i.id === caseId);
    // The colleague's municipality is only in the encrypted record of the person concerned.
    expect(item).toMatchObject({
      typeSummary: { concernForColleague: true, association: null },
      officeType: 'wethouder',
      region: 'Overijssel',
    });
    const [stored] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
    expect(stored?.region).toBe('Overijssel');
    expect(JSON.stringify(stored)).not.toContain('Zwolle');
    const detail = (await call(t, w.coordinator, 'GET', `/api/cases/${caseId}`)).json();
    expect(detail.typeDetail.intake.personConcerned).toEqual({
      name: 'Wethouder W',
      office: 'wethouder',
      region: 'Zwolle',
    });
    // The coordinator decides not to reach out.
    await expectStatus(
      await call(t, w.coordinator, 'POST', `/api/cases/${caseId}/close`, { outcome: 'no_contact' }),
      200,
    );
  });

  it('refuses what a relative may not do and a zelfscan result that does not exist', async () => {
    const relative = await createActor(t, ['relative'], { linkedOfficeholderId: w.requester.personId });
    const concern = await call(t, relative, 'POST', '/api/support/requests', {
      concernFor: 'colleague',
      situation: ['threat'],
      since: 'today',
      acuteDanger: false,
      affected: ['other'],
      contact: { channel: 'in_app', when: 'any_time' },
      personConcerned: { name: 'X' },
    });
    expect(concern.statusCode).toBe(400);
    expect(concern.json().code).toBe('colleague_concern_officeholders_only');
    // A relative asking for themselves is routed by the officeholder's office.
    const own = await call(t, relative, 'POST', '/api/support/requests', {
      concernFor: 'self',
      situation: ['concern_for_family'],
      since: 'this_month',
      acuteDanger: false,
      affected: ['me', 'partner'],
      contact: { channel: 'in_app', when: 'evenings' },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ association: 'ngb', urgency: 'normal', call112First: false });
    const zelfscan = await call(t, w.requester, 'POST', '/api/support/requests', {
      concernFor: 'self',
      situation: ['other'],
      since: 'today',
      acuteDanger: false,
      affected: ['me'],
      contact: { channel: 'in_app', when: 'any_time' },
      zelfscanResultId: '00000000-0000-4000-8000-000000000000',
    });
    expect(zelfscan.statusCode).toBe(400);
    expect(zelfscan.json().code).toBe('zelfscan_result_not_found');
  });

  it('routes each office to its association', async () => {
    const expected: Record<string, string> = {
      burgemeester: 'ngb',
      wethouder: 'wethoudersvereniging',
      raadslid: 'nvvr',
      statenlid: 'ipo',
      gedeputeerde: 'ipo',
      commissaris_van_de_koning: 'bzk',
      waterschapsbestuurder: 'bzk',
    };
    for (const [office, association] of Object.entries(expected)) {
      const person = await createActor(t, ['officeholder'], { office });
      const response = await call(t, person, 'POST', '/api/support/requests', {
        concernFor: 'self',
        situation: ['intimidation'],
        since: 'today',
        acuteDanger: false,
        affected: ['me'],
        contact: { channel: 'in_app', when: 'any_time' },
      });
      expect(response.json().association, office).toBe(association);
    }
  });
});

describe('a SIPA advice request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('calls before anything confidential, checks conflicts of interest and ends in a PDF', async () => {
    const mayor = await createActor(t, ['officeholder'], { office: 'burgemeester', region: 'Ede' });
    const advisor = await createActor(t, ['sipa_advisor'], { displayName: 'Adviseur A' });
    const secondAdvisor = await createActor(t, ['sipa_advisor'], { displayName: 'Adviseur B' });
    const coordinator = await createActor(t, ['ot_coordinator', 'confidant']);
    const { caseId } = await submitSipa(t, mayor);

    const queue = (await call(t, advisor, 'GET', '/api/cases/queue?type=sipa')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toEqual([caseId]);
    expect(queue.items[0].typeSummary).toEqual({ phase: 'intake_call', callTimes: 'morning,afternoon' });
    expect(JSON.stringify(queue)).not.toContain('1234');
    // OT staff never see SIPA cases, not even in a queue.
    await expectStatus(await call(t, coordinator, 'GET', '/api/cases/queue?type=sipa'), 403);
    await expectStatus(await call(t, coordinator, 'GET', `/api/cases/${caseId}`), 404);

    // Taken: the advisor calls the number the request gave.
    await expectStatus(await call(t, advisor, 'POST', `/api/cases/${caseId}/take`, {}), 200);
    const calling = (await call(t, advisor, 'GET', `/api/cases/${caseId}`)).json();
    expect(calling).toMatchObject({ status: 'intake_call', typeDetail: { conflictCheck: 'awaiting_details' } });
    expect(calling.typeDetail.intake).toMatchObject({ phone: '+31612345678', callTimes: ['morning', 'afternoon'] });
    expect(calling.viewer.actions).toContain('record_intake');
    await expectStatus(
      await call(t, advisor, 'POST', `/api/cases/${caseId}/sipa/intake`, {
        heldAt: new Date().toISOString(),
        agreement: 'share_details',
        message: 'U deelt het signaal en de stukken via Weerbaar; daarna spreken we af in Ede.',
      }),
      200,
    );
    const mine = (await call(t, mayor, 'GET', `/api/cases/${caseId}`)).json();
    expect(mine.status).toBe('details_requested');
    expect(mine.typeDetail.phoneIntake).toMatchObject({ state: 'done', agreement: 'share_details' });
    expect(mine.typeDetail.phoneIntake.message).toContain('daarna spreken we af in Ede');
    expect(mine.viewer.actions).toEqual(expect.arrayContaining(['share_details', 'upload_attachment']));
    await expectStatus(await call(t, mayor, 'PUT', `/api/cases/${caseId}/sipa/details`, sipaDetails()), 200);

    const checking = (await call(t, advisor, 'GET', `/api/cases/${caseId}`)).json();
    expect(checking).toMatchObject({ status: 'conflict_check', typeDetail: { conflictCheck: 'pending' } });
    expect(checking.typeDetail.intake.personConcerned).toEqual({ name: 'J. Jansen', position: 'wethouder' });
    expect(checking.viewer.actions).toContain('conflict_check');
    expect(checking.viewer.actions).not.toContain('post_message');
    // Nothing else before the check.
    await expectStatus(await call(t, advisor, 'POST', `/api/cases/${caseId}/messages`, { body: 'Hallo' }), 409);

    // A conflict: back to the queue, and the advisor has no access any more.
    await expectStatus(
      await call(t, advisor, 'POST', `/api/cases/${caseId}/sipa/conflict-check`, { decision: 'conflict' }),
      200,
    );
    await expectStatus(await call(t, advisor, 'GET', `/api/cases/${caseId}`), 404);

    // The next advisor takes it where it stood: the conflict check, not a second intake.
    await expectStatus(await call(t, secondAdvisor, 'POST', `/api/cases/${caseId}/take`, {}), 200);
    const second = (await call(t, secondAdvisor, 'GET', `/api/cases/${caseId}`)).json();
    expect(second).toMatchObject({ status: 'conflict_check', typeDetail: { conflictCheck: 'pending' } });
    await expectStatus(
      await call(t, secondAdvisor, 'POST', `/api/cases/${caseId}/sipa/conflict-check`, { decision: 'no_conflict' }),
      200,
    );
    await expectStatus(
      await call(t, secondAdvisor, 'POST', `/api/cases/${caseId}/messages`, { body: 'Ik bel u vandaag.' }),
      201,
    );
    const advice = {
      preliminaryInquiry: 'Begin met een korte verkenning.',
      assignment: 'Formuleer een heldere opdracht.',
      researchQuestions: ['Wat is er gebeurd?', 'Welke regels golden?'],
      investigatorChoice: 'Kies een bureau zonder banden met de gemeente.',
      safeguards: 'Hoor en wederhoor.',
      privacy: 'Beperk de kring van ingewijden.',
      communication: 'Communiceer pas na afronding.',
    };
    await expectStatus(await call(t, secondAdvisor, 'PUT', `/api/cases/${caseId}/sipa/advice`, { advice }), 200);
    const pdf = await call(t, mayor, 'GET', `/api/cases/${caseId}/sipa/advice.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="Advies SIPA [A-Z0-9-]+\.pdf"/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.includes(Buffer.from('Jansen'))).toBe(false);

    const log = (await call(t, mayor, 'GET', '/api/me/access-log')).json();
    const actions = log.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'case.taken',
        'sipa.intake_recorded',
        'sipa.person_concerned_read',
        'sipa.conflict_declared',
        'sipa.conflict_confirmed',
      ]),
    );
  });

  it('refuses a capacity the requester does not hold', async () => {
    const councillor = await createActor(t, ['officeholder'], { office: 'raadslid' });
    const response = await call(t, councillor, 'POST', '/api/sipa/requests', sipaRequest({ topic: 'other' }));
    expect(response.json().code).toBe('capacity_not_held');
    const onBehalf = await call(
      t,
      councillor,
      'POST',
      '/api/sipa/requests',
      sipaRequest({ capacity: 'representative_body', representativeBody: 'gemeenteraad', topic: 'other' }),
    );
    expect(onBehalf.statusCode).toBe(201);
    const detail = (await call(t, councillor, 'GET', `/api/cases/${onBehalf.json().caseId}`)).json();
    expect(detail.typeDetail.intake).toMatchObject({ actingForBody: true, representativeBody: 'gemeenteraad' });
  });
});
