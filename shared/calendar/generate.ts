import { normalizeSchedule, noticeYear, type YearSchedule } from './schedule.ts';

/** The shape of chinese-days' `dist/chinese-days.json`: date → "English name,中文名,days". */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function chineseName(entry: string): string {
  const [, zh] = entry.split(',');
  return (zh ?? entry).trim();
}

/** Year schedules equal to chinese-days' rest days and make-up workdays, grouped by the year of their notice. */
export function schedulesFromChineseDays(data: ChineseDaysData): YearSchedule[] {
  const years = new Map<number, YearSchedule>();
  const yearFor = (year: number) => {
    if (!years.has(year)) years.set(year, { year, holidays: [], makeupWorkdays: [] });
    return years.get(year)!;
  };
  for (const [date, entry] of Object.entries(data.holidays)) {
    const name = chineseName(entry);
    const schedule = yearFor(noticeYear(date, name));
    let holiday = schedule.holidays.find((h) => h.name === name);
    if (!holiday) {
      holiday = { name, dates: [] };
      schedule.holidays.push(holiday);
    }
    holiday.dates.push(date);
  }
  for (const [date, entry] of Object.entries(data.workdays)) {
    yearFor(noticeYear(date, chineseName(entry))).makeupWorkdays.push(date);
  }
  return [...years.values()].map(normalizeSchedule).sort((a, b) => a.year - b.year);
}

/** The TypeScript source of `schedules.generated.ts` (formatted afterwards by Biome). */
export function renderSchedulesModule(schedules: readonly YearSchedule[], source: string): string {
  const first = schedules[0]?.year;
  const last = schedules[schedules.length - 1]?.year;
  return [
    `// Generated from ${source} by scripts/generate-calendar.ts — do not edit by hand.`,
    '// Regenerate with `npx tsx scripts/generate-calendar.ts` after upgrading chinese-days.',
    "import type { YearSchedule } from './schedule.ts';",
    '',
    `/** Where the generated schedules come from. */`,
    `export const GENERATED_SOURCE = ${JSON.stringify(source)};`,
    '',
    `/** The State Council holiday schedules ${first}–${last} with 调休, as published in ${source}. */`,
    `export const GENERATED_SCHEDULES: readonly YearSchedule[] = ${JSON.stringify(schedules)};`,
    '',
  ].join('\n');
}
