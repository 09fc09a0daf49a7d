import type { SavedFilter } from '../../../../shared/contracts/saved-filters.ts';
import type { SavedFilterRow } from './saved-filters.repository.ts';

/** A saved filter on the wire; only its owner ever receives it, so the owner may delete it. */
export function presentSavedFilter(row: SavedFilterRow): SavedFilter {
  return {
    id: row.id,
    name: row.name,
    query: JSON.parse(row.query_json) as Record<string, string>,
    createdAt: row.created_at,
    abilities: { delete: true },
  };
}
