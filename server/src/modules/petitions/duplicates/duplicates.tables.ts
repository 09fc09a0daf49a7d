// Row types of the near-duplicate fingerprints and of merging (migration
// 2026-11-29T15-10-00-duplicates), declared on the platform's Database by module augmentation.

export interface PetitionFingerprintsTable {
  petition_id: string;
  /** Sorted 32-bit word shingles, 8 hex digits each (fingerprint.ts). */
  shingles: string;
  shingle_count: number;
  created_at: string;
}

export interface PetitionFingerprintBandsTable {
  /** band·2^32 + the 32-bit hash of the band's MinHash rows. */
  band_key: number;
  petition_id: string;
}

declare module '../../../platform/db/schema.ts' {
  interface Database {
    petition_fingerprints: PetitionFingerprintsTable;
    petition_fingerprint_bands: PetitionFingerprintBandsTable;
  }
}

declare module '../petitions.tables.ts' {
  interface PetitionsTable {
    /** The earlier case this one was merged into (same matter, one file and one answer); null otherwise (optional for inserts). */
    merged_into_id?: string | null;
  }
}
