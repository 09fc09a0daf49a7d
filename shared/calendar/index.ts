import { OfficialCalendar } from './official-calendar.ts';
import { GENERATED_SCHEDULES } from './schedules.generated.ts';

export * from './dates.ts';
export { parseIcs } from './ics.ts';
export * from './official-calendar.ts';
export * from './schedule.ts';

/** The built-in official calendar (chinese-days' schedules, 2004–2026); add later years with `withYear`. */
export const builtInCalendar: OfficialCalendar = OfficialCalendar.fromSchedules(GENERATED_SCHEDULES);
