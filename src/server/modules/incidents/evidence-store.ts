import { createReadStream, createWriteStream, mkdirSync, type ReadStream, type WriteStream } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FILE_SUFFIX = '.wbs';
const PART_SUFFIX = '.part';

/**
 * Where evidence files live: one encrypted file per evidence id (`<root>/<id>.wbs`), written first as
 * `<root>/incoming/<id>.part`. Names are server-made UUIDs only, so nothing a client sends ever becomes
 * part of a path. A file is fsynced and renamed into place (and the directory fsynced) before its
 * database row commits: once the row exists, so does its file, also after a crash. The reverse (a file
 * whose row never committed, or whose row was deleted) is found by sweep.ts and removed.
 *
 * The store is a local directory (EVIDENCE_DIR, default DATA_DIR/evidence). With several instances on
 * PostgreSQL it must be shared storage that supports rename and fsync (a network file system).
 */
export class EvidenceStore {
  readonly incoming: string;

  readonly root: string;

  constructor(root: string) {
    this.root = root;
    this.incoming = path.join(root, 'incoming');
    mkdirSync(this.incoming, { recursive: true, mode: 0o700 });
  }

  #checked(id: string): string {
    if (!ID.test(id)) throw new Error('An evidence id is a lower-case UUID');
    return id;
  }

  filePath(id: string): string {
    return path.join(this.root, `${this.#checked(id)}${FILE_SUFFIX}`);
  }

  partPath(id: string): string {
    return path.join(this.incoming, `${this.#checked(id)}${PART_SUFFIX}`);
  }

  /** A new file in `incoming/`; refuses to overwrite anything. */
  createPart(id: string): WriteStream {
    return createWriteStream(this.partPath(id), { flags: 'wx', mode: 0o600 });
  }

  /** Flushes the part to disk and moves it into place, durably (file, then directory, fsynced). */
  async commitPart(id: string): Promise<void> {
    const part = this.partPath(id);
    const handle = await open(part, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(part, this.filePath(id));
    await syncDirectory(this.root);
  }

  read(id: string): ReadStream {
    return createReadStream(this.filePath(id));
  }

  async exists(id: string): Promise<boolean> {
    return stat(this.filePath(id)).then(
      () => true,
      () => false,
    );
  }

  async removePart(id: string): Promise<void> {
    await rm(this.partPath(id), { force: true });
  }

  async remove(id: string): Promise<void> {
    await rm(this.filePath(id), { force: true });
    await syncDirectory(this.root);
  }

  /** Every stored file and every unfinished part, with its last change, for the sweep. */
  async inventory(): Promise<{ files: StoredFile[]; parts: StoredFile[] }> {
    return { files: await list(this.root, FILE_SUFFIX), parts: await list(this.incoming, PART_SUFFIX) };
  }
}

export interface StoredFile {
  id: string;
  modifiedAt: Date;
}

async function list(dir: string, suffix: string): Promise<StoredFile[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: StoredFile[] = [];
  for (const name of names) {
    if (!name.endsWith(suffix)) continue;
    const id = name.slice(0, -suffix.length);
    if (!ID.test(id)) continue;
    const info = await stat(path.join(dir, name)).catch(() => null);
    if (info?.isFile()) found.push({ id, modifiedAt: info.mtime });
  }
  return found;
}

/** A rename is durable only once the directory entry is on disk too. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself still happened.
  } finally {
    await handle.close();
  }
}
