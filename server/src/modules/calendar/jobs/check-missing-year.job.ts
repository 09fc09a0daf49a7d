import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { chinaDate, chinaInstant } from '../../../platform/jobs/china-time.ts';
import { defineJob, defineSchedule } from '../../../platform/jobs/registry.ts';
import { hasAuditSince } from '../calendar.repository.ts';
import { loadCalendar, missingYearsWarning } from '../load-calendar.ts';

/**
 * The years whose missing schedule must be reported on a China date: the current year whenever it
 * is missing, and from 1 December on also the next year (its notice is usually out by then).
 */
export function yearsToReport(today: string, hasSchedule: (year: number) => boolean): number[] {
  const year = Number(today.slice(0, 4));
  const candidates = today.slice(5, 7) === '12' ? [year, year + 1] : [year];
  return candidates.filter((y) => !hasSchedule(y));
}

/**
 * Records `calendar.missing_year` in the audit trail, at most once per year and China day, for
 * every year `yearsToReport` names (in-app notifications to administrators come with issue 4).
 * Returns the years reported.
 */
export async function checkMissingYears(ctx: Ctx): Promise<number[]> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const calendar = await loadCalendar(ctx.db);
  const since = chinaInstant(today).toISOString();
  const reported: number[] = [];
  for (const year of yearsToReport(today, (y) => calendar.hasSchedule(y))) {
    const subject = { type: 'calendar_year', id: String(year) };
    if (await hasAuditSince(ctx.db, 'calendar.missing_year', subject, since)) continue;
    await recordAudit(ctx, {
      action: 'calendar.missing_year',
      subjectType: subject.type,
      subjectId: subject.id,
      actorId: null,
      actorName: null,
      after: { year, on: today, message: missingYearsWarning([year]) },
    });
    reported.push(year);
  }
  return reported;
}

/** The daily check for a missing holiday schedule (ADR 0005). */
export const checkMissingYearJob = defineJob({
  name: 'calendar.check_missing_year',
  schema: z.object({}).strict(),
  handler: async (ctx) => {
    await checkMissingYears(ctx);
  },
});

/** Every day at 08:30 China Standard Time, when administrators are at work. */
export const checkMissingYearSchedule = defineSchedule({
  name: 'calendar-check-missing-year',
  jobName: checkMissingYearJob.name,
  every: 'daily',
  at: '08:30',
  payload: {},
});
