import type { Config } from '../../config.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/schema.ts';

export const ROLES = [
  'clerk',
  'handler',
  'leader',
  'supervisor',
  'unit_admin',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];
/** The three separated administrators of 等保 level 3: no account holds two of them. */
export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

/** The authenticated staff member behind a request. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly name: string;
  readonly unitId: string;
  /** Materialised path of the actor's unit: the scope is every unit whose path starts with it. */
  readonly unitPath: string;
  readonly roles: readonly Role[];
  readonly sessionId: string;
}

/** Where a request came from, for the audit trail. */
export interface RequestMeta {
  readonly ip: string | null;
  readonly requestId: string | null;
}

/** What a use case gets: the transaction, the actor, the clock and the audit recorder. */
export interface Ctx {
  readonly db: Db;
  readonly actor: Actor | null;
  readonly clock: Clock;
  readonly meta: RequestMeta;
  readonly config: Config;
}
