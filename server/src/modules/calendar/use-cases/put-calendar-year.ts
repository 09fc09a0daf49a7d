import {
  builtInCalendar,
  validateSchedule,
  type YearSchedule,
} from '../../../../../shared/calendar/index.ts';
import type { PutCalendarYearInput } from '../../../../../shared/contracts/calendar.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { findCalendarYear } from '../calendar.repository.ts';
import { storeSchedules } from './store-schedules.ts';

/**
 * Enters or corrects one year's schedule by hand (source `manual`): validated by `validateSchedule`
 * (422 `invalid_schedule` with every problem in Chinese); an entered or imported year may be
 * edited freely, a built-in year only replaced with `replace` (409 `calendar_year_exists` otherwise).
 */
export async function putCalendarYear(
  ctx: Ctx,
  year: number,
  input: PutCalendarYearInput,
  options: { replace: boolean },
): Promise<YearSchedule> {
  if (input.year !== undefined && input.year !== year) {
    throw new AppError('invalid_schedule', `内容中的年份 ${input.year} 与地址中的年份 ${year} 不一致。`, {
      problems: [`年份：内容写的是 ${input.year} 年，但要保存的是 ${year} 年，请改成一致`],
    });
  }
  const result = validateSchedule({ ...input, year });
  if (!result.ok) {
    throw new AppError(
      'invalid_schedule',
      `${year} 年的节假日安排有误：${result.errors.slice(0, 3).join('；')}${result.errors.length > 3 ? `（共 ${result.errors.length} 处）` : ''}`,
      { problems: result.errors },
    );
  }
  const schedule = result.schedules[0]!;
  if (builtInCalendar.hasSchedule(year) && !options.replace && !(await findCalendarYear(ctx.db, year))) {
    throw new AppError(
      'calendar_year_exists',
      `${year} 年的节假日安排系统已内置。如确需更正，请勾选“替换已有年度”（?replace=true）后重新保存。`,
      { years: [year] },
    );
  }
  await storeSchedules(ctx, [schedule], 'manual');
  return schedule;
}
