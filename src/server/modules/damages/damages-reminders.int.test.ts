import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createActor } from '../../../../test/helpers/actors.ts';
import { buildCaseApp } from '../../../../test/helpers/cases.ts';
import { recordIncident } from '../../../../test/helpers/incidents.ts';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import { createThrowawayDatabase, dropDatabase } from '../../../../test/helpers/test-database.ts';
import { type Database, openDatabase } from '../../db/index.ts';
import { Keyring } from '../../lib/crypto/index.ts';
import { sweepReminders } from './reminders.ts';

/**
 * A deadline's reminder on the unit of work's clock: not before its day, then once (two sweeps at once,
 * and a later one, send nothing more), also when the process restarted between the claim and the
 * reminder day. The notice mail says nothing of the claim.
 */
const DAY = 86_400_000;
let clock = new Date('2026-12-05T09:00:00Z');

describe('damages: the deadline reminder', () => {
  const keyring = Keyring.generate();
  let dataDir: string | null = null;
  let postgresUrl: string | null = null;

  async function open(): Promise<Database> {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      postgresUrl ??= await createThrowawayDatabase(serverUrl);
      return openDatabase({ kind: 'postgres', url: postgresUrl, poolSize: 4 });
    }
    dataDir ??= await mkdtemp(path.join(tmpdir(), 'weerbaar-damages-reminders-'));
    return openDatabase({ kind: 'pglite', dataDir });
  }

  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl && postgresUrl) await dropDatabase(serverUrl, postgresUrl);
  });

  const notificationsOf = async (t: TestApp, headers: Record<string, string>) =>
    (await t.app.inject({ method: 'GET', url: '/api/me/notifications', headers })).json().notifications as {
      kind: string;
      subject: { type: string; id: string; view: string | null } | null;
    }[];

  it('reminds once, a week before, across a restart', async () => {
    let database = await open();
    let t = await buildCaseApp(database, keyring, { now: () => clock });
    const owner = await createActor(t, ['officeholder']);
    const incidentId = await recordIncident(t, owner);
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/me/incidents/${incidentId}/damages`,
      headers: owner.headers,
      payload: {
        route: 'voeging',
        status: 'preparing',
        heads: [{ kind: 'material', description: 'Canary-reminder-label-0a1b', amountCents: 12_000 }],
        deadlines: [{ dueOn: '2026-12-31', label: 'Canary-termijn-77aa voegingsformulier' }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    // Not yet: the reminder day is 24 December.
    clock = new Date('2026-12-23T09:00:00Z');
    expect(await sweepReminders(t.app.damages)).toBe(0);
    await t.close();
    await database.close();

    // A new process on the same database; the clock reaches the reminder day.
    database = await open();
    t = await buildCaseApp(database, keyring, { now: () => clock });
    clock = new Date('2026-12-24T08:00:00Z');
    const mailsBefore = t.sentMail.length;
    // Two sweeps at once (two instances): one reminder.
    const sent = await Promise.all([sweepReminders(t.app.damages), sweepReminders(t.app.damages)]);
    expect(sent[0] + sent[1]).toBe(1);
    clock = new Date(clock.getTime() + 2 * DAY);
    expect(await sweepReminders(t.app.damages)).toBe(0);

    const reminders = (await notificationsOf(t, owner.headers)).filter((n) => n.kind === 'damage_deadline_soon');
    expect(reminders).toEqual([
      expect.objectContaining({
        subject: expect.objectContaining({ type: 'incident_damages', id: incidentId, view: 'damages' }),
      }),
    ]);
    // The notice mail went out (through the outbox), once, and without the claim's words.
    await expect.poll(() => t.sentMail.length - mailsBefore).toBe(1);
    const mail = t.sentMail.at(-1);
    expect(mail?.to).toBe(owner.email);
    expect(JSON.stringify(mail)).not.toContain('Canary');
    expect(JSON.stringify(mail)).not.toContain('voeging');

    const detail = (
      await t.app.inject({ method: 'GET', url: `/api/me/incidents/${incidentId}/damages`, headers: owner.headers })
    ).json();
    expect(detail.claims[0].deadlines[0].remindedAt).not.toBeNull();
    await t.close();
    await database.close();
  }, 120_000);
});
