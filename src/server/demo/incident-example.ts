import { Readable } from 'node:stream';
import { crc32, deflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { followUpInputSchema, incidentInputSchema } from '../../shared/incidents.ts';
import type { ServiceContext } from '../lib/context.ts';
import { incidents } from '../modules/incidents/db.ts';
import { addEvidence } from '../modules/incidents/evidence.ts';
import { addFollowUp, createIncident } from '../modules/incidents/service.ts';
import { dutchDate } from './examples.ts';

/**
 * Sanne de Vries's incident: a threatening e-mail after a council debate, kept as evidence (.eml) with a
 * screenshot of the reply under her post, a follow-up (reported to the griffier). Through the module's
 * own services, like a real entry: validated, encrypted, hashed, audited. Added once.
 */
const threatMail = () =>
  [
    'Return-Path: <boze.burger@example.net>',
    'From: "Een boze burger" <boze.burger@example.net>',
    'To: s.devries@gemeente.example',
    'Subject: Uw besluit over het azc',
    `Date: ${new Date(`${dutchDate(-3)}T21:14:00+01:00`).toUTCString()}`,
    'Message-ID: <demo-1@example.net>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Wij weten waar u woont. Als het azc er komt, komen wij langs.',
    '',
  ].join('\r\n');

/** A small grey PNG, as a stand-in for a screenshot (made in code: the demo ships no image files). */
function screenshotPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const width = 120;
  const height = 80;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0xd0)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function seedIncident(app: FastifyInstance, owner: { personId: string; ctx: ServiceContext }) {
  const [existing] = await app.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(eq(incidents.ownerId, owner.personId))
    .limit(1);
  if (existing) return false;
  const deps = app.incidents;
  const incident = await createIncident(
    deps,
    owner.ctx,
    incidentInputSchema.parse({
      occurredOn: dutchDate(-3),
      occurredAt: '21:14',
      whatHappened:
        'Na het raadsdebat over het azc kreeg ik een e-mail: "Wij weten waar u woont." Onder mijn bericht op sociale media stonden dezelfde woorden.',
      channel: 'mail',
      forms: ['threat', 'intimidation'],
      targets: ['self'],
      perpetratorKind: 'unknown',
      perpetratorHandle: 'boze.burger@example.net',
      severity: 'serious',
      aimedAt: 'office',
      internalReport: { to: 'griffier', on: dutchDate(-2) },
    }),
  );
  await addEvidence(deps, owner.ctx, incident.id, {
    stream: Readable.from([Buffer.from(threatMail(), 'utf8')]),
    fileName: 'dreigmail.eml',
    fields: { caption: 'De e-mail zoals ik hem kreeg', sourceHandle: 'boze.burger@example.net' },
    truncated: () => false,
  });
  await addEvidence(deps, owner.ctx, incident.id, {
    stream: Readable.from([screenshotPng()]),
    fileName: 'reactie onder mijn bericht.png',
    fields: { caption: 'Schermafdruk van de reactie', sourceUrl: 'https://social.example/post/123' },
    truncated: () => false,
  });
  await addFollowUp(
    deps,
    owner.ctx,
    incident.id,
    followUpInputSchema.parse({
      occurredOn: dutchDate(-2),
      kind: 'internal_report',
      text: 'Gemeld bij de griffier; zij heeft de burgemeester ingelicht.',
    }),
  );
  return true;
}
