import { randomFillSync } from 'node:crypto';
import path from 'node:path';
import { KEY_BYTES } from './encoding.ts';
import { KeyringError } from './errors.ts';
import { createKeyFile, defaultKeyFilePath, legacyKeyFilePath, readKeyFile, sameKeys } from './key-file.ts';
import { Keyring } from './keyring.ts';
import { generateKid } from './kid.ts';
import { parseMasterKey } from './master-key.ts';
import { type KeyMaterial, wipeMaterial } from './material.ts';

export interface LoadKeyringOptions {
  /** The MASTER_KEY environment variable; when set (non-empty) it is the only source. */
  masterKey?: string | undefined;
  /** An explicit key file; it must exist. */
  keyFile?: string | undefined;
  /** The data directory; `<dataDir>-keys/master.json` beside it is used, and created on first start. */
  dataDir?: string | undefined;
  /** False: never make a new key file (a restore needs the keys of the backup's time, not new ones). */
  create?: boolean;
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
  /** Something the operator should fix, for the start-up log (a key file still inside the data directory). */
  warning?: string;
}

/**
 * Loads the keys, in this order of precedence:
 * 1. `masterKey` (MASTER_KEY), when non-empty: keys managed outside the data directory.
 * 2. `keyFile`: a key file at an explicit path, which must already exist (a missing mount must not
 *    silently become a fresh key that cannot read the existing data).
 * 3. `dataDir`: local mode; `<dataDir>-keys/master.json` beside the data directory, generated on first
 *    start. A key file at the old place inside it (`<dataDir>/keys/master.json`) keeps working, with a
 *    warning to move it: a copy of the data directory must not carry its own key.
 */
export function loadKeyring(options: LoadKeyringOptions): LoadedKeyring {
  const masterKey = options.masterKey?.trim();
  if (masterKey) {
    return {
      keyring: Keyring.fromMaterial(parseMasterKey(masterKey), { kind: 'env' }),
      location: 'MASTER_KEY',
      generated: false,
    };
  }
  if (options.keyFile) {
    const file = options.keyFile;
    const material = readKeyFile(file);
    if (!material) {
      throw new KeyringError('key_file_missing', `The key file ${file} does not exist (set by the key file option)`);
    }
    return { keyring: Keyring.fromMaterial(material, { kind: 'file', path: file }), location: file, generated: false };
  }
  if (options.dataDir) {
    const file = defaultKeyFilePath(options.dataDir);
    const legacy = legacyKeyFilePath(options.dataDir);
    let material = readKeyFile(file);
    const legacyMaterial = readKeyFile(legacy);
    if (legacyMaterial) return fromLegacyPlace({ file, legacy, material, legacyMaterial });
    let generated = false;
    if (!material && options.create === false) {
      throw new KeyringError('key_file_missing', `There is no key file at ${file} (and MASTER_KEY is not set)`);
    }
    if (!material) {
      const fresh = freshMaterial();
      // Of two processes starting at once, only one creates the file; the other reads the winner's.
      generated = createKeyFile(file, fresh);
      material = generated ? fresh : readKeyFile(file);
      if (!generated) wipeMaterial(fresh);
      if (!material) throw new KeyringError('key_file_missing', `The key file ${file} vanished while it was created`);
    }
    return { keyring: Keyring.fromMaterial(material, { kind: 'file', path: file }), location: file, generated };
  }
  throw new KeyringError('no_key_source', 'No keys: set MASTER_KEY, or give a key file or a data directory');
}

function fromLegacyPlace(found: {
  file: string;
  legacy: string;
  material: KeyMaterial | null;
  legacyMaterial: KeyMaterial;
}): LoadedKeyring {
  const { file, legacy, material, legacyMaterial } = found;
  if (!material) {
    const move = `mkdir -m 700 -p ${path.dirname(file)} && mv ${legacy} ${file}`;
    return {
      keyring: Keyring.fromMaterial(legacyMaterial, { kind: 'file', path: legacy }),
      location: legacy,
      generated: false,
      warning:
        `The key file ${legacy} is inside the data directory, so a copy of that directory can be decrypted. ` +
        `Stop Weerbaar and move it beside the directory: ${move}`,
    };
  }
  const same = sameKeys(material, legacyMaterial);
  wipeMaterial(legacyMaterial);
  if (!same) {
    wipeMaterial(material);
    throw new KeyringError(
      'key_file_ambiguous',
      `There are two different key files: ${file} and ${legacy} (the old place, inside the data directory). ` +
        'Find out which one encrypted the data, keep that one at the first place and remove the other.',
    );
  }
  return {
    keyring: Keyring.fromMaterial(material, { kind: 'file', path: file }),
    location: file,
    generated: false,
    warning: `The key file ${file} is also still inside the data directory (${legacy}): remove that copy.`,
  };
}

function freshMaterial(): KeyMaterial {
  const kid = generateKid();
  return {
    keys: [{ kid, key: randomFillSync(Buffer.alloc(KEY_BYTES)), createdAt: new Date().toISOString() }],
    currentKid: kid,
    indexSecret: randomFillSync(Buffer.alloc(KEY_BYTES)),
  };
}
