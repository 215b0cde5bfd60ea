import { execFileSync } from 'node:child_process';
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { contextAad } from './aad.ts';
import { DecryptionError } from './errors.ts';
import { Keyring } from './keyring.ts';
import { openStream, STREAM_HEADER_BYTES, sealStream } from './stream.ts';

const aad = contextAad('incident_evidence', 'content', 'e1');

async function collect(source: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(
    source,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        parts.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(parts);
}

/** Feeds the bytes in pieces of random sizes, as a network would. */
function pieces(bytes: Buffer): Readable {
  const out: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const size = 1 + Math.floor(Math.random() * 5000);
    out.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return Readable.from(out);
}

async function seal(keyring: Keyring, plaintext: Buffer, chunk = 1024) {
  const { keyEnvelope, encryptor } = sealStream(keyring, aad, chunk);
  const file = await collect(pieces(plaintext).pipe(encryptor));
  return { keyEnvelope, file };
}

const open = (keyring: Keyring, keyEnvelope: string, file: Buffer, context = aad) =>
  collect(pieces(file).pipe(openStream(keyring, keyEnvelope, context)));

describe('streaming encryption (chunked AES-256-GCM)', () => {
  const keyring = Keyring.generate();

  it.each([0, 1, 1023, 1024, 1025, 4096, 10_000])('round-trips %i bytes in any piece sizes', async (size) => {
    const plaintext = randomBytes(size);
    const { keyEnvelope, file } = await seal(keyring, plaintext);
    expect(file.length).toBe(STREAM_HEADER_BYTES + Math.max(1, Math.ceil(size / 1024)) * 16 + size);
    expect(await open(keyring, keyEnvelope, file)).toEqual(plaintext);
  });

  it('never writes the plaintext, and two seals of the same bytes differ', async () => {
    const plaintext = Buffer.from('Canary: bedreiging via de telefoon '.repeat(100));
    const a = await seal(keyring, plaintext);
    const b = await seal(keyring, plaintext);
    expect(a.file.includes(Buffer.from('Canary'))).toBe(false);
    expect(a.file.equals(b.file)).toBe(false);
    expect(a.keyEnvelope).not.toBe(b.keyEnvelope);
  });

  const damaged: [string, (file: Buffer) => Buffer][] = [
    [
      'a flipped bit in a chunk',
      (f) => Buffer.concat([f.subarray(0, 500), Buffer.from([(f[500] ?? 0) ^ 1]), f.subarray(501)]),
    ],
    [
      'a flipped bit in the header',
      (f) => Buffer.concat([f.subarray(0, 10), Buffer.from([(f[10] ?? 0) ^ 1]), f.subarray(11)]),
    ],
    ['cut at a chunk boundary', (f) => f.subarray(0, STREAM_HEADER_BYTES + 2 * (1024 + 16))],
    ['cut in the middle', (f) => f.subarray(0, f.length - 7)],
    ['extended', (f) => Buffer.concat([f, Buffer.alloc(16)])],
    [
      'two chunks swapped',
      (f) => {
        const size = 1024 + 16;
        const first = f.subarray(STREAM_HEADER_BYTES, STREAM_HEADER_BYTES + size);
        const second = f.subarray(STREAM_HEADER_BYTES + size, STREAM_HEADER_BYTES + 2 * size);
        return Buffer.concat([
          f.subarray(0, STREAM_HEADER_BYTES),
          second,
          first,
          f.subarray(STREAM_HEADER_BYTES + 2 * size),
        ]);
      },
    ],
    ['only the header', (f) => f.subarray(0, STREAM_HEADER_BYTES)],
    ['shorter than the header', (f) => f.subarray(0, 5)],
  ];

  it.each(damaged)('refuses a file with %s', async (_label, damage) => {
    const { keyEnvelope, file } = await seal(keyring, randomBytes(5000));
    await expect(open(keyring, keyEnvelope, damage(file))).rejects.toBeInstanceOf(DecryptionError);
  });

  it('refuses another place (AAD), another file’s key, and another keyring', async () => {
    const { keyEnvelope, file } = await seal(keyring, randomBytes(3000));
    const other = await seal(keyring, randomBytes(3000));
    expect(() => openStream(keyring, keyEnvelope, contextAad('incident_evidence', 'content', 'e2'))).toThrow(
      DecryptionError,
    );
    expect(() => openStream(keyring, keyEnvelope, contextAad('x'))).toThrow(DecryptionError);
    await expect(open(keyring, other.keyEnvelope, file)).rejects.toBeInstanceOf(DecryptionError);
    expect(() => openStream(Keyring.generate(), keyEnvelope, aad)).toThrow(DecryptionError);
  });

  it('keeps working after a key rotation rewraps the data key', async () => {
    const plaintext = randomBytes(4000);
    const { keyEnvelope, file } = await seal(keyring, plaintext);
    const rotated = Keyring.generate();
    expect(() => openStream(rotated, keyEnvelope, aad)).toThrow();
    keyring.addKey();
    const rewrapped = keyring.rewrap(keyEnvelope);
    expect(rewrapped).not.toBe(keyEnvelope);
    expect(await open(keyring, rewrapped, file)).toEqual(plaintext);
  });

  it('holds about one chunk in memory, whatever the size of the stream', async () => {
    // 64 MiB through the encryptor and back, in 64 KiB pieces; the heap may not grow by the stream's size.
    const piece = randomBytes(64 * 1024);
    const total = 1024;
    const source = () =>
      Readable.from(
        (function* () {
          for (let i = 0; i < total; i++) yield piece;
        })(),
      );
    const { keyEnvelope, encryptor } = sealStream(keyring, aad);
    let encrypted = 0;
    let decrypted = 0;
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const decryptor = openStream(keyring, keyEnvelope, aad);
    await pipeline(
      source(),
      encryptor,
      decryptor,
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          decrypted += chunk.length;
          encrypted++;
          if (encrypted % 64 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
          callback();
        },
      }),
    );
    expect(decrypted).toBe(total * piece.length);
    expect(peak - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('refuses a chunk size outside 1 KiB … 1 MiB', () => {
    expect(() => sealStream(keyring, aad, 100)).toThrow(RangeError);
    expect(() => sealStream(keyring, aad, 2 * 1024 * 1024)).toThrow(RangeError);
  });
});

describe('signatures from the keyring', () => {
  it('derives one stable Ed25519 key per purpose, which verifies in Node and in openssl', () => {
    const keyring = Keyring.generate();
    const signer = keyring.signer('incident-dossier');
    expect(keyring.signer('incident-dossier').publicKeyPem).toBe(signer.publicKeyPem);
    expect(keyring.signer('other-purpose').publicKeyPem).not.toBe(signer.publicKeyPem);
    keyring.addKey();
    expect(keyring.signer('incident-dossier').publicKeyPem).toBe(signer.publicKeyPem);
    const data = Buffer.from('abc  manifest\n');
    const signature = signer.sign(data);
    expect(signature).toHaveLength(64);
    expect(verify(null, data, createPublicKey(signer.publicKeyPem), signature)).toBe(true);
    expect(verify(null, Buffer.from('abd  manifest\n'), createPublicKey(signer.publicKeyPem), signature)).toBe(false);
    expect(signer.publicKeyId).toMatch(/^[0-9a-f]{64}$/);
    expect(() => keyring.signer('Bad Purpose')).toThrow(TypeError);

    if (!existsSync('/usr/bin/openssl')) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-sig-'));
    try {
      writeFileSync(path.join(dir, 'key.pem'), signer.publicKeyPem);
      writeFileSync(path.join(dir, 'data'), data);
      writeFileSync(path.join(dir, 'data.sig'), signature);
      const args = [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'key.pem',
        '-rawin',
        '-in',
        'data',
        '-sigfile',
        'data.sig',
      ];
      expect(execFileSync('openssl', args, { cwd: dir }).toString()).toMatch(/Signature Verified Successfully/);
      writeFileSync(path.join(dir, 'data'), Buffer.from('abd  manifest\n'));
      expect(() => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
