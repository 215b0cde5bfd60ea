import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.ts';
import { createMailTransport } from './transport.ts';

const TOKEN = 'Qm9vZ3VzVG9rZW5Gb3JUZXN0aW5nT25seQ_-abcdefgh';

describe('local mail on the console', () => {
  it('are printed whole by local mail outside production, and masked in production', async () => {
    const mail = { to: 'a@example.org', subject: 'Uitnodiging', text: `https://x.example/activeren#token=${TOKEN}` };
    for (const [env, whole] of [
      [{ NODE_ENV: 'development' }, true],
      [{ NODE_ENV: 'production', ALLOW_LOCAL_MAIL_IN_PRODUCTION: 'true' }, false],
    ] as const) {
      const printed: string[] = [];
      await createMailTransport(parseConfig(env), (line) => printed.push(line)).deliver(mail);
      expect(printed.join('\n').includes(TOKEN), env.NODE_ENV).toBe(whole);
      expect(printed.join('\n')).toContain('#token=Qm9v');
    }
  });
});
