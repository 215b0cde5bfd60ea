import { readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/server/db/index.ts';
import type { TestActor } from './actors.ts';
import type { TestApp } from './test-app.ts';

/** A multipart/form-data body, built by hand so tests can also send broken ones. */
export function multipart(
  parts: ({ name: string; value: string } | { name: string; fileName: string; bytes: Buffer; type?: string })[],
  boundary = 'weerbaarTestBoundary7d3f',
): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\n` +
            `Content-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.bytes,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const QUICK_ENTRY = {
  occurredOn: '2026-11-30',
  whatHappened: 'Een man schreeuwde op de markt.',
  channel: 'in_person',
};

export async function recordIncident(t: TestApp, actor: TestActor, body: object = QUICK_ENTRY): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/me/incidents',
    headers: actor.headers,
    payload: body,
  });
  if (response.statusCode !== 201) throw new Error(`record incident: ${response.statusCode} ${response.body}`);
  return response.json().incident.id as string;
}

export async function uploadEvidence(
  t: TestApp,
  actor: TestActor,
  incidentId: string,
  file: { fileName: string; bytes: Buffer },
  fields: Record<string, string> = {},
) {
  const body = multipart([
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    { name: 'file', fileName: file.fileName, bytes: file.bytes },
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/me/incidents/${incidentId}/evidence`,
    headers: { ...actor.headers, ...body.headers },
    payload: body.payload,
  });
}

/** What the evidence store and the table hold right now: the invariant is that these always agree. */
export async function storeState(t: TestApp) {
  const root = t.config.EVIDENCE_DIR as string;
  const files = readdirSync(root).filter((name) => name.endsWith('.wbs'));
  const parts = readdirSync(path.join(root, 'incoming'));
  const rows = rowsOf<{ id: string; deleted: boolean }>(
    await t.app.db.execute(sql`SELECT id::text AS id, deleted_at IS NOT NULL AS deleted FROM incident_evidence`),
  );
  return { files: files.map((name) => name.replace(/\.wbs$/, '')).sort(), parts, rows };
}
