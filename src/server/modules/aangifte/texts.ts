import type { Locale } from '../../../shared/locale.ts';
import en from '../../../web/i18n/locales/en/aangifte.json' with { type: 'json' };
import nl from '../../../web/i18n/locales/nl/aangifte.json' with { type: 'json' };

/**
 * The aid's words on paper (the preparation sheet, the timeline entry, the dossier's cover) come from the
 * web app's catalogue, as the incident dossier's do: the page and the paper say the same thing.
 */
const CATALOGUES = { nl: nl.aangifte, en: en.aangifte } as const;

export function aangifteText(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = CATALOGUES[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`missing text aangifte.${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
