import type { FastifyReply } from 'fastify';
import type { FilesTable } from './files.schema.ts';
import { sniffMediaType } from './sniff.ts';

/**
 * A `Content-Disposition: attachment` header value with an ASCII fallback name and the UTF-8
 * name in `filename*` (RFC 6266 / RFC 5987).
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a stored file as a download: `Content-Disposition: attachment`, `nosniff`, a sandboxing
 * CSP, no caching, and the media type sniffed from the bytes (text as text/plain, anything
 * unrecognised as application/octet-stream; never text/html), so an upload can never run as a page.
 */
export function sendStoredFile(reply: FastifyReply, row: Pick<FilesTable, 'file_name'>, bytes: Buffer) {
  // Markup (HTML/XML/SVG) and executables sniff as application/octet-stream already.
  const mediaType = sniffMediaType(bytes)?.mediaType ?? 'application/octet-stream';
  return reply
    .header('content-type', mediaType)
    .header('content-length', String(bytes.length))
    .header('content-disposition', attachmentDisposition(row.file_name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(bytes);
}
