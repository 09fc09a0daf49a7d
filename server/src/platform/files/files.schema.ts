// Row types of the file store (migration 2026-11-29T12-10-00-files), added to the Database by
// module augmentation so that the platform schema file stays untouched.

/** One stored file: metadata here, bytes at `<dataDir>/<storage_path>`. */
export interface FilesTable {
  id: string;
  /** What the file belongs to, e.g. 'petition'. */
  owner_type: string;
  owner_id: string;
  /** The role of the file for its owner, e.g. 'attachment' or a document kind. */
  kind: string;
  file_name: string;
  /** The sniffed media type the file is served with. */
  media_type: string;
  size: number;
  /** Hex SHA-256 of the bytes, checked on every read. */
  sha256: string;
  /** Path relative to the data directory: files/<yyyy>/<mm>/<id>. */
  storage_path: string;
  created_at: string;
  created_by: string | null;
}

declare module '../db/schema.ts' {
  interface Database {
    files: FilesTable;
  }
}
