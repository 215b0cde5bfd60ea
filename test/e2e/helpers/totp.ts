import { generate } from 'otplib';

const PERIOD_SECONDS = 30;

/**
 * An authenticator app for tests: codes from the secret shown on the page. The server accepts each
 * 30-second step once and allows one step of clock drift, so a code for the next step is used when the
 * current one was used already (instead of waiting up to 30 seconds).
 */
export class TestAuthenticatorApp {
  private lastStep = -1;

  constructor(readonly secret: string) {}

  async code(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const current = Math.floor(now / PERIOD_SECONDS);
    let step = Math.max(current, this.lastStep + 1);
    if (step > current + 1) {
      // Two codes within one step: wait until the next one starts.
      await new Promise((resolve) => setTimeout(resolve, ((current + 1) * PERIOD_SECONDS - now + 1) * 1000));
      step = Math.floor(Date.now() / 1000 / PERIOD_SECONDS);
    }
    this.lastStep = step;
    return generate({ secret: this.secret, epoch: step * PERIOD_SECONDS + 1 });
  }

  /** A code that is certainly wrong now. */
  async wrongCode(): Promise<string> {
    const right = new Set<string>();
    const now = Math.floor(Date.now() / 1000);
    for (const offset of [-PERIOD_SECONDS, 0, PERIOD_SECONDS, 2 * PERIOD_SECONDS]) {
      right.add(await generate({ secret: this.secret, epoch: now + offset }));
    }
    for (let candidate = 0; ; candidate++) {
      const code = String(candidate).padStart(6, '0');
      if (!right.has(code)) return code;
    }
  }
}
