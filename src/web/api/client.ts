import type { FieldError, Problem } from '../../shared/problem.ts';
import { BACKGROUND_REFRESH_HEADER } from '../../shared/session.ts';
import { activeAndVisible } from './activity.ts';

/**
 * The one way the web app calls the API: JSON, uploads (a multipart form, or a file as the body) and
 * downloads all go through send() below, so every call gets the same session handling — the CSRF token
 * (fetched anew once when a step-up in another tab changed it), the 401 that ends a lapsed session,
 * the idle-timeout bookkeeping (activity, and background reads marked as such), and an Idempotency-Key
 * on every POST, so one whose answer got lost can be sent again without doing it twice.
 */

/**
 * A read while nobody has used the tab for this long is the page refreshing itself (case pages every
 * 30 s): the server answers it without counting it as activity towards the idle timeout.
 */
const UNATTENDED_AFTER_MS = 60_000;

/** An error answer from the API, carrying its stable code and any field errors for forms. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fieldErrors: FieldError[] = [],
    /** Seconds to wait before trying again (429 with Retry-After); null when the server did not say. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`API error ${status}: ${code}`);
    this.name = 'ApiError';
  }
}

/** True for an ApiError with one of the given codes. */
export function isApiError(error: unknown, ...codes: string[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

/**
 * The CSRF token of the current session. Kept in memory only (never in storage): it comes with
 * GET /api/auth/session and goes back in `X-CSRF-Token` on every state-changing request.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
const activityListeners = new Set<Listener>();

/** Called when a request answers 401: the session ended (idle, elsewhere, or deactivated). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Called after every answered request the server counts as activity for the idle timeout. */
export function onApiActivity(listener: Listener): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a request carries: JSON (serialised here), a multipart form, or one file sent as it is. */
type Payload = { json: unknown } | { form: FormData } | { file: Blob; contentType: string };

interface Outgoing {
  method: Method;
  payload?: Payload;
  /** What the caller can read; problem details come as JSON whatever it says. */
  accept: string;
  signal?: AbortSignal | undefined;
  cache?: RequestCache;
  /** A POST's Idempotency-Key, the same on every try of that one request. */
  key?: string;
}

/**
 * Sends one request and hands back the answer when it is a success; any other answer becomes an
 * ApiError. Every kind of body here can be sent twice (a string, a FormData, a Blob), which the one
 * retry after `csrf_rejected` needs: the refused try did nothing on the server.
 */
async function send(path: string, outgoing: Outgoing, retried = false): Promise<Response> {
  const { method, payload } = outgoing;
  const headers: Record<string, string> = { Accept: outgoing.accept };
  if (method === 'POST') headers['Idempotency-Key'] = outgoing.key ??= crypto.randomUUID();
  const background = method === 'GET' && !activeAndVisible(UNATTENDED_AFTER_MS);
  if (background) headers[BACKGROUND_REFRESH_HEADER] = '1';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit | undefined;
  if (payload && 'json' in payload) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(payload.json);
  } else if (payload && 'file' in payload) {
    headers['Content-Type'] = payload.contentType;
    body = payload.file;
  } else if (payload) {
    // The browser sets the multipart Content-Type with its boundary.
    body = payload.form;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body,
      signal: outgoing.signal,
      ...(outgoing.cache ? { cache: outgoing.cache } : {}),
    });
  } catch (error) {
    // No answer (the connection dropped, perhaps after the server made the change). A POST goes once more
    // under the same Idempotency-Key: the server then answers with what it did, never doing it twice.
    if (method !== 'POST' || retried || outgoing.signal?.aborted) throw error;
    return send(path, outgoing, true);
  }
  if (!background) for (const listener of activityListeners) listener();
  if (response.ok) return response;
  const error = await toApiError(response);
  if (!retried && method !== 'GET' && error.code === 'csrf_rejected' && (await renewCsrfToken(outgoing.signal))) {
    return send(path, outgoing, true);
  }
  if (response.status === 401 && error.code === 'unauthenticated') {
    for (const listener of unauthorizedListeners) listener();
  }
  throw error;
}

/**
 * A confirmation of who you are (step-up) in another tab of this browser gives the session a new token,
 * and with it a new CSRF token, which this tab does not know yet. The session route tells the current
 * one (readable by this origin only); true when it differs, so the change can be sent once more.
 */
async function renewCsrfToken(signal?: AbortSignal): Promise<boolean> {
  const info = await readJson<{ csrfToken: string | null }>(
    await send('/api/auth/session', { method: 'GET', accept: JSON_TYPE, signal }, true),
  );
  if (!info.csrfToken || info.csrfToken === csrfToken) return false;
  csrfToken = info.csrfToken;
  return true;
}

const JSON_TYPE = 'application/json';

async function readJson<T>(response: Response): Promise<T> {
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function requestJson<T>(method: Method, path: string, payload: Payload | undefined, signal?: AbortSignal) {
  return readJson<T>(await send(path, { method, accept: JSON_TYPE, signal, ...(payload ? { payload } : {}) }));
}

export interface GetOptions {
  /** `reload`: past the browser's HTTP cache, which then keeps the fresh answer. */
  cache?: RequestCache;
}

/** GET with JSON back. */
export async function apiGet<T>(path: string, signal?: AbortSignal, options: GetOptions = {}): Promise<T> {
  return readJson<T>(await send(path, { method: 'GET', accept: JSON_TYPE, signal, ...options }));
}

/** POST with a JSON body (`{}` when there is nothing to send), the CSRF token and JSON back. */
export async function apiPost<T>(path: string, body: unknown = {}, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('POST', path, { json: body }, signal);
}

export async function apiPut<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('PUT', path, { json: body }, signal);
}

/** PATCH with a JSON body: a partial change of one record. */
export async function apiPatch<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('PATCH', path, { json: body }, signal);
}

/** DELETE without a body (the API's DELETE routes take none). */
export async function apiDelete<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('DELETE', path, undefined, signal);
}

/** A multipart upload (a file with its name), JSON back. */
export async function apiUpload<T>(path: string, form: FormData, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('POST', path, { form }, signal);
}

/**
 * One file sent as the request body, for an answer the server streams while it works: one JSON value
 * per line (NDJSON), each handed to `onLine` as it arrives, so the page can show the progress.
 */
export async function apiUploadWithProgress(
  path: string,
  file: { body: Blob; contentType: string },
  onLine: (value: unknown) => void,
  signal?: AbortSignal,
): Promise<void> {
  const response = await send(path, {
    method: 'POST',
    payload: { file: file.body, contentType: file.contentType },
    accept: 'application/x-ndjson, application/problem+json',
    signal,
  });
  if (!response.body) throw new ApiError(response.status, 'unknown');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  const handle = (line: string) => {
    if (line.trim()) onLine(JSON.parse(line));
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) handle(line);
  }
  handle(buffered);
}

/** A file the API sent: its content, the name the server gave it (Content-Disposition) and its size. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
  size: number;
}

export interface DownloadOptions {
  /** The name when the server gives none. */
  fallbackName: string;
  /** POST (with a JSON body) for a download that changes something, such as a new activation code. */
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Default: anything. */
  accept?: string;
  signal?: AbortSignal;
  /** Bytes received so far and the total (Content-Length, null when unknown), for a progress bar. */
  onProgress?: (received: number, total: number | null) => void;
}

/** Reads a response body chunk by chunk, reporting progress, into a Blob. */
async function blobWithProgress(response: Response, onProgress: NonNullable<DownloadOptions['onProgress']>) {
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const reader = response.body?.getReader();
  if (!reader) return response.blob();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  return new Blob(chunks, { type: response.headers.get('Content-Type') ?? '' });
}

/** Fetches a file with the session; the page decides what to do with it (usually saveFile). */
export async function apiDownload(path: string, options: DownloadOptions): Promise<DownloadedFile> {
  const method = options.method ?? 'GET';
  const response = await send(path, {
    method,
    accept: options.accept ?? '*/*',
    signal: options.signal,
    ...(method === 'GET' ? {} : { payload: { json: options.body ?? {} } }),
  });
  const blob = options.onProgress ? await blobWithProgress(response, options.onProgress) : await response.blob();
  return {
    blob,
    fileName: fileNameFrom(response.headers.get('Content-Disposition'), options.fallbackName),
    size: blob.size,
  };
}

/**
 * Downloads a file as a file: fetched with the session, then saved through a temporary object URL, so
 * the browser never shows case content in a new tab or keeps it in its history.
 */
export async function apiSaveFile(path: string, options: DownloadOptions): Promise<DownloadedFile> {
  const file = await apiDownload(path, options);
  saveFile(file.blob, file.fileName);
  return file;
}

/** Hands a file to the browser as a download (an object URL on a temporary link). */
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  try {
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    anchor.rel = 'noopener';
    anchor.hidden = true;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** The file name from Content-Disposition (RFC 6266, `filename*` first), or a fallback. */
export function fileNameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

function retryAfter(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as Partial<Problem>;
    return new ApiError(response.status, problem.code ?? 'unknown', problem.errors ?? [], retryAfter(response));
  } catch {
    return new ApiError(response.status, 'unknown', [], retryAfter(response));
  }
}
