import type { Db } from '../../platform/db/schema.ts';
import { ADMIN_ROLES } from '../../platform/http/context.ts';

/** What the database holds beyond the first-start bootstrap, to decide whether a demo may be added. */
export interface Contents {
  units: number;
  users: number;
  /** Users holding any role other than the three administrator roles, or no role at all. */
  ordinaryUsers: number;
  leadershipGroups: number;
}

/** Counts the units, users and leadership groups; ordinary users are those not purely administrators. */
export async function countContents(db: Db): Promise<Contents> {
  const count = async (table: 'units' | 'users' | 'leadership_groups') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const ordinary = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('user_roles')
            .select('user_roles.user_id')
            .whereRef('user_roles.user_id', '=', 'users.id')
            .where('user_roles.role', 'not in', ADMIN_ROLES),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('user_roles')
              .select('user_roles.user_id')
              .whereRef('user_roles.user_id', '=', 'users.id'),
          ),
        ),
      ]),
    )
    .executeTakeFirstOrThrow();
  return {
    units: await count('units'),
    users: await count('users'),
    ordinaryUsers: Number(ordinary.n),
    leadershipGroups: await count('leadership_groups'),
  };
}

/** The root unit (the one without a parent), if there is exactly one. */
export async function findRootUnit(db: Db) {
  const roots = await db.selectFrom('units').selectAll().where('parent_id', 'is', null).execute();
  return roots.length === 1 ? roots[0] : undefined;
}
