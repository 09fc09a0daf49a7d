import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  COUNTER_LINKS,
  COUNTERS_REFRESH_MS,
  type WorklistCounters,
  worklistApi,
  worklistKeys,
} from '../worklist.api.ts';
import { useWorklistText } from '../worklist.i18n.ts';
import '../worklist.css';

const ORDER: (keyof WorklistCounters)[] = ['myPending', 'dueSoon', 'overdue', 'unassigned'];

/** The caller's menu counters (GET /api/v1/petitions/counters), refreshed every minute and after every petitions change. */
export function useWorklistCounters(enabled: boolean) {
  return useQuery({
    queryKey: worklistKeys.counters,
    queryFn: worklistApi.counters,
    enabled,
    refetchInterval: COUNTERS_REFRESH_MS,
    staleTime: 10_000,
  });
}

/**
 * The petitions menu label with a badge per non-zero counter (my pending, due soon, overdue,
 * unassigned); a badge opens the list of exactly the cases it counts.
 */
export function PetitionsMenuLabel({ label, onNavigate }: { label: string; onNavigate?: () => void }) {
  const counters = useWorklistCounters(true);
  const text = useWorklistText();
  const navigate = useNavigate();
  const data = counters.data;
  const shown = data ? ORDER.filter((k) => (data[k] ?? 0) > 0) : [];
  return (
    <span className="wl-menu-label">
      <span className="wl-menu-text">{label}</span>
      {shown.length > 0 && (
        <span className="wl-badges" data-testid="worklist-counters">
          {shown.map((k) => {
            const name = text(`counters.${k}`);
            const n = data?.[k] ?? 0;
            return (
              <button
                key={k}
                type="button"
                className={`wl-badge wl-badge-${k}`}
                title={`${name} ${n}`}
                aria-label={`${name} ${n}`}
                onClick={(e) => {
                  e.stopPropagation();
                  onNavigate?.();
                  navigate(`/petitions?${new URLSearchParams(COUNTER_LINKS[k]).toString()}`);
                }}
              >
                {n > 999 ? '999+' : n}
              </button>
            );
          })}
        </span>
      )}
    </span>
  );
}
