import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';

/**
 * A streaming ZIP writer for exports (the police dossier): stored entries (no compression: evidence is
 * mostly photos and video, compressed already, and stored bytes are the exact originals), UTF-8 names,
 * sizes and CRC-32 known up front so every header is final when written (no data descriptors) and any
 * unzip tool reads it. Each entry's bytes come from a stream opened only when it is its turn, so a
 * dossier of many large files never sits in memory. No ZIP64: an archive over 4 GiB or 65,535 entries
 * is refused before anything is written. The bytes streamed must match the declared size and CRC-32,
 * otherwise the stream fails (an incomplete archive is never passed off as whole).
 */

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, relative, no `..`. */
  name: string;
  size: number;
  crc32: number;
  modifiedAt: Date;
  open: () => Readable | Promise<Readable>;
}

const LIMIT = 0xffffffff;

export class ZipTooLargeError extends Error {
  constructor() {
    super('The archive would exceed 4 GiB or 65,535 entries');
    this.name = 'ZipTooLargeError';
  }
}

function checkName(name: string): Buffer {
  if (
    !name ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.split('/').some((part) => part === '..' || part === '')
  ) {
    throw new TypeError(`Not a safe archive path: ${JSON.stringify(name)}`);
  }
  return Buffer.from(name, 'utf8');
}

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** The exact size of the archive these entries make (for Content-Length). */
export function zipSize(entries: readonly ZipEntry[]): number {
  let total = 22;
  for (const entry of entries) {
    const name = Buffer.byteLength(entry.name, 'utf8');
    total += 30 + name + entry.size + 46 + name;
  }
  return total;
}

export function zipStream(entries: readonly ZipEntry[]): Readable {
  const names = entries.map((entry) => checkName(entry.name));
  if (entries.length > 0xffff || zipSize(entries) > LIMIT) throw new ZipTooLargeError();
  async function* generate() {
    const central: Buffer[] = [];
    let offset = 0;
    for (const [index, entry] of entries.entries()) {
      const name = names[index] as Buffer;
      const { time, date } = dosDateTime(entry.modifiedAt);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4); // version needed: 2.0
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(0, 8); // stored
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      local.writeUInt32LE(entry.crc32 >>> 0, 14);
      local.writeUInt32LE(entry.size, 18);
      local.writeUInt32LE(entry.size, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      yield Buffer.concat([local, name]);

      let written = 0;
      let crc = 0;
      for await (const chunk of await entry.open()) {
        const bytes = chunk as Buffer;
        written += bytes.length;
        if (written > entry.size) throw new Error(`Entry ${entry.name} is longer than declared`);
        crc = crc32(bytes, crc);
        yield bytes;
      }
      if (written !== entry.size || crc >>> 0 !== entry.crc32 >>> 0) {
        throw new Error(`Entry ${entry.name} does not match its declared size and CRC-32`);
      }

      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x0800, 8);
      header.writeUInt16LE(0, 10);
      header.writeUInt16LE(time, 12);
      header.writeUInt16LE(date, 14);
      header.writeUInt32LE(entry.crc32 >>> 0, 16);
      header.writeUInt32LE(entry.size, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
      header.writeUInt32LE(offset, 42);
      central.push(header, name);
      offset += 30 + name.length + entry.size;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    yield Buffer.concat([directory, end]);
  }
  return Readable.from(generate(), { objectMode: false });
}

/** An entry whose bytes are already in memory (the PDF, the manifests). */
export function bufferEntry(name: string, bytes: Buffer, modifiedAt: Date): ZipEntry {
  return { name, size: bytes.length, crc32: crc32(bytes) >>> 0, modifiedAt, open: () => Readable.from([bytes]) };
}

/** Reads a stored-only ZIP (as written above) from memory: for tests and checks, not for untrusted input at scale. */
export function readStoredZip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error('No end of central directory');
  const count = zip.readUInt16LE(endAt + 10);
  let at = zip.readUInt32LE(endAt + 16);
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('Bad central directory entry');
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const localName = zip.readUInt16LE(localAt + 26);
    const localExtra = zip.readUInt16LE(localAt + 28);
    const dataAt = localAt + 30 + localName + localExtra;
    files.set(name, zip.subarray(dataAt, dataAt + size));
    at += 46 + nameLength + extra + comment;
  }
  return files;
}
