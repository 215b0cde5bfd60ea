import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { ROLES } from '../../shared/roles.ts';
import type { AccessLogEntry } from '../../shared/session.ts';
import { SHIPPED_QUESTIONNAIRE } from '../../shared/zelfscan/shipped.ts';
import { DEFAULT_DEMO_DATA_DIR, DemoRefusedError, demoBanner, demoConfig, seedDemo } from '../demo.ts';
import { systemContext } from '../lib/context.ts';
import { auditLog } from '../modules/audit/db.ts';
import { verifyAuditChain } from '../modules/audit/service.ts';
import { takeCase } from '../modules/cases/assignment.ts';
import { caseEvents, caseMessages, cases } from '../modules/cases/db.ts';
import { closeCase } from '../modules/cases/lifecycle.ts';
import { handoverEvents, handovers } from '../modules/handover/db.ts';
import { incidentEvidence, incidents } from '../modules/incidents/db.ts';
import { mailOutbox } from '../modules/mail/db.ts';
import { people } from '../modules/people/db.ts';
import { findPersonByEmail } from '../modules/people/repository.ts';
import { sessions } from '../modules/sessions/db.ts';
import { trainingEnrolments, trainingSessions } from '../modules/training/db.ts';
import { woningscanCases } from '../modules/woningscan/db.ts';
import { zelfscanResults } from '../modules/zelfscan/db.ts';
import { DEMO_ACCOUNTS } from './seed.ts';

describe('demo configuration', () => {
  it('refuses a real database and production, with a clear message', () => {
    expect(() => demoConfig({ DATABASE_URL: 'postgres://u:p@db.example:5432/weerbaar' })).toThrow(DemoRefusedError);
    expect(() => demoConfig({ DATABASE_URL: 'postgres://u:p@db.example:5432/weerbaar' })).toThrow(
      /DATABASE_URL is set/,
    );
    expect(() => demoConfig({ NODE_ENV: 'production' })).toThrow(/NODE_ENV is production/);
  });

  it('uses its own data directory and keys, demo mode on, no mail server', () => {
    const config = demoConfig({
      DATA_DIR: './data',
      MASTER_KEY: 'a'.repeat(64),
      KEY_FILE: '/run/secrets/keys.json',
      AUDIT_CHECKPOINT_FILE: '/var/log/weerbaar/audit.jsonl',
      AUDIT_CHECKPOINT_URL: 'https://logs.example.nl/audit',
      SMTP_URL: 'smtp://mail.example.nl:587',
    });
    expect(config).toMatchObject({ DATA_DIR: DEFAULT_DEMO_DATA_DIR, DEMO_MODE: true });
    expect(config.MASTER_KEY).toBeUndefined();
    expect(config.KEY_FILE).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
    // Its keys and audit checkpoints sit next to its own data, never in a real installation's places.
    expect(config.AUDIT_CHECKPOINT_FILE).toBeUndefined();
    expect(config.AUDIT_CHECKPOINT_URL).toBeUndefined();
    expect(demoConfig({ DEMO_DATA_DIR: '/tmp/elders' }).DATA_DIR).toBe('/tmp/elders');
  });
});

describe('demo accounts', () => {
  it('cover every role, with an officeholder in a real municipality and a relative linked to them', () => {
    expect(new Set(DEMO_ACCOUNTS.flatMap((account) => account.roles))).toEqual(new Set(ROLES));
    const municipalities = readFileSync('/work/shared/data/gemeenten.csv', 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1]);
    const officeholder = DEMO_ACCOUNTS.find((account) => account.roles.includes('officeholder'));
    expect(officeholder).toMatchObject({ office: 'wethouder' });
    expect(municipalities).toContain(officeholder?.region);
    const burgemeester = DEMO_ACCOUNTS.find((account) => account.office === 'burgemeester');
    expect(burgemeester).toMatchObject({ roles: ['officeholder'], handover: { method: 'in_person' } });
    expect(municipalities).toContain(burgemeester?.region);
    expect(DEMO_ACCOUNTS.find((account) => account.roles.includes('relative'))?.relativeOf).toBe(officeholder?.key);
    const associations = DEMO_ACCOUNTS.filter((account) => account.roles.includes('confidant')).map(
      (a) => a.association,
    );
    expect(associations.sort()).toEqual(['ngb', 'wethoudersvereniging']);
    expect(DEMO_ACCOUNTS.find((account) => account.roles.includes('expert'))?.expertField).toBe('security');
    expect(DEMO_ACCOUNTS.every((account) => account.email.endsWith('.invalid'))).toBe(true);
  });
});

describe('demo mode', () => {
  let t: TestApp;
  /** The session cookie of a demo link's sign-in. */
  const signIn = async (personId: string): Promise<string> => {
    const url = t.app.demoSignIn.issueLink(personId).replace(t.config.PUBLIC_URL, '');
    const response = await t.app.inject({ method: 'GET', url, headers: { 'sec-fetch-site': 'none' } });
    expect(response.statusCode).toBe(303);
    return String(response.headers['set-cookie']).split(';')[0] ?? '';
  };
  beforeAll(async () => {
    t = await createTestApp({ env: { DEMO_MODE: 'true' } });
  });
  afterAll(() => t.close());

  it('seeds one active account per role, idempotently, putting back what a demo changed', async () => {
    const first = await seedDemo(t.app);
    expect(first).toHaveLength(DEMO_ACCOUNTS.length);
    const count = async () => (await t.app.db.select({ id: people.id }).from(people)).length;
    const audits = async () =>
      (await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'person.seeded'))).length;
    const [people1, audits1] = [await count(), await audits()];
    // The burgemeester is made through the package handover instead (next test).
    expect(audits1).toBe(DEMO_ACCOUNTS.filter((account) => !account.handover).length);

    const second = await seedDemo(t.app);
    expect(second.map((account) => account.personId)).toEqual(first.map((account) => account.personId));
    expect(await count()).toBe(people1);
    expect(await audits()).toBe(audits1);

    const relative = await findPersonByEmail(t.app.db, 'thomas.devries@weerbaar-demo.invalid');
    const officeholder = first.find((account) => account.key === 'officeholder');
    expect(relative).toMatchObject({
      status: 'active',
      roles: ['relative'],
      linkedOfficeholderId: officeholder?.personId,
    });

    // Someone deactivated an account during a demo: the next start restores it.
    await t.app.db
      .update(people)
      .set({ status: 'deactivated' })
      .where(eq(people.id, relative?.id ?? ''));
    await seedDemo(t.app);
    expect((await findPersonByEmail(t.app.db, 'thomas.devries@weerbaar-demo.invalid'))?.status).toBe('active');
    expect(await audits()).toBe(audits1 + 1);
  });

  it('adds a few example records, each through its own module, that the demo accounts see', async () => {
    const accounts = await seedDemo(t.app);
    const idOf = (key: string) => accounts.find((account) => account.key === key)?.personId ?? '';
    const get = async (cookie: string, url: string) => {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      return { status: response.statusCode, body: response.json() };
    };

    // The wethouder: her saved zelfscan result with a tip done and one planned, and her support request.
    const sanne = await signIn(idOf('officeholder'));
    const results = await get(sanne, '/api/me/zelfscan/results');
    expect(results.body.results).toHaveLength(1);
    const [result] = results.body.results;
    expect(result).toMatchObject({ questionnaireVersion: SHIPPED_QUESTIONNAIRE.version, doneCount: 1 });
    // Her incident: a threatening e-mail and a screenshot as evidence, a follow-up, only hers to see.
    const incidentList = (await get(sanne, '/api/me/incidents')).body.incidents;
    expect(incidentList).toMatchObject([{ channel: 'mail', severity: 'serious', evidenceCount: 2, followUpCount: 1 }]);
    const incident = (await get(sanne, `/api/me/incidents/${incidentList[0].id}`)).body.incident;
    expect(incident.evidence.map((item: { kind: string }) => item.kind)).toEqual(['email', 'image']);
    expect((await get(await signIn(idOf('admin')), `/api/me/incidents/${incident.id}`)).status).toBe(404);
    const plan = (await get(sanne, `/api/me/zelfscan/results/${result.id}`)).body.result.actions;
    expect(plan).toContainEqual({ tipId: 'home-nameplate', done: true, plannedFor: null });
    expect(plan).toContainEqual({ tipId: 'family-plan', done: false, plannedFor: expect.any(String) });
    const all = (await get(sanne, '/api/me/cases')).body.cases;
    expect(all.map((c: { type: string }) => c.type).sort()).toEqual(['support', 'woningscan']);
    const mine = all.filter((c: { type: string }) => c.type === 'support');
    expect(mine[0]).toMatchObject({
      type: 'support',
      status: 'in_progress',
      helpers: [{ displayName: 'Ahmed El Idrissi', role: 'assigned' }],
    });
    const caseId: string = mine[0].id;
    const detail = await get(sanne, `/api/cases/${caseId}`);
    expect(detail.body.typeDetail).toMatchObject({
      association: 'wethoudersvereniging',
      intake: { situation: ['online_harassment', 'intimidation'], acuteDanger: false },
      zelfscan: { resultId: result.id },
    });
    const messages = (await get(sanne, `/api/cases/${caseId}/messages`)).body.messages;
    expect(
      messages.map((m: { authorName: string; fromRequester: boolean }) => [m.authorName, m.fromRequester]),
    ).toEqual([
      ['Ahmed El Idrissi', false],
      ['Sanne de Vries', true],
    ]);
    // Stored encrypted, like any message: the text is not in the row.
    const [stored] = await t.app.db.select().from(caseMessages).where(eq(caseMessages.caseId, caseId)).limit(1);
    expect(stored?.bodyEnvelope).not.toContain('Ahmed');

    // The confidant finds it in his own work queue, and reads the shared zelfscan result.
    const ahmed = await signIn(idOf('confidant-wethouders'));
    const queue = await get(ahmed, '/api/cases/queue?type=support&view=mine');
    expect(queue.body.items.map((item: { id: string }) => item.id)).toEqual([caseId]);
    expect(queue.body.items[0]).toMatchObject({ assignedToMe: true, firstResponseAt: expect.any(String) });
    expect((await get(ahmed, `/api/cases/${caseId}/support/zelfscan`)).status).toBe(200);

    // The burgemeester's advice request waits unassigned in SIPA's queue.
    const esther = await signIn(idOf('sipa-advisor'));
    const sipaQueue = await get(esther, '/api/cases/queue?type=sipa&view=unassigned');
    expect(sipaQueue.body.items).toHaveLength(1);
    expect(sipaQueue.body.items[0]).toMatchObject({ status: 'submitted', assignees: [], officeType: 'burgemeester' });
    const jan = await signIn(idOf('burgemeester'));
    expect((await get(jan, '/api/me/cases')).body.cases).toMatchObject([{ type: 'sipa', status: 'submitted' }]);

    // Sanne's woningscan request waits unassigned in the CCV adviser's queue; the address is only in there encrypted.
    const fleur = await signIn(idOf('ccv-advisor'));
    const ccvQueue = await get(fleur, '/api/cases/queue?type=woningscan&view=unassigned');
    expect(ccvQueue.body.items).toMatchObject([{ status: 'requested', assignees: [], officeType: 'wethouder' }]);
    expect(JSON.stringify(ccvQueue.body)).not.toContain('Voorbeeldlaan');
    const [scan] = await t.app.db.select().from(woningscanCases);
    expect(scan?.addressEnvelope).not.toContain('Voorbeeldlaan');
    expect((await get(sanne, `/api/cases/${scan?.caseId}`)).body.typeDetail).toMatchObject({
      addressOnFile: true,
      intake: { pkvwStatusAtRequest: 'in_progress' },
    });

    // The admin sees the burgemeester's handover (handed over, activated), never what is in a case.
    const bram = await signIn(idOf('admin'));
    const handoverList = await get(bram, '/api/admin/handovers?view=all');
    expect(handoverList.body.handovers).toMatchObject([
      {
        name: 'Jan Bosman',
        office: 'burgemeester',
        region: 'Waadhoeke',
        stage: 'activated',
        handedOver: { method: 'in_person' },
      },
    ]);
    expect(handoverList.body.handovers[0].invitation).toMatchObject({ state: 'used' });
    const janAudit = await t.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectPersonId, idOf('burgemeester')));
    expect(janAudit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['person.invited', 'handover.registered', 'handover.handed_over', 'invitation.accepted']),
    );
    expect((await get(bram, `/api/cases/${caseId}`)).status).toBe(404);
    expect((await get(bram, `/api/cases/${caseId}/messages`)).status).toBe(404);
    expect((await get(bram, '/api/cases/queue?type=support')).status).toBe(403);

    // Created like a real one: audited with the requester as subject, and the staff were notified.
    const audited = await t.app.db.select().from(auditLog).where(eq(auditLog.recordId, caseId));
    expect(audited.map((row) => row.action)).toEqual(
      expect.arrayContaining(['case.created', 'case.assigned', 'case.status_changed', 'case.message_posted']),
    );
    expect(audited.every((row) => row.subjectPersonId === idOf('officeholder'))).toBe(true);
    expect((await verifyAuditChain(t.app.db)).firstBreak).toBeNull();

    // Her access log names Ahmed and the case, and the seed as Weerbaar itself, not as a visitor.
    const accessLog: AccessLogEntry[] = (await get(sanne, '/api/me/access-log')).body.entries;
    expect(accessLog.filter((entry) => entry.actorKind === 'anonymous')).toEqual([]);
    expect(accessLog.filter((entry) => entry.description === null)).toEqual([]);
    expect(accessLog.find((entry) => entry.action === 'person.seeded')?.actorKind).toBe('system');
    const byAhmed = accessLog.filter((entry) => entry.actorName === 'Ahmed El Idrissi' && entry.record);
    expect(byAhmed.length).toBeGreaterThan(0);
    expect(byAhmed[0]?.record).toEqual({ reference: mine[0].reference, kind: 'support' });

    // The training: a session with a seat for Sanne and for Jan, which the coordinator counts.
    const enrolments = (await get(sanne, '/api/me/training/enrolments')).body.enrolments;
    expect(enrolments).toHaveLength(1);
    expect(enrolments[0]).toMatchObject({ status: 'confirmed', hasCalendar: true, session: { city: 'Utrecht' } });
    const ruud = await signIn(idOf('training-coordinator'));
    const sessionsSeen = (await get(ruud, '/api/training/coordination/sessions')).body.sessions;
    expect(sessionsSeen).toHaveLength(1);
    expect(sessionsSeen[0]).toMatchObject({ capacity: 12, counts: { confirmed: 2, waiting: 0 } });
  });

  it('seeds an aftercare plan on her support request, her partner included, once', async () => {
    const accounts = await seedDemo(t.app);
    await seedDemo(t.app);
    const idOf = (key: string) => accounts.find((account) => account.key === key)?.personId ?? '';
    const mine = async (personId: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/aftercare/me',
        headers: { cookie: await signIn(personId) },
      });
      return response.json().plans;
    };
    const [plan] = await mine(idOf('officeholder'));
    expect(plan).toMatchObject({ status: 'active', role: 'person' });
    expect(plan.steps.map((step: { topic: string }) => step.topic)).toContain('online_findability');
    expect(plan.relatives).toMatchObject([{ displayName: 'Thomas de Vries', included: true }]);
    expect(plan.checkIns).toHaveLength(2);
    const partner = await mine(idOf('relative'));
    expect(partner).toHaveLength(1);
    expect(partner[0].steps.map((step: { topic: string }) => step.topic)).toEqual(['family']);
  });

  it('adds the examples only once, even after demo users closed or took them', async () => {
    const accounts = await seedDemo(t.app);
    const ctxOf = (key: string) => {
      const account = accounts.find((candidate) => candidate.key === key);
      return systemContext({ personId: account?.personId ?? '', roles: account?.roles ?? [] });
    };
    const [support] = await t.app.db.select().from(cases).where(eq(cases.type, 'support'));
    const [sipa] = await t.app.db.select().from(cases).where(eq(cases.type, 'sipa'));
    // In an earlier session Sanne closed her request and Esther took the SIPA request.
    await closeCase(t.app.cases, ctxOf('officeholder'), support?.id ?? '', 'withdrawn');
    await takeCase(t.app.cases, ctxOf('sipa-advisor'), sipa?.id ?? '');

    const tables = [
      people,
      cases,
      caseMessages,
      caseEvents,
      zelfscanResults,
      incidents,
      incidentEvidence,
      handovers,
      handoverEvents,
      trainingSessions,
      trainingEnrolments,
      woningscanCases,
      auditLog,
      mailOutbox,
    ];
    const counts = async () => Promise.all(tables.map(async (table) => (await t.app.db.select().from(table)).length));
    const before = await counts();
    await seedDemo(t.app);
    await seedDemo(t.app);
    expect(await counts()).toEqual(before);
    const [after] = await t.app.db
      .select()
      .from(cases)
      .where(eq(cases.id, support?.id ?? ''));
    expect(after?.status).toBe('closed');
  });

  it('signs in through a demo link: a demo_link session, then to the home page', async () => {
    const [account] = await seedDemo(t.app);
    const link = t.app.demoSignIn.issueLink(account?.personId ?? '');
    expect(link).toMatch(/^http:\/\/localhost:3000\/api\/demo\/sign-in\?token=[A-Za-z0-9_-]{43}$/);
    const url = link.replace(t.config.PUBLIC_URL, '');
    const response = await t.app.inject({ method: 'GET', url, headers: { 'sec-fetch-site': 'none' } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    const cookie = String(response.headers['set-cookie']).split(';')[0] ?? '';
    const session = (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).json();
    expect(session).toMatchObject({ environment: { demo: true }, person: { id: account?.personId } });
    const rows = await t.app.db
      .select()
      .from(sessions)
      .where(eq(sessions.personId, account?.personId ?? ''));
    expect(rows.map((row) => row.method)).toContain('demo_link');

    // Switching accounts ends the session the browser had.
    const admin = (await seedDemo(t.app)).find((a) => a.key === 'admin');
    const other = t.app.demoSignIn.issueLink(admin?.personId ?? '').replace(t.config.PUBLIC_URL, '');
    const switched = await t.app.inject({ method: 'GET', url: other, headers: { cookie } });
    expect(switched.statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses unknown tokens, bad input and cross-site requests', async () => {
    const [account] = await seedDemo(t.app);
    const unknown = await t.app.inject({ method: 'GET', url: `/api/demo/sign-in?token=${'x'.repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['set-cookie']).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: '/api/demo/sign-in' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/demo/sign-in?token=${'x'.repeat(500)}` })).statusCode).toBe(
      400,
    );
    const link = t.app.demoSignIn.issueLink(account?.personId ?? '').replace(t.config.PUBLIC_URL, '');
    const crossSite = await t.app.inject({ method: 'GET', url: link, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.headers['set-cookie']).toBeUndefined();
  });

  it('prints one link per account', () => {
    const banner = demoBanner(
      DEMO_ACCOUNTS.map((account, index) => ({
        account: { ...account, personId: String(index) },
        link: `http://localhost:3000/api/demo/sign-in?token=t${index}`,
      })),
    );
    for (const account of DEMO_ACCOUNTS) expect(banner).toContain(account.displayName);
    expect(banner.match(/\/api\/demo\/sign-in\?token=/g)).toHaveLength(DEMO_ACCOUNTS.length);
  });
});

describe('outside demo mode', () => {
  it('has no demo sign-in route, and production never gets one', async () => {
    for (const env of [
      {},
      { DEMO_MODE: 'true', NODE_ENV: 'production', ALLOW_LOCAL_MAIL_IN_PRODUCTION: 'true' },
    ] as Record<string, string>[]) {
      const t = await createTestApp({ env });
      try {
        expect(t.app.hasDecorator('demoSignIn')).toBe(false);
        const response = await t.app.inject({ method: 'GET', url: `/api/demo/sign-in?token=${'x'.repeat(43)}` });
        expect(response.statusCode).toBe(404);
        expect(t.app.registeredRoutes().some((route) => route.url.startsWith('/api/demo'))).toBe(false);
      } finally {
        await t.close();
      }
    }
  });
});
