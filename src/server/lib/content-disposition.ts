/**
 * The `Content-Disposition` of a download (RFC 6266 / 5987): always an attachment, with an ASCII
 * fallback name and the exact UTF-8 name. Used by every route that sends a file (PDFs, case attachments).
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
