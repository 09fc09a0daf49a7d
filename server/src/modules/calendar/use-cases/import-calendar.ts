import { parseIcs, parseScheduleJson } from '../../../../../shared/calendar/index.ts';
import type { ImportCalendarInput, ImportCalendarResult } from '../../../../../shared/contracts/calendar.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { loadCalendar } from '../load-calendar.ts';
import { storeSchedules } from './store-schedules.ts';

/**
 * Imports one or several years from a JSON or .ics file (ADR 0005): every problem of the file is
 * a 422 `invalid_schedule` listing them in Chinese; a year whose schedule is already known (built
 * in or imported) is never overwritten silently — 409 `calendar_year_exists` unless `replace`.
 * All years are stored, or none.
 */
export async function importCalendar(ctx: Ctx, input: ImportCalendarInput): Promise<ImportCalendarResult> {
  const parsed = input.format === 'ics' ? parseIcs(input.content) : parseScheduleJson(input.content);
  if (!parsed.ok) {
    throw new AppError(
      'invalid_schedule',
      `文件中的节假日安排有误：${parsed.errors.slice(0, 3).join('；')}${parsed.errors.length > 3 ? `（共 ${parsed.errors.length} 处）` : ''}`,
      { problems: parsed.errors },
    );
  }
  const calendar = await loadCalendar(ctx.db);
  const existing = parsed.schedules.filter((s) => calendar.hasSchedule(s.year)).map((s) => s.year);
  if (existing.length > 0 && !input.replace) {
    throw new AppError(
      'calendar_year_exists',
      `${existing.join('、')} 年的节假日安排已经存在，没有导入任何年度。如确需用此文件更正，请勾选“替换已有年度”（replace: true）后重新导入。`,
      { years: existing },
    );
  }
  const source = input.format === 'ics' ? 'import_ics' : 'import_json';
  const notes = await storeSchedules(ctx, parsed.schedules, source);
  return { imported: parsed.schedules.map((s) => s.year), warnings: [...parsed.warnings, ...notes] };
}
