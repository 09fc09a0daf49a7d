import type { LedgerImportReport } from '../../../../shared/contracts/ledger.ts';
import { ApiError } from '../../lib/http.ts';

export type { LedgerImportReport };

/** The list filters the export takes (exactly the worklist's, without paging and order). */
export interface LedgerFilters {
  q?: string;
  status?: string;
  unitId?: string;
  classification?: string;
  overdue?: boolean;
  mine?: boolean;
  open?: boolean;
  dueSoon?: boolean;
  unassigned?: boolean;
}

const FILTER_KEYS = [
  'q',
  'status',
  'unitId',
  'classification',
  'overdue',
  'mine',
  'open',
  'dueSoon',
  'unassigned',
] as const satisfies readonly (keyof LedgerFilters)[];

/** Where the ledger of these filters is downloaded (GET /api/v1/petitions/export.xlsx). */
export function exportUrl(f: LedgerFilters): string {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v === undefined || v === '' || v === false) continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1/petitions/export.xlsx${qs ? `?${qs}` : ''}`;
}

/** Where the import template is downloaded. */
export const TEMPLATE_URL = '/api/v1/petitions/import-template.xlsx';

/** How an upload is handled: checked only, all rows or nothing, or the valid rows. */
export type ImportStep = 'check' | 'all' | 'valid_only';

/**
 * Uploads a ledger to POST /api/v1/petitions/import as multipart/form-data: `check` is the dry
 * run; the writing steps carry an Idempotency-Key so a retry imports once.
 */
export async function importLedger(
  file: File,
  step: ImportStep,
  idempotencyKey: string,
): Promise<LedgerImportReport> {
  const body = new FormData();
  body.append('file', file, file.name);
  const url =
    step === 'check' ? '/api/v1/petitions/import?dryRun=true' : `/api/v1/petitions/import?mode=${step}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(step === 'check' ? {} : { 'idempotency-key': idempotencyKey }),
      },
      body,
    });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络连接后重试。');
  }
  const data = (await res.json().catch(() => undefined)) as
    | LedgerImportReport
    | { error?: { code?: string; message?: string; details?: unknown } }
    | undefined;
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    throw new ApiError(
      res.status,
      err?.code ?? 'http_error',
      err?.message ?? `请求失败（HTTP ${res.status}），请稍后重试。`,
      err?.details,
    );
  }
  return data as LedgerImportReport;
}
