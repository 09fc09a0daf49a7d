import type { WorklistCounters } from '../../../../shared/contracts/petitions.ts';
import type { SavedFilter } from '../../../../shared/contracts/saved-filters.ts';
import { http } from '../../lib/http.ts';

export type { SavedFilter, WorklistCounters };

/**
 * Query keys of the worklist. The counters live under `petitions` so that every invalidation of
 * the petitions data (an action, a registration) refreshes the menu badges too.
 */
export const worklistKeys = {
  counters: ['petitions', 'counters'] as const,
  savedFilters: ['saved-filters'] as const,
};

/** How often the menu badges refresh on their own. */
export const COUNTERS_REFRESH_MS = 60_000;

export const worklistApi = {
  counters: () => http.get<WorklistCounters>('/api/v1/petitions/counters'),
  savedFilters: () => http.get<{ items: SavedFilter[]; total: number }>('/api/v1/saved-filters'),
  saveFilter: (name: string, query: Record<string, string>, key: string) =>
    http.create<SavedFilter>('/api/v1/saved-filters', { name, query }, key),
  deleteFilter: (id: string) => http.delete<null>(`/api/v1/saved-filters/${encodeURIComponent(id)}`),
};

/** The list parameters a counter stands for: its badge opens exactly the cases it counts. */
export const COUNTER_LINKS: Record<keyof WorklistCounters, Record<string, string>> = {
  myPending: { mine: 'true', open: 'true', sort: 'nextDue' },
  dueSoon: { dueSoon: 'true', open: 'true', sort: 'nextDue' },
  overdue: { overdue: 'true', open: 'true', sort: 'nextDue' },
  unassigned: { unassigned: 'true', open: 'true' },
};

/** The address parameters of the list that a saved filter keeps (no page, size or cursor). */
export const FILTER_PARAMS = [
  'q',
  'status',
  'unitId',
  'classification',
  'mine',
  'overdue',
  'open',
  'dueSoon',
  'unassigned',
  'sort',
] as const;

/** The filter part of the list's address parameters, as a saved filter stores it. */
export function filterOf(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_PARAMS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** Whether two filters ask for the same list. */
export function sameFilter(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''));
}
