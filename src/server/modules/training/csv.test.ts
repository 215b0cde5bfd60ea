import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.ts';

describe('participant CSV', () => {
  it('neutralises anything a spreadsheet would run', () => {
    for (const hostile of ['=1+1', '+31 6', '-2', '@SUM(A1)', '\t=cmd', '\r=cmd']) {
      expect(csvCell(hostile).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('quotes separators and line breaks, and leaves plain text alone', () => {
    expect(csvCell('Jan Bosman')).toBe('Jan Bosman');
    expect(csvCell('Bosman; Jan')).toBe('"Bosman; Jan"');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvDocument(['naam'], [['Ö']])).toBe('\uFEFFnaam\r\nÖ\r\n');
  });
});
