import type { Config } from '../config.ts';
import type { Clock } from '../platform/clock.ts';
import { createDb, type DbHandle } from '../platform/db/create-db.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import type { Db } from '../platform/db/schema.ts';
import type { Ctx } from '../platform/http/context.ts';

/** Opens the configured database, migrates it, runs `work` and always closes the connection. */
export async function withMigratedDb<T>(config: Config, work: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = createDb(config.database);
  try {
    await migrateToLatest(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** A use-case context for the command line: no session, no address; the audit names the actor 'cli'. */
export function cliCtx(db: Db, config: Config, clock: Clock): Ctx {
  return { db, actor: null, clock, config, meta: { ip: null, requestId: null } };
}
