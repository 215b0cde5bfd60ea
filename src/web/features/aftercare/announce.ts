import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's one status message (a live region shows it): set anew so the same text is announced twice,
 * and cleared when the language changes, so no sentence stays behind in the other language.
 */
export function useAnnouncer(): [string, (text: string) => void] {
  const { i18n } = useTranslation();
  const [message, setMessage] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the language is the trigger on purpose
  useEffect(() => setMessage(''), [i18n.language]);
  const announce = (text: string) => {
    setMessage('');
    window.setTimeout(() => setMessage(text), 50);
  };
  return [message, announce];
}
