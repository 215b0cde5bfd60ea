import { describe, expect, it } from 'vitest';
import { noticeMail } from './mail.ts';

describe('the notice mail', () => {
  it('reads in Dutch and in English, subject included (issue 12: English users got a Dutch subject)', () => {
    const mail = noticeMail('https://weerbaar.example');
    expect(mail.subject).toContain('Er is nieuws voor u in Weerbaar');
    expect(mail.subject).toContain('There is news for you in Weerbaar');
    expect(mail.text).toContain('Sign in to see it.');
    expect(mail.text).toContain('https://weerbaar.example/');
  });
});
