// Row types of the official documents and their number counters (migration
// 2026-11-29T12-10-00-files), added to the Database by module augmentation.

/** One issued official document: its file, owner, kind and number (文号). */
export interface OfficialDocumentsTable {
  /** The id of the stored .docx in `files`; also the document's id. */
  file_id: string;
  owner_type: string;
  owner_id: string;
  kind: string;
  /** The issuing unit, whose counter gave the number. */
  unit_id: string;
  year: number;
  seq: number;
  number: string;
  title: string;
  issued_on: string;
  created_at: string;
}

/** The last number issued by a unit in a year; numbers are never reused. */
export interface DocumentCountersTable {
  unit_id: string;
  year: number;
  last_seq: number;
}

declare module '../../../platform/db/schema.ts' {
  interface Database {
    official_documents: OfficialDocumentsTable;
    document_counters: DocumentCountersTable;
  }
}
