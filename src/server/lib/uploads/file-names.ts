/**
 * What any upload needs, whatever module takes it: the client's file name made into a harmless label
 * (never a path), strict plain-text detection, and the Content-Disposition of a download. Used by the
 * case attachments and the incident evidence.
 */

const MARKUP = /^\s*<(?:!doctype|html|head|body|script|svg|iframe|\?xml|object|embed|meta)\b/i;

/** Plain UTF-8 text: decodes strictly, no NUL or control characters but tab, newlines and form feed, no markup. */
export function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  return !MARKUP.test(text.replace(/^\ufeff/, ''));
}

/**
 * A safe label from whatever the client sent: the last path segment only, Unicode-normalised, without
 * control, bidi-override or zero-width characters, only letters, digits, space and `._()-`, no leading
 * dots, at most `maxLength` characters with the extension kept.
 */
export function sanitiseFileName(raw: string, maxLength = 120): string {
  let name = raw.normalize('NFC');
  name = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters
  name = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  name = name.replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '');
  name = name.replace(/[^\p{L}\p{N} ._()-]/gu, '_');
  name = name
    .replace(/\s+/g, ' ')
    .replace(/_+/g, '_')
    .replace(/\.{2,}/g, '.');
  name = name.replace(/^[\s._-]+/, '').replace(/[\s.]+$/, '');
  if ([...name].length > maxLength) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 6 ? name.slice(dot) : '';
    const base = [...name.slice(0, dot > 0 && ext ? dot : name.length)]
      .slice(0, maxLength - ext.length)
      .join('')
      .trimEnd();
    name = `${base}${ext}`;
  }
  return name;
}
