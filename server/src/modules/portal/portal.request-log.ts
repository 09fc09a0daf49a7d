import type { FastifyRequest } from 'fastify';

// What the request log keeps of a citizen's request (reliability: PIPL, personal data kept to the
// minimum): the public portal's requests are logged with the address cut to its network (IPv4 /24,
// IPv6 /48) and without the query code in the path (a code opens a case like a password).

/** Paths of the public portal: its API, its page and its own assets. */
const PUBLIC_PATH = /^\/(api\/public(\/|$|\?)|portal(\/|$|\?|#)|assets\/portal-)/;

/** An address cut to its network: IPv4 (also IPv4-mapped) to a.b.c.0/24, IPv6 to its /48. */
export function truncatedAddress(ip: string | undefined): string | undefined {
  if (!ip) return ip;
  const v = ip.trim().toLowerCase();
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(v);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!v.includes(':')) return '(unknown)';
  const [head = ''] = v.split('::');
  const groups = head ? head.split(':') : [];
  while (groups.length < 3) groups.push('0');
  return `${groups.slice(0, 3).join(':')}::/48`;
}

/** A URL with the query code of /api/public/petitions/{code}… replaced by `{queryCode}`. */
export function redactedUrl(url: string): string {
  return url.replace(/^(\/api\/public\/petitions\/)[^/?#]+/, '$1{queryCode}');
}

/** The log fields of a request (Fastify's default ones), the public portal's without the full address or code. */
export function requestLogFields(req: FastifyRequest) {
  const isPublic = PUBLIC_PATH.test(req.url);
  return {
    method: req.method,
    url: isPublic ? redactedUrl(req.url) : req.url,
    host: req.host,
    remoteAddress: isPublic ? truncatedAddress(req.ip) : req.ip,
    remotePort: isPublic ? undefined : req.socket?.remotePort,
  };
}

/** Fastify logger options with the request serializer above (false stays false). */
export function withPublicAddressRedaction(
  logger: boolean | Record<string, unknown>,
): boolean | Record<string, unknown> {
  if (logger === false) return false;
  const options = logger === true ? {} : logger;
  const serializers = (options.serializers ?? {}) as Record<string, unknown>;
  return { ...options, serializers: { ...serializers, req: requestLogFields } };
}
