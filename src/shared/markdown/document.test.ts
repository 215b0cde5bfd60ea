import { describe, expect, it } from 'vitest';
import { linkTargets, parseMarkdown, plainText } from './document.ts';

describe('parseMarkdown', () => {
  it('turns the subset into a tree: headings, paragraphs, lists, links, emphasis', () => {
    const { blocks, problems } = parseMarkdown(
      '## Kop\n\nTekst met **vet**, *nadruk* en een [link](/zelfscan).\n\n- een\n- twee\n\n1. eerst\n2. dan\n',
    );
    expect(problems).toEqual([]);
    expect(blocks).toEqual([
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Kop' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Tekst met ' },
          { type: 'strong', children: [{ type: 'text', text: 'vet' }] },
          { type: 'text', text: ', ' },
          { type: 'em', children: [{ type: 'text', text: 'nadruk' }] },
          { type: 'text', text: ' en een ' },
          { type: 'link', href: '/zelfscan', children: [{ type: 'text', text: 'link' }] },
          { type: 'text', text: '.' },
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [
          [{ type: 'paragraph', tight: true, children: [{ type: 'text', text: 'een' }] }],
          [{ type: 'paragraph', tight: true, children: [{ type: 'text', text: 'twee' }] }],
        ],
      },
      {
        type: 'list',
        ordered: true,
        items: [
          [{ type: 'paragraph', tight: true, children: [{ type: 'text', text: 'eerst' }] }],
          [{ type: 'paragraph', tight: true, children: [{ type: 'text', text: 'dan' }] }],
        ],
      },
    ]);
  });

  it('drops raw HTML, inline and as a block, and reports it', () => {
    const { blocks, problems } = parseMarkdown('Hallo <b onclick="x()">wereld</b>\n\n<script>alert(1)</script>\n');
    expect(JSON.stringify(blocks)).not.toMatch(/<|onclick|script/);
    expect(problems.map((problem) => problem.code)).toEqual(['raw_html', 'raw_html', 'raw_html']);
  });

  it('reports what the subset does not have, and headings outside levels 2 to 4', () => {
    const { problems } = parseMarkdown('# Titel\n\n> citaat\n\n![plaatje](https://example.org/a.png)\n\n---\n');
    expect(problems.map((problem) => problem.code)).toEqual([
      'heading_level',
      'unsupported',
      'unsupported',
      'unsupported',
    ]);
  });

  it('keeps text that looks like markup as text', () => {
    const { blocks } = parseMarkdown('Een \\*ster\\* en `<code>`');
    expect(plainText(blocks)).toBe('Een *ster* en <code>');
  });

  it('lists link targets and the plain text a reader sees', () => {
    const { blocks } = parseMarkdown(
      '## Hulp\n\n- Bel [070 373 83 14](tel:+31703738314).\n- Of **[mail](mailto:a@b.nl)**.\n',
    );
    expect(linkTargets(blocks)).toEqual(['tel:+31703738314', 'mailto:a@b.nl']);
    expect(plainText(blocks)).toBe('Hulp\nBel 070 373 83 14.\nOf mail.');
  });
});
