import { ADMIN_PASSWORD } from './server.ts';

// Seeding browser tests through the real staff API, as an administrator would.

/** The password accounts are created with; their owners replace it at first login. */
export const INITIAL_PASSWORD = 'Initial-Pass-2026!';

/** A minimal API client with the session cookie and a same-origin Origin header. */
export class Api {
  private cookie = '';
  constructor(readonly base: string) {}

  async call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        origin: this.base,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie();
    if (set.length) this.cookie = set.map((c) => c.split(';')[0]).join('; ');
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  login(username: string, password: string) {
    return this.call<{ user: { id: string } }>('POST', '/api/v1/auth/login', { username, password });
  }
}

/**
 * Creates a staff account whose owner then replaces the initial password with ADMIN_PASSWORD (as
 * at a first login); returns its id and a client logged in as that user.
 */
export async function makeStaffUser(
  admin: Api,
  who: { username: string; name: string },
  unitId: string,
  roles: string[],
) {
  const user = await admin.call<{ id: string }>('POST', '/api/v1/users', {
    username: who.username,
    password: INITIAL_PASSWORD,
    name: who.name,
    unitId,
    roles,
  });
  const own = new Api(admin.base);
  await own.login(who.username, INITIAL_PASSWORD);
  await own.call('POST', '/api/v1/me/password', {
    currentPassword: INITIAL_PASSWORD,
    newPassword: ADMIN_PASSWORD,
  });
  const session = new Api(admin.base);
  await session.login(who.username, ADMIN_PASSWORD);
  return { id: user.id, api: session };
}

/**
 * Logs in as the first administrator and creates a township accepting online petitions under
 * the root unit (renamed to `county` when given); returns the admin client and the township.
 */
export async function seedOnlineTownship(base: string, town: string, county?: string) {
  const admin = new Api(base);
  await admin.login('admin', ADMIN_PASSWORD);
  const units = await admin.call<{ items: { id: string; parentId: string | null }[] }>(
    'GET',
    '/api/v1/units',
  );
  const root = units.items.find((u) => u.parentId === null);
  if (!root) throw new Error('no root unit');
  if (county) await admin.call('PATCH', `/api/v1/units/${root.id}`, { name: county });
  const township = await admin.call<{ id: string }>('POST', '/api/v1/units', {
    name: town,
    kind: 'township',
    parentId: root.id,
    acceptsOnline: true,
  });
  return { admin, town: township };
}
