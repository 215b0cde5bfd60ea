import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { packagePartsResponseSchema } from '../../../shared/package.ts';
import { readPackageContent } from './content.ts';
import { syncPackageParts } from './content-sync.ts';
import { listPackageParts } from './repository.ts';

describe('GET /api/package/parts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists every part of the package in Dutch and English, in order, without signing in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/package/parts' });
    expect(response.statusCode).toBe(200);
    const body = packagePartsResponseSchema.parse(response.json());
    expect(body.parts.map((part) => part.slug)).toEqual([
      'ondersteuningsteam',
      'woningscan-en-zelfscan',
      'training',
      'aangifte-melden-schade',
      'stelsel-bewaken-beveiligen',
      'debriefing-en-nazorg',
      'sipa',
    ]);
    for (const part of body.parts) {
      expect(part.title.nl).not.toBe('');
      expect(part.title.en).not.toBe('');
      expect(part.summary.nl).not.toBe(part.summary.en);
    }
    expect(response.headers['cache-control']).toBe('public, max-age=60');
  });

  it('loads content idempotently: a second load changes nothing', async () => {
    const content = await readPackageContent();
    expect(await syncPackageParts(t.app.unitOfWork, content)).toEqual({ changed: 0 });
  });

  it('applies a changed text and removes a part that left the content', async () => {
    const content = await readPackageContent();
    const [first, ...rest] = content;
    if (!first) throw new Error('content is empty');
    const edited = [
      { ...first, summary: { ...first.summary, en: 'Changed.' }, contentHash: 'changed' },
      ...rest.slice(1),
    ];
    expect(await syncPackageParts(t.app.unitOfWork, edited)).toEqual({ changed: 1 });
    const parts = await listPackageParts(t.app.db);
    expect(parts).toHaveLength(content.length - 1);
    expect(parts[0]?.summary.en).toBe('Changed.');
    // Put the real content back for the other tests in this file.
    await syncPackageParts(t.app.unitOfWork, content);
    expect(await listPackageParts(t.app.db)).toHaveLength(content.length);
  });
});
