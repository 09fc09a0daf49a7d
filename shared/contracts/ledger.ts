import { z } from 'zod';
import { PetitionListQuery } from './petitions.ts';

// Wire shapes of the petition ledger (信访事项台账) in Excel: the export takes the list's filters,
// the import answers with a row-by-row validation report (docs/ledger.md).

/** GET /api/v1/petitions/export.xlsx: exactly the filters of the case list, without its paging and order. */
export const LedgerExportQuery = PetitionListQuery.omit({
  page: true,
  pageSize: true,
  sort: true,
  after: true,
  count: true,
});
export type LedgerExportQuery = z.infer<typeof LedgerExportQuery>;

export const IMPORT_MODES = ['all', 'valid_only'] as const;

/**
 * POST /api/v1/petitions/import: a dry run by default (nothing written); `mode=all` writes only
 * when every row is valid, `mode=valid_only` writes the valid rows and lists the rejected ones.
 */
export const LedgerImportQuery = z.object({
  dryRun: z.enum(['true', 'false'], { error: 'dryRun 只能是 true 或 false' }).optional(),
  mode: z
    .enum(IMPORT_MODES, { error: 'mode 只能是 all（全部导入）或 valid_only（仅导入有效行）' })
    .optional(),
});

/** One problem of one row: the column (Chinese header) and what to do about it. */
export const LedgerRowError = z.object({ column: z.string(), message: z.string() });

/** The check of one data row of the sheet (`row` is the Excel row number). */
export const LedgerRowReport = z.object({
  row: z.number().int(),
  ok: z.boolean(),
  errors: z.array(LedgerRowError),
  /** The row's title, to recognise it in the report. */
  title: z.string().optional(),
});

/** A row written as a petition. */
export const LedgerImportedRow = z.object({ row: z.number().int(), id: z.string(), number: z.string() });

export const LedgerImportReport = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  rows: z.array(LedgerRowReport),
  /** True when nothing was written (a dry run). */
  dryRun: z.boolean(),
  /** The petitions created (empty on a dry run). */
  imported: z.array(LedgerImportedRow),
});
export type LedgerImportReport = z.infer<typeof LedgerImportReport>;
