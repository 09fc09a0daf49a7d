// Row type of saved_filters (migration 2026-11-29T16-00-00-worklist), declared on the platform's
// Database by module augmentation.

export interface SavedFiltersTable {
  id: string;
  user_id: string;
  name: string;
  /** The list's query parameters as a JSON object of strings. */
  query_json: string;
  created_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    saved_filters: SavedFiltersTable;
  }
}
