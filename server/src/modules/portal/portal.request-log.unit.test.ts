import { describe, expect, it } from 'vitest';
import { redactedUrl, truncatedAddress, withPublicAddressRedaction } from './portal.request-log.ts';

// What the request log keeps of a citizen: the network, not the address; the path, not the code.

describe('portal request log', () => {
  it('cuts addresses to their network', () => {
    expect(truncatedAddress('203.0.113.77')).toBe('203.0.113.0/24');
    expect(truncatedAddress('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
    expect(truncatedAddress('2001:db8:1234:5678::9')).toBe('2001:db8:1234::/48');
    expect(truncatedAddress('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(truncatedAddress('::1')).toBe('0:0:0::/48');
    expect(truncatedAddress('not-an-address')).toBe('(unknown)');
    expect(truncatedAddress(undefined)).toBeUndefined();
  });

  it('removes the query code from public case paths only', () => {
    expect(redactedUrl('/api/public/petitions/ABCD2345EFGH')).toBe('/api/public/petitions/{queryCode}');
    expect(redactedUrl('/api/public/petitions/ABCD2345EFGH/documents/d1')).toBe(
      '/api/public/petitions/{queryCode}/documents/d1',
    );
    expect(redactedUrl('/api/public/petitions')).toBe('/api/public/petitions');
    expect(redactedUrl('/api/public/units?x=1')).toBe('/api/public/units?x=1');
  });

  it('adds the request serializer to logger options and leaves logging off when it is off', () => {
    expect(withPublicAddressRedaction(false)).toBe(false);
    const on = withPublicAddressRedaction({ level: 'info' }) as {
      level: string;
      serializers: { req: unknown };
    };
    expect(on.level).toBe('info');
    expect(typeof on.serializers.req).toBe('function');
    expect(
      typeof (withPublicAddressRedaction(true) as { serializers: { req: unknown } }).serializers.req,
    ).toBe('function');
  });
});
