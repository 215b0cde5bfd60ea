import { useCallback, useState } from 'react';

/**
 * A status message that is both seen and heard (WCAG 4.1.3): the live region is in the page from the
 * start and only its text changes, which is what screen readers announce.
 */
export function useStatusMessage() {
  const [message, setMessage] = useState('');
  const announce = useCallback((text: string) => {
    // Clear first, so the same text said twice is announced twice.
    setMessage('');
    window.setTimeout(() => setMessage(text), 50);
  }, []);
  return { message, announce, clear: () => setMessage('') };
}

export function StatusRegion({ message }: { message: string }) {
  return (
    <div role="status" className={message ? 'weerbaar-status weerbaar-status--shown' : 'weerbaar-status'}>
      {message}
    </div>
  );
}
