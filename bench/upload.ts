import { fork } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { systemContext } from '../src/server/lib/context.ts';
import { people } from '../src/server/modules/people/db.ts';
import { insertInvitedPerson } from '../src/server/modules/people/repository.ts';
import { sessionCookieName } from '../src/server/modules/sessions/cookie.ts';
import { csrfTokenFor } from '../src/server/modules/sessions/plugin.ts';
import { createSession } from '../src/server/modules/sessions/service.ts';

/**
 * The evidence upload: a 50 MB video posted as multipart to the app, which checks its type, hashes it,
 * encrypts it in chunks and writes it to the evidence store, then commits its row; next to a bare
 * Fastify server that streams the very same request bytes to disk and does nothing else. Each upload is
 * sent by a child process from a generator (the client never holds the file either), one at a time,
 * while this process (where both servers run) samples its memory every 10 ms. Reported: MB/s per target,
 * and how far memory rose above where it started (RSS, and heap + buffers) at the peak.
 */

export const UPLOAD_SCENARIO = 'evidence-upload';
const FILE_BYTES = 50 * 1024 * 1024;
const BOUNDARY = 'benchBoundary3f7a';
const CHUNK = 256 * 1024;

export interface UploadTargetResult {
  uploads: number;
  megabytesPerSecond: number;
  peakRssDeltaMb: number;
  peakHeapAndBuffersDeltaMb: number;
}

export interface UploadResult {
  name: string;
  fileMb: number;
  app: UploadTargetResult;
  bare: UploadTargetResult;
  throughputRatio: number;
}

interface UploadJob {
  url: string;
  headers: Record<string, string>;
}

function head(): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="caption"\r\n\r\nBench\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="video.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
}
const TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** The video's bytes: an MP4 `ftyp` box, then filler (the same bytes every time). */
function* videoChunks(): Generator<Buffer> {
  const ftyp = Buffer.from('0000001c667479706973366d0000020069736f6d69736f326d703431', 'hex');
  const filler = Buffer.alloc(CHUNK, 0x5a);
  yield ftyp;
  let left = FILE_BYTES - ftyp.length;
  while (left > 0) {
    const size = Math.min(left, CHUNK);
    yield size === CHUNK ? filler : filler.subarray(0, size);
    left -= size;
  }
}

/** In the child: stream one multipart upload and report the status. */
async function send(job: UploadJob): Promise<number> {
  const length = head().length + FILE_BYTES + TAIL.length;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      job.url,
      {
        method: 'POST',
        headers: {
          ...job.headers,
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': length,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    void (async () => {
      const write = (chunk: Buffer) =>
        new Promise<void>((done) => {
          if (req.write(chunk)) done();
          else req.once('drain', () => done());
        });
      await write(head());
      for (const chunk of videoChunks()) await write(chunk);
      req.end(TAIL);
    })();
  });
}

const SELF = fileURLToPath(import.meta.url);

function uploadInChild(job: UploadJob): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let status: number | undefined;
    child.on('message', (message: { status?: number; error?: string }) => {
      if (message.error) reject(new Error(message.error));
      status = message.status;
    });
    child.on('exit', () => (status === undefined ? reject(new Error('upload child died')) : resolve(status)));
    child.send(job);
  });
}

async function measureTarget(jobs: () => UploadJob, count: number, expected: number): Promise<UploadTargetResult> {
  global.gc?.();
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed + start.arrayBuffers;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed + now.arrayBuffers);
  }, 10);
  const began = performance.now();
  try {
    for (let index = 0; index < count; index++) {
      const status = await uploadInChild(jobs());
      if (status !== expected) throw new Error(`upload answered ${status}, expected ${expected}`);
    }
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - began) / 1000;
  const mb = 1024 * 1024;
  return {
    uploads: count,
    megabytesPerSecond: Number(((count * FILE_BYTES) / mb / seconds).toFixed(1)),
    peakRssDeltaMb: Number(((peakRss - start.rss) / mb).toFixed(1)),
    peakHeapAndBuffersDeltaMb: Number(((peakHeap - start.heapUsed - start.arrayBuffers) / mb).toFixed(1)),
  };
}

/** A bare server that streams the request body to a file: the floor for "receive 50 MB and keep it". */
async function bareDiskServer(dir: string): Promise<FastifyInstance> {
  const bare = Fastify({ logger: false, bodyLimit: FILE_BYTES * 2 });
  bare.addContentTypeParser('*', (_request, _payload, done) => done(null));
  let n = 0;
  bare.post('/upload', async (request, reply) => {
    await pipeline(request.raw, createWriteStream(path.join(dir, `${n++}.bin`)));
    return reply.status(201).send({ ok: true });
  });
  await bare.listen({ host: '127.0.0.1', port: 0 });
  return bare;
}

/** Runs the scenario against the app (already listening at appUrl) and the bare disk server. */
export async function runUploadScenario(app: FastifyInstance, appUrl: string, uploads: number): Promise<UploadResult> {
  const { cookie, csrfToken } = await signedIn(app);
  const incidents: string[] = [];
  // An incident holds at most 30 files: one incident per upload keeps every run well inside the limits.
  for (let index = 0; index < uploads + 1; index++) {
    const response = await fetch(new URL('/api/me/incidents', appUrl), {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        occurredOn: '2026-11-30',
        whatHappened: 'Bench: een video van het voorval.',
        channel: 'in_person',
      }),
    });
    if (response.status !== 201) throw new Error(`creating an incident answered ${response.status}`);
    incidents.push(((await response.json()) as { incident: { id: string } }).incident.id);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'weerbaar-bench-disk-'));
  const bare = await bareDiskServer(dir);
  const address = bare.server.address();
  const bareUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}/upload` : '';
  try {
    let next = 0;
    const appJob = (): UploadJob => ({
      url: new URL(`/api/me/incidents/${incidents[next++]}/evidence`, appUrl).toString(),
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    // One of each first, outside the measurement (JIT, first file system writes).
    await uploadInChild(appJob());
    await uploadInChild({ url: bareUrl, headers: {} });
    const bareResult = await measureTarget(() => ({ url: bareUrl, headers: {} }), uploads, 201);
    const appResult = await measureTarget(appJob, uploads, 201);
    return {
      name: UPLOAD_SCENARIO,
      fileMb: FILE_BYTES / (1024 * 1024),
      app: appResult,
      bare: bareResult,
      throughputRatio: Number((appResult.megabytesPerSecond / bareResult.megabytesPerSecond).toFixed(2)),
    };
  } finally {
    await bare.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatUploadResult(result: UploadResult): string {
  const row = (target: string, r: UploadTargetResult) =>
    `${target.padEnd(6)} ${String(r.uploads).padStart(7)} ${String(r.megabytesPerSecond).padStart(8)} ${String(r.peakRssDeltaMb).padStart(14)} ${String(r.peakHeapAndBuffersDeltaMb).padStart(18)}`;
  return [
    `${result.name}: ${result.fileMb} MB video, multipart, one upload at a time`,
    'target uploads     MB/s  peak RSS +MB  peak heap+buf +MB',
    row('app', result.app),
    row('bare', result.bare),
    `app/bare throughput: ${result.throughputRatio} (bare = stream the same request to disk, nothing else)`,
  ].join('\n');
}

async function signedIn(app: FastifyInstance) {
  return app.db.transaction(async (tx) => {
    const person = await insertInvitedPerson(
      tx,
      { displayName: 'Bench Uploader', email: `bench-upload-${Date.now()}@example.invalid`, roles: ['officeholder'] },
      null,
    );
    await tx.update(people).set({ status: 'active', activatedAt: new Date() }).where(eq(people.id, person.id));
    const { token } = await createSession(tx, systemContext(), { personId: person.id, method: 'passkey' }, app.config);
    return { cookie: `${sessionCookieName(app.config)}=${token}`, csrfToken: csrfTokenFor(app, token) };
  });
}

// Started by uploadInChild(): one upload, answer the status, exit.
if (process.send && process.argv[1] === SELF) {
  process.once('message', (job: UploadJob) => {
    send(job).then(
      (status) => process.send?.({ status }, () => process.exit(0)),
      (error: unknown) => process.send?.({ error: String(error) }, () => process.exit(1)),
    );
  });
}
