import { readFileSync } from 'node:fs';

/** How long one reading of the offset file is trusted before the file is read again. */
const REREAD_MS = 200;

/**
 * A clock that runs ahead of the real one by the number of milliseconds written in `file`, for the browser
 * tests that must let a week pass (a check-in falling due, a claim's deadline) in a server they started as
 * a separate process. `TEST_CLOCK_FILE` turns it on; the configuration refuses it in production. A missing
 * or unreadable file means no offset. The file is re-read at most every 200 ms: cheap, and a test that
 * moves the clock waits for what it expects anyway.
 */
export function fileClock(file: string): () => Date {
  let offsetMs = 0;
  let readAt = Number.NEGATIVE_INFINITY;
  return () => {
    const real = Date.now();
    if (real - readAt >= REREAD_MS) {
      readAt = real;
      offsetMs = readOffset(file);
    }
    return new Date(real + offsetMs);
  };
}

function readOffset(file: string): number {
  try {
    const value = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(value) ? value : 0;
  } catch {
    return 0;
  }
}
