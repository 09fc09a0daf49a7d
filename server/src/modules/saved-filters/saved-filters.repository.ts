import type { Db } from '../../platform/db/schema.ts';
import type { SavedFiltersTable } from './saved-filters.tables.ts';

// All SQL of saved filters. Every read is keyed by the owner: a user never reaches another's filter.

export type SavedFilterRow = SavedFiltersTable;

/** The user's saved filters, in the order they were saved. */
export function listSavedFilters(db: Db, userId: string): Promise<SavedFilterRow[]> {
  return db
    .selectFrom('saved_filters')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** One of the user's saved filters (another user's is undefined: 404). */
export function findOwnSavedFilter(db: Db, userId: string, id: string): Promise<SavedFilterRow | undefined> {
  return db
    .selectFrom('saved_filters')
    .selectAll()
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** How many filters the user has saved and whether the name is taken among them. */
export async function savedFilterStats(
  db: Db,
  userId: string,
  name: string,
): Promise<{ count: number; nameTaken: boolean }> {
  const rows = await db.selectFrom('saved_filters').select('name').where('user_id', '=', userId).execute();
  return { count: rows.length, nameTaken: rows.some((r) => r.name === name) };
}

/** Inserts a saved filter. */
export async function insertSavedFilter(db: Db, row: SavedFilterRow): Promise<void> {
  await db.insertInto('saved_filters').values(row).execute();
}

/** Deletes one of the user's saved filters. */
export async function deleteSavedFilter(db: Db, userId: string, id: string): Promise<void> {
  await db.deleteFrom('saved_filters').where('user_id', '=', userId).where('id', '=', id).execute();
}
