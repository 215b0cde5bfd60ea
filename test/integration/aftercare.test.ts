import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/index.ts';
import { systemContext } from '../../src/server/lib/context.ts';
import { AFTERCARE_PERSONAL_DATA, AFTERCARE_RETENTION_DAYS } from '../../src/server/modules/aftercare/personal-data.ts';
import type { AftercareStaffPlan } from '../../src/shared/aftercare.ts';
import {
  type AftercareWorld,
  aftercareApp,
  aftercareWorld,
  calmAnswers,
  myPlans,
  openPlan,
  preferNotAnswers,
  sweep,
  TestClock,
} from '../helpers/aftercare.ts';
import { call } from '../helpers/cases.ts';
import type { TestApp } from '../helpers/test-app.ts';

/**
 * The journey of issue #19 through the API, with the test moving the clock: a confidant opens a plan,
 * the requester includes their partner, a week passes, both get a check-in, the partner answers "liever
 * niet", the requester asks for contact; the confidant is prompted and offers a referral; the requester
 * never sees the partner's answers; a missed check-in reminds once, then tells the confidant, never more;
 * the plan ends by itself.
 */
describe('aftercare (nazorg)', () => {
  const clock = new TestClock();
  let t: TestApp;
  let w: AftercareWorld;
  let plan: AftercareStaffPlan;

  beforeAll(async () => {
    t = await aftercareApp(clock);
    w = await aftercareWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const kinds = async (actor: { headers: Record<string, string> }) =>
    (
      (await t.app.inject({ method: 'GET', url: '/api/me/notifications', headers: actor.headers })).json() as {
        notifications: { kind: string; subject: { view: string | null } | null }[];
      }
    ).notifications.map((n) => n.kind);

  it('the assigned confidant opens a plan with consent; the person is told and sees the steps', async () => {
    plan = await openPlan(t, w);
    expect(plan).toMatchObject({ status: 'active', consent: { via: 'conversation' }, caseReference: w.reference });
    expect(plan.steps.map((s) => s.topic)).toEqual(['safety_at_home', 'melding_aangifte', 'family']);
    expect(plan.participants).toHaveLength(1);
    expect(plan.participants[0]?.checkIns.map((c) => c.state)).toEqual(['scheduled', 'scheduled']);
    const days = plan.participants[0]?.checkIns.map((c) =>
      Math.round((Date.parse(c.dueAt) - clock.now().getTime()) / 86_400_000),
    );
    expect(days).toEqual([7, 28]);
    expect(await kinds(w.requester)).toContain('aftercare_plan_opened');
    // A second plan while one runs: 409.
    const again = await call(t, w.confidant, 'POST', `/api/aftercare/cases/${w.caseId}/plan`, {
      consent: { via: 'phone' },
    });
    expect(again.statusCode).toBe(409);
    const [mine] = await myPlans(t, w.requester);
    expect(mine).toMatchObject({ role: 'person', status: 'active', caseReference: w.reference });
    expect(mine?.steps[0]?.note).toBe('Camerabel laten ophangen');
    expect(mine?.relatives.map((r) => [r.displayName, r.included])).toEqual([
      ['Kind K', false],
      ['Partner P', false],
    ]);
  });

  it('the person includes their partner; a relative of someone else is refused on the field', async () => {
    const refused = await call(t, w.requester, 'PUT', `/api/aftercare/plans/${plan.id}/relatives`, {
      relativeIds: [w.partner.personId, w.otherRelative.personId],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'aftercare_unknown_relative',
      errors: [{ field: 'body/relativeIds/1' }],
    });
    expect((await myPlans(t, w.partner)).length).toBe(0);
    const ok = await call(t, w.requester, 'PUT', `/api/aftercare/plans/${plan.id}/relatives`, {
      relativeIds: [w.partner.personId],
    });
    expect(ok.statusCode).toBe(200);
    const [partnerPlan] = await myPlans(t, w.partner);
    expect(partnerPlan).toMatchObject({ role: 'relative', caseReference: '', sharesAnswersWithPerson: false });
    expect(partnerPlan?.checkIns.map((c) => c.state)).toEqual(['scheduled', 'scheduled']);
    // The partner may not choose relatives, nor the confidant.
    for (const actor of [w.partner, w.confidant]) {
      const response = await call(t, actor, 'PUT', `/api/aftercare/plans/${plan.id}/relatives`, { relativeIds: [] });
      expect([403, 404]).toContain(response.statusCode);
    }
  });

  it('a week later both get their check-in, in the app and by a content-free notice mail, exactly once', async () => {
    const mailsBefore = t.sentMail.length;
    expect((await sweep(t)).delivered).toBe(0);
    clock.moveDays(7);
    expect((await sweep(t)).delivered).toBe(2);
    expect((await sweep(t)).delivered).toBe(0);
    expect(await kinds(w.requester)).toContain('aftercare_check_in_due');
    expect(await kinds(w.partner)).toContain('aftercare_check_in_due');
    const mails = t.sentMail.slice(mailsBefore);
    expect(mails.length).toBe(2);
    for (const mail of mails) {
      expect(`${mail.subject} ${mail.text}`).not.toMatch(/slaap|sleep|nazorg|aftercare|Partner|Camerabel/i);
    }
  });

  it('the partner answers "liever niet"; the requester asks for contact; the confidant is prompted', async () => {
    const [partnerPlan] = await myPlans(t, w.partner);
    const partnerCheckIn = partnerPlan?.checkIns[0]?.id as string;
    const partnerAnswer = await call(t, w.partner, 'POST', `/api/aftercare/check-ins/${partnerCheckIn}/answers`, {
      ...preferNotAnswers,
      note: 'Partner-canary-notitie',
    });
    expect(partnerAnswer.statusCode).toBe(200);
    expect(partnerAnswer.json()).toMatchObject({ checkIn: { state: 'answered' }, referralSuggested: null });
    // Once only.
    const twice = await call(t, w.partner, 'POST', `/api/aftercare/check-ins/${partnerCheckIn}/answers`, calmAnswers);
    expect(twice.statusCode).toBe(409);

    const [mine] = await myPlans(t, w.requester);
    const checkInId = mine?.checkIns[0]?.id as string;
    // The requester cannot answer the partner's check-in, nor read its answers (not shared).
    expect(
      (await call(t, w.requester, 'POST', `/api/aftercare/check-ins/${partnerCheckIn}/answers`, calmAnswers))
        .statusCode,
    ).toBe(404);
    expect((await call(t, w.requester, 'GET', `/api/aftercare/check-ins/${partnerCheckIn}/answers`)).statusCode).toBe(
      404,
    );
    expect(mine?.relatives.find((r) => r.personId === w.partner.personId)?.sharedCheckIns).toEqual([]);

    const answer = await call(t, w.requester, 'POST', `/api/aftercare/check-ins/${checkInId}/answers`, {
      ...calmAnswers,
      wantsContact: 'yes',
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().referralSuggested.options).toEqual(['huisarts', 'slachtofferhulp', 'expert_pool']);
    expect(await kinds(w.confidant)).toContain('aftercare_referral_prompt');
    const [after] = await myPlans(t, w.requester);
    expect(after?.referralSuggested?.options).toContain('slachtofferhulp');

    const staff = (await call(t, w.confidant, 'GET', `/api/aftercare/cases/${w.caseId}/plan`)).json().plan;
    const person = staff.participants.find((p: { role: string }) => p.role === 'person');
    const partner = staff.participants.find((p: { role: string }) => p.role === 'relative');
    expect(person.prompt.signals).toEqual(['wants_contact']);
    expect(partner.prompt).toBeNull();
    expect(staff.referralOptions).toEqual(['huisarts', 'slachtofferhulp', 'expert_pool']);
    expect(JSON.stringify(staff)).not.toContain('Partner-canary');

    // The confidant reads both answers, each view audited in the answerer's access log.
    const read = await call(t, w.confidant, 'GET', `/api/aftercare/check-ins/${partnerCheckIn}/answers`);
    expect(read.json().answers).toMatchObject({ sleep: 'prefer_not', note: 'Partner-canary-notitie' });
    const log = (await call(t, w.partner, 'GET', '/api/me/access-log')).json();
    expect(JSON.stringify(log)).toContain('aftercare.answers_viewed');
    // Admins, other confidants and coordinators never.
    for (const actor of [w.admin, w.otherAssociationConfidant, w.sameAssociationConfidant, w.coordinator, w.stranger]) {
      expect(
        (await call(t, actor, 'GET', `/api/aftercare/check-ins/${partnerCheckIn}/answers`)).statusCode,
      ).toBeGreaterThanOrEqual(403);
      expect([403, 404]).toContain((await call(t, actor, 'GET', `/api/aftercare/cases/${w.caseId}/plan`)).statusCode);
    }
  });

  it('the confidant offers a referral; the requester sees it; the partner shares and then the requester may read', async () => {
    const offered = await call(t, w.confidant, 'POST', `/api/aftercare/plans/${plan.id}/referrals`, {
      participantId: w.requester.personId,
      options: ['huisarts', 'slachtofferhulp'],
    });
    expect(offered.statusCode).toBe(200);
    const [mine] = await myPlans(t, w.requester);
    expect(mine?.referral?.options).toEqual(['huisarts', 'slachtofferhulp']);
    expect(await kinds(w.requester)).toContain('aftercare_referral_offered');
    const [partnerPlan] = await myPlans(t, w.partner);
    expect(partnerPlan?.referral).toBeNull();

    expect(
      (await call(t, w.partner, 'PUT', `/api/aftercare/plans/${plan.id}/sharing`, { shareAnswersWithPerson: true }))
        .statusCode,
    ).toBe(200);
    const [shared] = await myPlans(t, w.requester);
    const sharedIds = shared?.relatives.find((r) => r.personId === w.partner.personId)?.sharedCheckIns ?? [];
    expect(sharedIds).toHaveLength(1);
    const read = await call(t, w.requester, 'GET', `/api/aftercare/check-ins/${sharedIds[0]?.id}/answers`);
    expect(read.statusCode).toBe(200);
    expect(read.json().answers.sleep).toBe('prefer_not');
    // The person's reading is in the partner's access log; then the partner stops sharing.
    expect(
      (await call(t, w.partner, 'PUT', `/api/aftercare/plans/${plan.id}/sharing`, { shareAnswersWithPerson: false }))
        .statusCode,
    ).toBe(200);
    expect((await call(t, w.requester, 'GET', `/api/aftercare/check-ins/${sharedIds[0]?.id}/answers`)).statusCode).toBe(
      404,
    );
  });

  it('a missed check-in reminds once, then tells the confidant once, never more', async () => {
    const before = await kinds(w.partner);
    clock.moveDays(21); // the second moment (day 28)
    expect((await sweep(t)).delivered).toBe(2);
    clock.moveHours(73);
    expect((await sweep(t)).reminded).toBe(2);
    expect((await sweep(t)).reminded).toBe(0);
    clock.moveHours(73);
    const report = await sweep(t);
    expect(report.missed).toBe(2);
    clock.moveDays(3);
    expect(await sweep(t)).toMatchObject({ delivered: 0, reminded: 0, missed: 0 });
    const partnerKinds = (await kinds(w.partner)).slice(0, (await kinds(w.partner)).length - before.length);
    expect(partnerKinds.filter((k) => k === 'aftercare_check_in_reminder')).toHaveLength(1);
    expect((await kinds(w.confidant)).filter((k) => k === 'aftercare_check_in_missed')).toHaveLength(2);
    // Still answerable while the plan runs.
    const [mine] = await myPlans(t, w.requester);
    const late = mine?.checkIns[1];
    expect(late?.state).toBe('missed');
    expect(
      (await call(t, w.requester, 'POST', `/api/aftercare/check-ins/${late?.id}/answers`, calmAnswers)).statusCode,
    ).toBe(200);
  });

  it('the plan ends by itself after the last check-in, and the incident-free path stays quiet', async () => {
    clock.moveDays(15);
    expect((await sweep(t)).ended).toBe(1);
    const [mine] = await myPlans(t, w.requester);
    expect(mine?.status).toBe('ended');
    expect(await kinds(w.partner)).toContain('aftercare_plan_ended');
    const [partnerPlan] = await myPlans(t, w.partner);
    const open = partnerPlan?.checkIns.find((c) => c.state !== 'answered');
    if (open) {
      expect(
        (await call(t, w.partner, 'POST', `/api/aftercare/check-ins/${open.id}/answers`, calmAnswers)).statusCode,
      ).toBe(409);
    }
  });
  it("exports each participant's own answers only, and account deletion takes them", async () => {
    const source = AFTERCARE_PERSONAL_DATA.sources?.[0];
    const exportOf = async (personId: string) =>
      JSON.stringify(await source?.export({ db: t.app.db, personId, keyring: t.keyring, now: clock.now() }));
    expect(await exportOf(w.partner.personId)).toContain('Partner-canary-notitie');
    const own = await exportOf(w.requester.personId);
    expect(own).not.toContain('Partner-canary-notitie');
    expect(own).toContain('"wantsContact":"yes"');
    const step = AFTERCARE_PERSONAL_DATA.erasure?.[0];
    await t.app.unitOfWork.run(systemContext(), async (work) => void (await step?.run(work, w.partner.personId)));
    expect(await exportOf(w.partner.personId)).toBe(JSON.stringify({ records: [] }));
    expect(await exportOf(w.requester.personId)).toContain('"wantsContact":"yes"');
  });
  it('removes an ended plan and its answers after the retention term, by the retention job', async () => {
    const rule = AFTERCARE_PERSONAL_DATA.retention?.[0];
    const sweepRetention = () =>
      t.app.unitOfWork.run(systemContext(), async (work) => (await rule?.sweep?.(work)) ?? -1);
    expect(rule?.keepDays).toBe(AFTERCARE_RETENTION_DAYS);
    expect(AFTERCARE_RETENTION_DAYS).toBeLessThan(365);
    clock.moveDays(AFTERCARE_RETENTION_DAYS - 2);
    expect(await sweepRetention()).toBe(0);
    clock.moveDays(3);
    expect(await sweepRetention()).toBe(1);
    expect(await myPlans(t, w.requester)).toEqual([]);
    const left = await t.app.db.execute(sql`SELECT count(*)::int AS n FROM aftercare_check_ins`);
    expect(rowsOf<{ n: number }>(left)[0]?.n).toBe(0);
  });
});
