import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPackageContent } from './content.ts';

function contentFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'weerbaar-content-')), 'parts.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const part = (slug: string) => ({
  slug,
  title: { nl: 'Titel', en: 'Title' },
  summary: { nl: 'Samenvatting', en: 'Summary' },
});

describe('package content', () => {
  it('ships every part with a Dutch and an English text', async () => {
    const parts = await readPackageContent();
    expect(parts.length).toBe(7);
    expect(parts.map((p) => p.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('refuses a part without an English translation', async () => {
    const file = contentFile({ parts: [{ ...part('a'), summary: { nl: 'Alleen Nederlands' } }] });
    await expect(readPackageContent(file)).rejects.toThrow(/summary\.en/);
  });

  it('refuses an empty translation and duplicate slugs', async () => {
    await expect(
      readPackageContent(contentFile({ parts: [{ ...part('a'), title: { nl: ' ', en: 'x' } }] })),
    ).rejects.toThrow();
    await expect(readPackageContent(contentFile({ parts: [part('a'), part('a')] }))).rejects.toThrow(/unique/);
  });

  it('gives each version of a part its own hash, so only changes are written', async () => {
    const [a] = await readPackageContent(contentFile({ parts: [part('a')] }));
    const [b] = await readPackageContent(
      contentFile({ parts: [{ ...part('a'), title: { nl: 'Anders', en: 'Title' } }] }),
    );
    expect(a?.contentHash).not.toBe(b?.contentHash);
  });
});
