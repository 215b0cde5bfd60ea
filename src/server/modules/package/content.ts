import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { localizedTextSchema } from '../../../shared/locale.ts';

/** The package texts are content, shipped in `content/package/parts.json`, not code. */
export const PACKAGE_CONTENT_FILE = fileURLToPath(new URL('../../../../content/package/parts.json', import.meta.url));

const slugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug is lower-case words joined by hyphens');

export const packageContentSchema = z.object({
  parts: z
    .array(z.object({ slug: slugSchema, title: localizedTextSchema, summary: localizedTextSchema }).strict())
    .min(1)
    .refine((parts) => new Set(parts.map((part) => part.slug)).size === parts.length, 'every slug must be unique'),
});

export interface PackagePartContent {
  slug: string;
  position: number;
  title: z.infer<typeof localizedTextSchema>;
  summary: z.infer<typeof localizedTextSchema>;
  contentHash: string;
}

export async function readPackageContent(file = PACKAGE_CONTENT_FILE): Promise<PackagePartContent[]> {
  const parsed = packageContentSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`The package content in ${file} is not valid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data.parts.map((part, position) => ({
    ...part,
    position,
    contentHash: createHash('sha256')
      .update(JSON.stringify([position, part]))
      .digest('hex'),
  }));
}
