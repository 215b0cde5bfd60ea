import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.ts';

describe('downloads', () => {
  it('names the file with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987)', () => {
    expect(contentDisposition('bestand ë.pdf')).toBe(
      `attachment; filename="bestand _.pdf"; filename*=UTF-8''bestand%20%C3%AB.pdf`,
    );
    expect(contentDisposition("it's (1).txt")).toBe(
      `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`,
    );
  });
});
