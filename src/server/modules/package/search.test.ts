import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchTerms, toSegments } from './search.ts';

describe('searchTerms', () => {
  it('keeps letters and digits, as lower-case prefixes joined with AND', () => {
    expect(searchTerms('Aangifte  onder-nummer!')).toEqual({
      prefixQuery: 'aangifte:* & onder:* & nummer:*',
      likePattern: '%Aangifte  onder-nummer!%',
    });
    expect(searchTerms('Één café 112')).toMatchObject({ prefixQuery: 'één:* & café:* & 112:*' });
  });

  it('drops single characters and keeps at most eight words of at most forty characters', () => {
    expect(searchTerms('a b c').prefixQuery).toBeNull();
    const many = searchTerms('een twee drie vier vijf zes zeven acht negen tien');
    expect(many.prefixQuery?.split(' & ')).toHaveLength(8);
    expect(searchTerms('x'.repeat(100)).prefixQuery).toBe(`${'x'.repeat(40)}:*`);
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(searchTerms('50%_\\').likePattern).toBe('%50\\%\\_\\\\%');
  });

  it('never lets tsquery syntax through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100, unit: 'binary' }), (query) => {
        const { prefixQuery } = searchTerms(query);
        if (prefixQuery === null) return;
        for (const term of prefixQuery.split(' & ')) expect(term).toMatch(/^[\p{L}\p{N}]{2,40}:\*$/u);
      }),
    );
  });
});

describe('toSegments', () => {
  it('cuts a marked headline into plain and matched pieces', () => {
    expect(toSegments('Doe \uE000aangifte\uE001 bij de \uE000politie\uE001.')).toEqual([
      { text: 'Doe ', match: false },
      { text: 'aangifte', match: true },
      { text: ' bij de ', match: false },
      { text: 'politie', match: true },
      { text: '.', match: false },
    ]);
    expect(toSegments('')).toEqual([]);
  });
});
