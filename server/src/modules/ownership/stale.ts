import { daysBetween } from '../../../../shared/calendar/dates.ts';

// When an owned case is stale (the board highlights it): a pure rule over dates, calendar days.

/**
 * Days without a progress entry after which an owned case is stale. A constant for every unit
 * (documented in docs/ownership.md): a case plan expects contact at least every two weeks.
 */
export const STALE_AFTER_DAYS = 14;

/** What the rule looks at, all 'YYYY-MM-DD'. */
export interface StaleFacts {
  today: string;
  /** The day the leader took the case: the clock of "no progress" starts here before any entry. */
  takenOn: string;
  lastProgressOn: string | null;
  nextContactOn: string | null;
  /** Measures not done whose date has passed. */
  overdueMeasures: number;
}

/**
 * An owned case is stale when no progress was recorded for `afterDays` days or more (counted from
 * the latest entry, else from taking the case), or its next contact date has passed, or a measure
 * is overdue; the reasons are in Chinese, in that order.
 */
export function staleness(
  f: StaleFacts,
  afterDays = STALE_AFTER_DAYS,
): { stale: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const since = f.lastProgressOn ?? f.takenOn;
  const quiet = daysBetween(since, f.today);
  if (quiet >= afterDays)
    reasons.push(f.lastProgressOn ? `已${quiet}天没有进展记录` : `包案${quiet}天以来没有进展记录`);
  if (f.nextContactOn && f.nextContactOn < f.today) reasons.push(`下次联系日期（${f.nextContactOn}）已过`);
  if (f.overdueMeasures > 0) reasons.push(`${f.overdueMeasures}项措施已超期未完成`);
  return { stale: reasons.length > 0, reasons };
}

/** Whether a measure is overdue on a day: not done and its date has passed. */
export function measureOverdue(m: { done: boolean; dueOn: string }, today: string): boolean {
  return !m.done && m.dueOn < today;
}
