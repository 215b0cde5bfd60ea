import type { DraftContent } from '../../../shared/incidents.ts';
import { apiGet } from '../../api/client.ts';

/**
 * The quick entry's draft in the browser, for when the server cannot be reached (or the tab closes before
 * it could). What the browser may hold on a shared device: only ciphertext. The draft is encrypted
 * (AES-256-GCM, WebCrypto) with this person's draft key, which the server hands to their signed-in
 * session and which this tab keeps in memory only (never in storage). So local storage holds one
 * opaque blob, readable by nobody without that person's session; it is removed as soon as the server
 * has the draft or the incident, and it is ignored after 30 days.
 */

const STORAGE_KEY = 'weerbaar.incidentDraft';
const MAX_AGE_MS = 30 * 86_400_000;

interface Sealed {
  keyId: string;
  iv: string;
  data: string;
  savedAt: string;
}

let key: { id: string; crypto: CryptoKey } | null = null;

const toBase64 = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes instanceof ArrayBuffer ? bytes : bytes.buffer)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
const fromBase64url = (text: string) =>
  fromBase64(
    text
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(text.length / 4) * 4, '='),
  );

/** Fetches this person's draft key once per page load (while there is a connection). */
export async function loadDraftKey(): Promise<boolean> {
  if (key) return true;
  try {
    const answer = await apiGet<{ key: string; keyId: string }>('/api/me/incidents/draft-key');
    const raw = fromBase64url(answer.key);
    const crypto = await window.crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    raw.fill(0);
    key = { id: answer.keyId, crypto };
    return true;
  } catch {
    return false;
  }
}

export function forgetDraftKey() {
  key = null;
}

/** Keeps the draft encrypted in this browser; false when no key is at hand (then nothing is stored). */
export async function keepLocally(draft: DraftContent): Promise<boolean> {
  if (!key) return false;
  const iv = window.crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(draft));
  const data = await window.crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key.crypto, plain);
  const sealed: Sealed = { keyId: key.id, iv: toBase64(iv), data: toBase64(data), savedAt: new Date().toISOString() };
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(sealed));
    return true;
  } catch {
    return false;
  }
}

/** The draft kept in this browser, if it is this person's and recent; null otherwise. */
export async function readLocal(): Promise<{ draft: DraftContent; savedAt: string } | null> {
  let sealed: Sealed;
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    sealed = JSON.parse(raw) as Sealed;
  } catch {
    return null;
  }
  if (Date.now() - Date.parse(sealed.savedAt) > MAX_AGE_MS) {
    clearLocal();
    return null;
  }
  // Another person's draft on a shared device: not ours to read, and not ours to delete either.
  if (!key || sealed.keyId !== key.id) return null;
  try {
    const plain = await window.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(sealed.iv) },
      key.crypto,
      fromBase64(sealed.data),
    );
    return { draft: JSON.parse(new TextDecoder().decode(plain)) as DraftContent, savedAt: sealed.savedAt };
  } catch {
    return null;
  }
}

export function clearLocal() {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage may be off; then nothing was kept either.
  }
}

/** True when a draft of this person's sits in the browser (for the "will be sent" notice). */
export function hasLocal(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}
