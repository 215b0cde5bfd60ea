/**
 * Raw key material as read from MASTER_KEY or a key file, before the keyring turns it into KeyObjects.
 * Both sources produce this shape, so the keyring does not care where its keys came from.
 */
export interface KeyEntry {
  kid: string;
  /** 32 bytes. */
  key: Buffer;
  /** ISO timestamp; known for keys from a key file, absent for keys from MASTER_KEY. */
  createdAt?: string;
}

export interface KeyMaterial {
  /** Oldest first, as listed. */
  keys: KeyEntry[];
  /** The kid new envelopes are wrapped under. */
  currentKid: string;
  /** 32 bytes; the seed of every keyed-hash key. Independent of the KEKs, so rotation never changes it. */
  indexSecret: Buffer;
}

/** Overwrites every secret buffer, once the keyring has copied them into KeyObjects. */
export function wipeMaterial(material: KeyMaterial): void {
  for (const entry of material.keys) entry.key.fill(0);
  material.indexSecret.fill(0);
}
