/**
 * A link that carries a token (`/activeren#token=…`, a demo sign-in `?token=…`) is a credential: whoever
 * opens it becomes that account. Where such a link must not be usable — the admin outbox and the console
 * in production — only its first characters are shown, enough to tell two links apart.
 */
const TOKEN_IN_LINK = /([?#&]token=)([A-Za-z0-9_-]{4})[A-Za-z0-9_%-]*/g;

export const HIDDEN_TOKEN_MARK = '…';

export function maskTokenLinks(text: string): string {
  return text.replace(
    TOKEN_IN_LINK,
    (_match, prefix: string, start: string) => `${prefix}${start}${HIDDEN_TOKEN_MARK}`,
  );
}
