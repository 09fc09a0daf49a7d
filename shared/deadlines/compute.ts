import { assertIsoDate, fromDayNumber, toDayNumber } from '../calendar/dates.ts';
import type { OfficialCalendar } from '../calendar/official-calendar.ts';
import {
  activeRules,
  type DayUnit,
  DeadlineError,
  type DeadlineKind,
  type DeadlineRule,
  START_EVENT_LABELS,
  START_EVENTS,
  type StartEvent,
} from './rules.ts';

/** A stretch of days, both ends included, that a period does not count (e.g. a hearing, 听证). */
export interface Pause {
  from: string;
  to: string;
  /** What the pause is, for the rule text; defaults to 听证. */
  reason?: string;
}

/** Options of `computeDeadline`. */
export interface ComputeOptions {
  pauses?: readonly Pause[];
  /** Approved extension, counted after the rule's own days (in `extensionUnit`, default the rule's unit). */
  extensionDays?: number;
  extensionUnit?: DayUnit;
}

/** A computed time limit, naming the rule that produced it (api-contract.md "A deadline is …"). */
export interface Deadline {
  kind: DeadlineKind;
  /** The last day to act, `YYYY-MM-DD`. */
  due: string;
  /** Chinese text of the rule: start, count, unit, rolling, extension, pauses and article. */
  rule: string;
  ruleId: string;
  label: string;
  /** The day of the start event; counting begins the day after. */
  start: string;
  /** `calendar_missing:<year>` for every year the computation looked at without a holiday schedule. */
  flags: string[];
}

/** A case event that matters to deadlines: a start event, the one approved extension, or a pause. */
export type CaseEvent =
  | { type: StartEvent; on: string }
  | { type: 'extended'; on: string; days: number }
  | { type: 'paused'; from: string; to: string; reason?: string; kinds?: readonly DeadlineKind[] };

const FLAG_PREFIX = 'calendar_missing:';
const UNIT_TEXT: Record<DayUnit, string> = { calendar_days: '个自然日', working_days: '个工作日' };
/** A period cannot need more than this many days after its start; beyond it the input is wrong. */
const MAX_WALK_DAYS = 5 * 366;

/** The flag for a deadline computed across `year` without that year's holiday schedule. */
export function calendarMissingFlag(year: number): string {
  return `${FLAG_PREFIX}${year}`;
}

/** The year a `calendar_missing:<year>` flag names, or undefined for any other flag. */
export function missingCalendarYear(flag: string): number | undefined {
  if (!flag.startsWith(FLAG_PREFIX)) return undefined;
  const year = Number(flag.slice(FLAG_PREFIX.length));
  return Number.isInteger(year) ? year : undefined;
}

/** The Chinese explanation of a deadline flag, for the case page, lists and administrators. */
export function describeFlag(flag: string): string {
  const year = missingCalendarYear(flag);
  if (year !== undefined)
    return `${year}年度节假日安排尚未录入，该期限暂按周六、周日休息推算，录入后会重新计算。`;
  return flag;
}

/**
 * The rule in Chinese, e.g. "自收到信访事项次日起15个自然日，期满日遇法定节假日或休息日顺延至其后第一个工作日
 * （信访工作条例第22、23条）"; an extension and paused days are named when they apply.
 */
export function describeRule(
  rule: DeadlineRule,
  applied: {
    extensionDays?: number;
    extensionUnit?: DayUnit;
    pausedDays?: number;
    pauseReasons?: string[];
  } = {},
): string {
  const parts = [`自${START_EVENT_LABELS[rule.startEvent]}次日起${rule.count}${UNIT_TEXT[rule.unit]}`];
  if (applied.extensionDays) {
    parts.push(`经批准延长${applied.extensionDays}${UNIT_TEXT[applied.extensionUnit ?? rule.unit]}`);
  }
  if (applied.pausedDays) {
    const reasons = applied.pauseReasons?.length ? applied.pauseReasons.join('、') : '听证';
    parts.push(`${reasons}期间${applied.pausedDays}日不计入`);
  }
  if (rule.unit === 'calendar_days') {
    parts.push(
      rule.rollPastRestDays ? '期满日遇法定节假日或休息日顺延至其后第一个工作日' : '期满日遇节假日不顺延',
    );
  }
  return `${parts.join('，')}（${rule.article}）`;
}

function checkPauses(pauses: readonly Pause[]): Array<{ from: number; to: number }> {
  return pauses.map((p) => {
    assertIsoDate(p.from);
    assertIsoDate(p.to);
    if (p.from > p.to) throw new DeadlineError(`中止期间的开始日期 ${p.from} 晚于结束日期 ${p.to}`);
    return { from: toDayNumber(p.from), to: toDayNumber(p.to) };
  });
}

/**
 * The due date of `rule` for a start event on `start`: counting begins the next day; paused days
 * do not count; a working-day period counts only working days; a calendar-day period whose last
 * day is a rest day (weekend or holiday, with 调休) ends on the next working day that is not
 * paused, when the rule rolls. Flags every year looked at that has no holiday schedule.
 */
export function computeDeadline(
  rule: DeadlineRule,
  start: string,
  calendar: OfficialCalendar,
  options: ComputeOptions = {},
): Deadline {
  assertIsoDate(start);
  const extensionDays = options.extensionDays ?? 0;
  if (!Number.isInteger(extensionDays) || extensionDays < 0) {
    throw new DeadlineError(`延长的天数应为非负整数，收到 ${extensionDays}`);
  }
  if (!Number.isInteger(rule.count) || rule.count < 1)
    throw new DeadlineError(`规则“${rule.id}”的天数无效：${rule.count}`);
  const extensionUnit = options.extensionUnit ?? rule.unit;
  const pauses = checkPauses(options.pauses ?? []);
  const hit = new Set<number>();
  const isPaused = (day: number) => {
    const index = pauses.findIndex((p) => day >= p.from && day <= p.to);
    if (index >= 0) hit.add(index);
    return index >= 0;
  };
  const missing = new Set<number>();
  const isWorkday = (day: number) => {
    const date = fromDayNumber(day);
    const year = Number(date.slice(0, 4));
    if (!calendar.hasSchedule(year)) missing.add(year);
    return calendar.isWorkday(date);
  };

  const first = toDayNumber(start);
  let cursor = first;
  const step = () => {
    cursor++;
    if (cursor - first > MAX_WALK_DAYS) {
      throw new DeadlineError(
        `规则“${rule.id}”从 ${start} 起算超过 ${MAX_WALK_DAYS} 天仍未期满，请检查中止期间`,
      );
    }
  };
  const segments: Array<[number, DayUnit]> = [
    [rule.count, rule.unit],
    [extensionDays, extensionUnit],
  ];
  let pausedDays = 0;
  for (const [days, unit] of segments) {
    for (let left = days; left > 0; ) {
      step();
      if (isPaused(cursor)) {
        pausedDays++;
        continue;
      }
      if (unit === 'working_days' && !isWorkday(cursor)) continue;
      left--;
    }
  }
  const rolls = rule.rollPastRestDays && (rule.unit === 'calendar_days' || extensionUnit === 'calendar_days');
  if (rolls) {
    while (isPaused(cursor) || !isWorkday(cursor)) {
      step();
      if (isPaused(cursor)) pausedDays++;
    }
  }
  const reasons = [
    ...new Set([...hit].sort((a, b) => a - b).map((i) => options.pauses?.[i]?.reason?.trim() || '听证')),
  ];
  return {
    kind: rule.kind,
    due: fromDayNumber(cursor),
    rule: describeRule(rule, { extensionDays, extensionUnit, pausedDays, pauseReasons: reasons }),
    ruleId: rule.id,
    label: rule.label,
    start,
    flags: [...missing].sort((a, b) => a - b).map(calendarMissingFlag),
  };
}

function isStartEvent(type: string): type is StartEvent {
  return (START_EVENTS as readonly string[]).includes(type);
}

/**
 * Every deadline of a case from its events: for each step whose start event happened (the latest
 * occurrence counts), the active rule (simple track or standard) computed with the case's pauses;
 * the handling deadline carries the one approved extension, which may not exceed the extension rule.
 */
export function computeCaseDeadlines(
  events: readonly CaseEvent[],
  rules: readonly DeadlineRule[],
  calendar: OfficialCalendar,
  options: { simpleTrack?: boolean } = {},
): Deadline[] {
  const active = activeRules(rules, options);
  const starts = new Map<StartEvent, string>();
  const extensions: Array<{ on: string; days: number }> = [];
  const pauses: Array<Pause & { kinds?: readonly DeadlineKind[] }> = [];
  for (const event of events) {
    if (event.type === 'extended') {
      assertIsoDate(event.on);
      extensions.push(event);
    } else if (event.type === 'paused') {
      pauses.push(event);
    } else if (isStartEvent(event.type)) {
      assertIsoDate(event.on);
      const earlier = starts.get(event.type);
      if (earlier === undefined || event.on > earlier) starts.set(event.type, event.on);
    }
  }
  const extensionRule = active.find((r) => r.kind === 'extension');
  if (extensions.length > 1)
    throw new DeadlineError(`办理期限只能延长一次（${extensionRule?.article ?? '信访工作条例第34条'}）`);
  const extension = extensions[0];
  if (extension) {
    if (!extensionRule) throw new DeadlineError('本单位的时限规则中没有延期规则，不能延长办理期限');
    if (!Number.isInteger(extension.days) || extension.days < 1 || extension.days > extensionRule.count) {
      throw new DeadlineError(
        `延长的天数应为 1 到 ${extensionRule.count} 之间的整数（${extensionRule.article}），收到 ${extension.days}`,
      );
    }
  }
  return active.flatMap((rule) => {
    if (rule.kind === 'extension') return [];
    const start = starts.get(rule.startEvent);
    if (start === undefined) return [];
    const extended = rule.kind === 'handling' && extension !== undefined && extensionRule !== undefined;
    return [
      computeDeadline(rule, start, calendar, {
        pauses: pauses.filter((p) => !p.kinds || p.kinds.includes(rule.kind)),
        extensionDays: extended ? extension.days : 0,
        extensionUnit: extended ? extensionRule.unit : undefined,
      }),
    ];
  });
}
