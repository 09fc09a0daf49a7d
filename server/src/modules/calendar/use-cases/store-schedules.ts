import { builtInCalendar, type YearSchedule } from '../../../../../shared/calendar/index.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { scheduleCounts } from '../calendar.presenter.ts';
import { type CalendarYearSource, findCalendarYear, upsertCalendarYear } from '../calendar.repository.ts';
import { scheduleOfRow } from '../load-calendar.ts';
import { requestDeadlineRecompute } from '../recompute.ts';

/**
 * Stores validated year schedules (each with a fresh revision, so every app instance's calendar
 * cache sees the change at once) and audits each as `calendar.import` with the year and counts,
 * and the counts of the schedule it replaced. Returns a Chinese note per replaced year.
 */
export async function storeSchedules(
  ctx: Ctx,
  schedules: readonly YearSchedule[],
  source: CalendarYearSource,
): Promise<string[]> {
  const notes: string[] = [];
  const now = ctx.clock.now().toISOString();
  for (const schedule of schedules) {
    const stored = await findCalendarYear(ctx.db, schedule.year);
    const previous = stored ? scheduleOfRow(stored) : builtInCalendar.schedule(schedule.year);
    await upsertCalendarYear(ctx.db, {
      year: schedule.year,
      schedule_json: JSON.stringify(schedule),
      source,
      revision: newId(),
      imported_at: now,
      imported_by: ctx.actor?.userId ?? null,
    });
    await recordAudit(ctx, {
      action: 'calendar.import',
      subjectType: 'calendar_year',
      subjectId: String(schedule.year),
      before: previous
        ? { year: previous.year, source: stored ? stored.source : 'built_in', ...scheduleCounts(previous) }
        : undefined,
      after: { year: schedule.year, source, ...scheduleCounts(schedule) },
    });
    if (previous) {
      notes.push(
        `${schedule.year} 年原有的节假日安排（${stored ? '此前录入' : '系统内置'}）已被替换，此后的期限均按新安排计算。`,
      );
    }
  }
  if (schedules.length)
    await requestDeadlineRecompute(ctx, `calendar ${schedules.map((s) => s.year).join(',')}`);
  return notes;
}
