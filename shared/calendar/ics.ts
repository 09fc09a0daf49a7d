import { addCalendarDays, fromDayNumber, isIsoDate, toDayNumber } from './dates.ts';
import { noticeYear, type ScheduleImport, validateSchedule, type YearSchedule } from './schedule.ts';

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

type DayKind = 'rest' | 'work';

const MAX_EVENT_DAYS = 60;

/** Lines of an iCalendar text with folded continuation lines (RFC 5545 §3.1) joined back. */
function unfold(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && lines.length > 0) {
      lines[lines.length - 1] += line.slice(1);
    } else if (line.length > 0) lines.push(line);
  }
  return lines;
}

function parseProperty(line: string): Property | undefined {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  const [name = '', ...rawParams] = line.slice(0, colon).split(';');
  const params: Record<string, string> = {};
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: name.toUpperCase(), params, value: line.slice(colon + 1) };
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** 班 (or "Workday") marks a make-up workday; otherwise 休/假 (or "Holiday") marks a rest day. */
function classify(text: string | undefined): DayKind | undefined {
  if (!text) return undefined;
  if (/班|workday|working day/i.test(text)) return 'work';
  if (/休|假|holiday|day off/i.test(text)) return 'rest';
  return undefined;
}

function holidayName(summary: string, kind: DayKind): string {
  const name = summary
    .replace(/[（(]\s*(?:休|假|班|放假|补班|上班|调休|holiday|workday)\s*[)）]/gi, '')
    .replace(/\s*(?:放假|休息|补班|上班|调休上班|调休|假期|休|班)$/, '')
    .trim();
  return name || (kind === 'rest' ? '节假日' : '调休');
}

interface Moment {
  date: string;
  midnight: boolean;
}

/** A DATE or DATE-TIME value as a China Standard Time day; UTC times (`Z`) are shifted by 8 hours. */
function parseMoment(value: string): Moment | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value.trim());
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isIsoDate(date)) return undefined;
  if (m[4] === undefined) return { date, midnight: true };
  let minutes = Number(m[4]) * 60 + Number(m[5]);
  let day = toDayNumber(date);
  if (m[7] === 'Z') {
    minutes += 8 * 60;
    if (minutes >= 24 * 60) {
      minutes -= 24 * 60;
      day += 1;
    }
  }
  return { date: fromDayNumber(day), midnight: minutes === 0 && Number(m[6]) === 0 };
}

function durationDays(value: string): number | undefined {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T.*)?$/.exec(value.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0);
}

/** The days an event covers: DTEND is exclusive (RFC 5545), so a one-day all-day event ends the next day. */
function eventDays(props: Property[]): { days: string[] } | { error: string } {
  const get = (name: string) => props.find((p) => p.name === name)?.value;
  const rawStart = get('DTSTART');
  const start = rawStart === undefined ? undefined : parseMoment(rawStart);
  if (!start) return { error: `开始日期（DTSTART）“${rawStart ?? ''}”无法识别` };
  const rawEnd = get('DTEND');
  let last: string;
  if (rawEnd !== undefined) {
    const end = parseMoment(rawEnd);
    if (!end) return { error: `结束日期（DTEND）“${rawEnd}”无法识别` };
    last = end.midnight ? addCalendarDays(end.date, -1) : end.date;
    if (last < start.date) last = start.date;
  } else {
    const rawDuration = get('DURATION');
    const days = rawDuration === undefined ? 1 : durationDays(rawDuration);
    if (days === undefined) return { error: `时长（DURATION）“${rawDuration}”无法识别` };
    last = addCalendarDays(start.date, Math.max(days, 1) - 1);
  }
  const span = toDayNumber(last) - toDayNumber(start.date) + 1;
  if (span > MAX_EVENT_DAYS) return { error: `跨度 ${span} 天，超过 ${MAX_EVENT_DAYS} 天，不像节假日安排` };
  return { days: Array.from({ length: span }, (_, i) => addCalendarDays(start.date, i)) };
}

/**
 * Imports year schedules from an iCalendar (.ics) file such as chinese-days' holidays.ics: each
 * VEVENT whose SUMMARY (or DESCRIPTION) contains 班 is a make-up workday, one that contains 休 or
 * 假 is a rest day; other events are ignored with a warning. Days are grouped into the year of the
 * notice they belong to.
 */
export function parseIcs(text: string): ScheduleImport {
  const lines = unfold(text);
  if (!lines.some((l) => l.toUpperCase() === 'BEGIN:VCALENDAR')) {
    return { ok: false, errors: ['这不是 iCalendar（.ics）文件：没有找到 BEGIN:VCALENDAR。'] };
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  const rest = new Map<number, Map<string, Set<string>>>();
  const work = new Map<number, Set<string>>();
  let event: Property[] | undefined;
  for (const line of lines) {
    const upper = line.toUpperCase();
    if (upper === 'BEGIN:VEVENT') {
      event = [];
      continue;
    }
    if (upper === 'END:VEVENT' && event) {
      const props = event;
      event = undefined;
      const summary = unescapeText(props.find((p) => p.name === 'SUMMARY')?.value ?? '').trim();
      const description = unescapeText(props.find((p) => p.name === 'DESCRIPTION')?.value ?? '');
      const label = summary || '（无标题）';
      const covered = eventDays(props);
      if ('error' in covered) {
        errors.push(`日程“${label}”：${covered.error}`);
        continue;
      }
      const kind = classify(summary) ?? classify(description);
      if (!kind) {
        warnings.push(
          `已忽略日程“${label}”（${covered.days[0]}）：标题中没有“休”“假”或“班”，无法判断是放假还是上班。`,
        );
        continue;
      }
      const name = holidayName(summary, kind);
      for (const day of covered.days) {
        const year = noticeYear(day, name);
        if (kind === 'work') {
          if (!work.has(year)) work.set(year, new Set());
          work.get(year)!.add(day);
        } else {
          if (!rest.has(year)) rest.set(year, new Map());
          const byName = rest.get(year)!;
          if (!byName.has(name)) byName.set(name, new Set());
          byName.get(name)!.add(day);
        }
      }
      continue;
    }
    if (event) {
      const prop = parseProperty(line);
      if (prop) event.push(prop);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const years = [...new Set([...rest.keys(), ...work.keys()])].sort((a, b) => a - b);
  if (years.length === 0) {
    return {
      ok: false,
      errors: [
        '文件中没有放假或调休上班的日程（日程标题应含“休”“假”或“班”，例如“国庆节(休)”“国庆节(班)”）。',
      ],
    };
  }
  const schedules: YearSchedule[] = [];
  for (const year of years) {
    const candidate: YearSchedule = {
      year,
      holidays: [...(rest.get(year) ?? new Map<string, Set<string>>())].map(([name, dates]) => ({
        name,
        dates: [...dates],
      })),
      makeupWorkdays: [...(work.get(year) ?? [])],
    };
    const result = validateSchedule(candidate);
    if (result.ok) schedules.push(...result.schedules);
    else errors.push(...result.errors.map((m) => `${year} 年：${m}`));
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, schedules, warnings };
}
