import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, looksLikeFormula, toCsv } from '../../../shared/handover.ts';
import { detectSeparator, parseCsv } from './csv.ts';

const cells = (input: string) => {
  const parsed = parseCsv(input);
  if (!parsed.ok) throw new Error(`not CSV: ${input}`);
  return parsed.records.map((record) => record.cells);
};

describe('reading CSV', () => {
  it('reads quoted fields with separators, quotes and line breaks inside', () => {
    expect(cells('a,"b,c","d ""e""","f\ng"\r\nh,i,j,k')).toEqual([
      ['a', 'b,c', 'd "e"', 'f\ng'],
      ['h', 'i', 'j', 'k'],
    ]);
  });

  it('picks the separator the header uses most', () => {
    expect(detectSeparator('naam;functie;regio\nA,B;C')).toBe(';');
    expect(detectSeparator('name,office,"a;b"\n')).toBe(',');
    expect(cells('\uFEFFnaam;functie\nJan, de;wethouder')).toEqual([
      ['naam', 'functie'],
      ['Jan, de', 'wethouder'],
    ]);
  });

  it('numbers rows as a spreadsheet does: blank rows count, a quoted line break does not', () => {
    const parsed = parseCsv('h\n\n"a\nb"\nc');
    expect(parsed.ok && parsed.records.map((record) => [record.row, record.cells])).toEqual([
      [1, ['h']],
      [2, ['']],
      [3, ['a\nb']],
      [4, ['c']],
    ]);
  });

  it('reports an unterminated quote with its row', () => {
    expect(parseCsv('h\nok\n"never closed\nmore')).toEqual({ ok: false, problem: 'unterminated_quote', row: 3 });
  });
});

describe('writing CSV back (the rejection report)', () => {
  it('neutralises formulas and quotes what needs it', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('Jansen; Jan')).toBe('"Jansen; Jan"');
    expect(csvCell('gewoon')).toBe('gewoon');
    expect(csvCell(null)).toBe('');
    expect(csvCell(7)).toBe('7');
  });

  it('round-trips any table, and no cell read back starts a formula (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.constantFrom(',' as const, ';' as const),
        (rows, separator) => {
          // Rows of one empty cell are blank lines in CSV; give every row a second column.
          const table = rows.map((row) => [...row, 'x']);
          const parsed = parseCsv(toCsv(table, separator), separator);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          const back = parsed.records.filter((record) => record.cells.some((cell) => cell !== '')).map((r) => r.cells);
          expect(back).toEqual(table.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))));
          for (const row of back) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
        },
      ),
    );
  });

  it('recognises formula-looking input', () => {
    for (const value of ['=1+1', ' =1', '+1', '-1', '@x', '\tx', '\rx']) expect(looksLikeFormula(value)).toBe(true);
    for (const value of ['Jan', 'de Vries', "'s-Gravenhage", '1-2-2025', 'a=b'])
      expect(looksLikeFormula(value)).toBe(false);
  });
});
