import { describe, expect, it } from 'vitest';

describe('zod settings of the web app', () => {
  it('zod, loaded after zod-settings.ts, does not probe for eval (which the CSP would report)', async () => {
    await import('./zod-settings.ts');
    const { config } = await import('zod');
    expect(config().jitless).toBe(true);
  });
});
