import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../shared/locale.ts';
import { currentLocale } from '../../i18n/index.ts';

/** Picks a content text (questions, options, tips) in the reader's language; re-renders on a switch. */
export function useContentText(): (text: LocalizedText) => string {
  useTranslation();
  const locale = currentLocale();
  return (text) => text[locale];
}
