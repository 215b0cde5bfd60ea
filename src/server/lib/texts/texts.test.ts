import { describe, expect, it } from 'vitest';
import { bilingual, invitationMail, SERVER_TEXTS } from './index.ts';

/** Texts that are the same word in both languages on purpose. */
const DELIBERATELY_EQUAL = new Set(['zelfscanPdf.tipColumn', 'handoverPdf.officeInRegion']);

/** Sample arguments for the texts that are functions (dates, numbers, names, links). */
const SAMPLE_ARGUMENTS = ['7', '8', '9'];

type Leaf = { path: string; text: string };

/** Every text of one language, functions called with sample arguments, lists joined. */
function leaves(value: unknown, path: string): Leaf[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (typeof value === 'function') return leaves((value as (...args: string[]) => unknown)(...SAMPLE_ARGUMENTS), path);
  if (Array.isArray(value)) return [{ path, text: value.join('\n') }];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, `${path}.${key}`));
  }
  throw new Error(`${path}: not a text`);
}

describe('the server text catalogue', () => {
  for (const [document, byLocale] of Object.entries(SERVER_TEXTS)) {
    describe(document, () => {
      const nl = leaves(byLocale.nl, document);
      const en = leaves(byLocale.en, document);

      it('has the same texts in Dutch and English', () => {
        expect(en.map((leaf) => leaf.path)).toEqual(nl.map((leaf) => leaf.path));
      });

      it('has no empty text', () => {
        for (const leaf of [...nl, ...en]) expect(leaf.text.trim(), leaf.path).not.toBe('');
      });

      it('says it differently in Dutch and English (unless the word is the same on purpose)', () => {
        for (const [index, leaf] of nl.entries()) {
          if (DELIBERATELY_EQUAL.has(leaf.path)) continue;
          expect(en[index]?.text, leaf.path).not.toBe(leaf.text);
        }
      });
    });
  }

  it('writes each mail in Dutch, then in English, with both subjects', () => {
    const mail = invitationMail('https://weerbaar.example/activeren#token=abc');
    expect(mail.subject).toBe('Uw uitnodiging voor Weerbaar / Your invitation to Weerbaar');
    const [dutch, english] = mail.text.split('\n\n---\n\n');
    expect(dutch).toContain('U bent uitgenodigd');
    expect(dutch).toContain('https://weerbaar.example/activeren#token=abc');
    expect(english).toContain('You have been invited');
    expect(english).toContain('https://weerbaar.example/activeren#token=abc');
    expect(bilingual(() => ({ subject: 's', body: ['a', 'b'] })).text).toBe('a\nb\n\n---\n\na\nb');
  });
});
