import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bufferEntry, readStoredZip, ZipTooLargeError, zipSize, zipStream } from './zip.ts';

const at = new Date('2026-11-30T14:03:08Z');

describe('the streaming ZIP writer', () => {
  it('writes an archive that reads back byte for byte, here and in unzip', async () => {
    const video = randomBytes(300_000);
    const entries = [
      bufferEntry('dossier.pdf', Buffer.from('%PDF-1.7 test'), at),
      bufferEntry('bewijs/01 foto van de brief é.jpg', randomBytes(1000), at),
      {
        name: 'bewijs/02 video.mp4',
        size: video.length,
        crc32: crc32(video),
        modifiedAt: at,
        open: () => Readable.from([video.subarray(0, 1000), video.subarray(1000)]),
      },
    ];
    const zip = await buffer(zipStream(entries));
    expect(zip.length).toBe(zipSize(entries));
    const files = readStoredZip(zip);
    expect([...files.keys()]).toEqual(entries.map((entry) => entry.name));
    expect(files.get('bewijs/02 video.mp4')?.equals(video)).toBe(true);

    if (!existsSync('/usr/bin/unzip')) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-zip-'));
    try {
      writeFileSync(path.join(dir, 'a.zip'), zip);
      expect(execFileSync('unzip', ['-t', 'a.zip'], { cwd: dir }).toString()).toMatch(/No errors detected/);
      execFileSync('unzip', ['-q', 'a.zip', '-d', 'out'], { cwd: dir });
      const listing = execFileSync('unzip', ['-Z1', 'a.zip'], { cwd: dir }).toString();
      expect(listing).toContain('bewijs/01 foto van de brief é.jpg');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails instead of writing an entry whose bytes do not match what was declared', async () => {
    const bytes = randomBytes(100);
    const liar = {
      name: 'x.bin',
      size: 100,
      crc32: crc32(bytes) ^ 1,
      modifiedAt: at,
      open: () => Readable.from([bytes]),
    };
    await expect(buffer(zipStream([liar]))).rejects.toThrow(/does not match/);
    const short = { name: 'y.bin', size: 200, crc32: crc32(bytes), modifiedAt: at, open: () => Readable.from([bytes]) };
    await expect(buffer(zipStream([short]))).rejects.toThrow(/does not match/);
  });

  it('refuses unsafe paths and archives beyond 4 GiB', () => {
    for (const name of ['../x', '/etc/passwd', 'a/../b', 'a\\b', '', 'a//b']) {
      expect(() => zipStream([bufferEntry(name, Buffer.from('x'), at)])).toThrow(TypeError);
    }
    const huge = { name: 'big', size: 2 ** 32, crc32: 0, modifiedAt: at, open: () => Readable.from([]) };
    expect(() => zipStream([huge])).toThrow(ZipTooLargeError);
  });
});
