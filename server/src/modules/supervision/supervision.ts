import { OfficialCalendar } from '../../../../shared/calendar/index.ts';

// The rules of supervision (督查督办) as data: the defaults and the escalation ladder. Nothing here
// counts petitions to a higher level against anyone: every step is about overdue work.

/** Reminder window before a deadline when no setting applies (days). */
export const DEFAULT_REMIND_DAYS = 3;
/** Reply time of a first notice (督办) when no setting applies (working days, official calendar). */
export const DEFAULT_REPLY_WORKING_DAYS = 5;

export const LEVELS = ['supervise', 'interview', 'public_notice', 'listed'] as const;
export type Level = (typeof LEVELS)[number];

/** One step of the ladder: its name, its reply time and how many levels above the responsible unit it is issued. */
export interface LadderStep {
  readonly level: Level;
  readonly label: string;
  /** Working days to answer; null = the unit's `reply_working_days` setting. */
  readonly replyWorkingDays: number | null;
  readonly levelsUp: number;
}

/**
 * The ladder of an unanswered notice: 督办 → 约谈 → 通报 → 挂牌督办. Each step is issued when the
 * previous one's reply is overdue, with its own reply time; the last step stays open until
 * answered or closed.
 */
export const LADDER: readonly LadderStep[] = Object.freeze([
  { level: 'supervise', label: '督办', replyWorkingDays: null, levelsUp: 1 },
  { level: 'interview', label: '约谈', replyWorkingDays: 3, levelsUp: 1 },
  { level: 'public_notice', label: '通报', replyWorkingDays: 5, levelsUp: 1 },
  { level: 'listed', label: '挂牌督办', replyWorkingDays: 10, levelsUp: 2 },
]);

export const LEVEL_LABELS: Record<Level, string> = Object.fromEntries(
  LADDER.map((s) => [s.level, s.label]),
) as Record<Level, string>;

export const NOTICE_STATUSES = ['open', 'replied', 'escalated', 'closed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  open: '待答复',
  replied: '已答复',
  escalated: '已升级',
  closed: '已办结',
};

/**
 * The day `count` working days after `from` on the official calendar; for a year the calendar
 * does not know yet, weekends only (the missing-year warning of the calendar module covers it).
 */
export function addWorkingDays(calendar: OfficialCalendar, from: string, count: number): string {
  try {
    return calendar.addWorkdays(from, count);
  } catch {
    return OfficialCalendar.weekendsOnly().addWorkdays(from, count);
  }
}

/** The unit `levelsUp` levels above a unit on its materialised path ('/a/b/c/'), clamped at the top. */
export function unitAbove(path: string, levelsUp: number): string {
  const ids = path.split('/').filter(Boolean);
  return ids[Math.max(0, ids.length - 1 - levelsUp)] as string;
}
