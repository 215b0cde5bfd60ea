import { describe, expect, it } from 'vitest';
import { maskTokenLinks } from './secret-links.ts';

const TOKEN = 'Qm9vZ3VzVG9rZW5Gb3JUZXN0aW5nT25seQ_-abcdefgh';

describe('links that carry a token', () => {
  it('keep only the first four characters of the token', () => {
    const text = `Activeer: https://weerbaar.example/activeren#token=${TOKEN}\nDemo: /api/demo/sign-in?token=${TOKEN}&x=1`;
    const masked = maskTokenLinks(text);
    expect(masked).not.toContain(TOKEN.slice(0, 8));
    expect(masked).toContain('/activeren#token=Qm9v…\n');
    expect(masked).toContain('/api/demo/sign-in?token=Qm9v…&x=1');
    expect(maskTokenLinks('Er is nieuws voor u in Weerbaar: https://weerbaar.example/')).toBe(
      'Er is nieuws voor u in Weerbaar: https://weerbaar.example/',
    );
  });
});
