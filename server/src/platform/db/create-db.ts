import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DbHandle {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The raw SQLite connection, for online backup; absent on PostgreSQL. */
  readonly sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT arrive as strings from pg by default; the values Huiyin counts fit a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Opens SQLite (WAL, synchronous=FULL, foreign keys, secure_delete, 64 MB page cache) or PostgreSQL. */
export function createDb(database: Config['database']): DbHandle {
  if (database.dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new SqliteDatabase(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('secure_delete = ON');
  // A 64 MB page cache instead of 2 MB: a search's total looks up every match (docs/search.md).
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}
