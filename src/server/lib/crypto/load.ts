import { randomFillSync } from 'node:crypto';
import { KEY_BYTES } from './encoding.ts';
import { KeyringError } from './errors.ts';
import { createKeyFile, defaultKeyFilePath, keyFileIn, readKeyFile } from './key-file.ts';
import { Keyring } from './keyring.ts';
import { generateKid } from './kid.ts';
import { parseMasterKey } from './master-key.ts';
import { type KeyMaterial, wipeMaterial } from './material.ts';

export interface LoadKeyringOptions {
  /** The MASTER_KEY environment variable; when set (non-empty) it is the only source. */
  masterKey?: string | undefined;
  /** An explicit key file; it must exist. */
  keyFile?: string | undefined;
  /**
   * Local mode: the directory of the key file (`master.json`), created on first start. Keep it outside
   * the data directory (main.ts: KEYS_DIR, by default `<DATA_DIR>-keys`).
   */
  keysDir?: string | undefined;
  /**
   * The data directory. Its `keys/master.json` (where keys lived before they moved out) is still used when
   * it exists and `keysDir` holds no key file yet; `insideDataDir` then tells the caller to warn. Without
   * `keysDir`, it is also where a new key file is made (tests, tools).
   */
  dataDir?: string | undefined;
}

export interface LoadedKeyring {
  keyring: Keyring;
  /** "MASTER_KEY" or the key file's absolute path, for the start-up log. */
  location: string;
  /**
   * True when this call generated a new key file. Log it ("generated a new master key in …; back it
   * up"). On a database that already holds encrypted data it means the old key file is gone: stop.
   */
  generated: boolean;
  /** True when the key file sits inside the data directory: a copy of that directory can be decrypted. */
  insideDataDir: boolean;
}

/**
 * Loads the keys, in this order of precedence:
 * 1. `masterKey` (MASTER_KEY), when non-empty: keys managed outside the data directory.
 * 2. `keyFile`: a key file at an explicit path, which must already exist (a missing mount must not
 *    silently become a fresh key that cannot read the existing data).
 * 3. Local mode: `<keysDir>/master.json`; or, while only the old one exists, `<dataDir>/keys/master.json`;
 *    else a new key file in `keysDir` (or, without one, in `<dataDir>/keys`), generated on first start.
 */
export function loadKeyring(options: LoadKeyringOptions): LoadedKeyring {
  const masterKey = options.masterKey?.trim();
  if (masterKey) {
    return {
      keyring: Keyring.fromMaterial(parseMasterKey(masterKey), { kind: 'env' }),
      location: 'MASTER_KEY',
      generated: false,
      insideDataDir: false,
    };
  }
  if (options.keyFile) {
    const file = options.keyFile;
    const material = readKeyFile(file);
    if (!material) {
      throw new KeyringError('key_file_missing', `The key file ${file} does not exist (set by the key file option)`);
    }
    return {
      keyring: Keyring.fromMaterial(material, { kind: 'file', path: file }),
      location: file,
      generated: false,
      insideDataDir: false,
    };
  }
  if (options.keysDir || options.dataDir) {
    const preferred = options.keysDir ? keyFileIn(options.keysDir) : null;
    const old = options.dataDir ? defaultKeyFilePath(options.dataDir) : null;
    let file = (preferred ?? old) as string;
    let material = readKeyFile(file);
    if (!material && preferred && old) {
      material = readKeyFile(old);
      if (material) file = old;
    }
    let generated = false;
    if (!material) {
      const fresh = freshMaterial();
      // Of two processes starting at once, only one creates the file; the other reads the winner's.
      generated = createKeyFile(file, fresh);
      material = generated ? fresh : readKeyFile(file);
      if (!generated) wipeMaterial(fresh);
      if (!material) throw new KeyringError('key_file_missing', `The key file ${file} vanished while it was created`);
    }
    return {
      keyring: Keyring.fromMaterial(material, { kind: 'file', path: file }),
      location: file,
      generated,
      insideDataDir: file === old,
    };
  }
  throw new KeyringError('no_key_source', 'No keys: set MASTER_KEY, or give a key file or a data directory');
}

function freshMaterial(): KeyMaterial {
  const kid = generateKid();
  return {
    keys: [{ kid, key: randomFillSync(Buffer.alloc(KEY_BYTES)), createdAt: new Date().toISOString() }],
    currentKid: kid,
    indexSecret: randomFillSync(Buffer.alloc(KEY_BYTES)),
  };
}
