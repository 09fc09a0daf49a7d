import { z } from 'zod';

/** The steps that carry a legal time limit (api-contract.md "A deadline is …"). */
export const DEADLINE_KINDS = [
  'acceptance',
  'objection',
  'handling',
  'extension',
  'review_request',
  'review',
  'rereview_request',
  'rereview',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The case events a period starts from (counting begins the next day). */
export const START_EVENTS = [
  'received',
  'accepted',
  'transferred_in',
  'answered',
  'review_requested',
  'review_opinion',
  'rereview_requested',
] as const;
export type StartEvent = (typeof START_EVENTS)[number];

/** How a period is counted: every calendar day, or working days of the official calendar only. */
export const DAY_UNITS = ['calendar_days', 'working_days'] as const;
export type DayUnit = (typeof DAY_UNITS)[number];

/** The standard procedure, or the optional simple track (简易办理) that a unit may switch on. */
export const TRACKS = ['standard', 'simple'] as const;
export type Track = (typeof TRACKS)[number];

/** Chinese names of the start events, as used in rule texts ("自受理次日起…"). */
export const START_EVENT_LABELS: Record<StartEvent, string> = {
  received: '收到信访事项',
  accepted: '受理',
  transferred_in: '收到转送、交办的信访事项',
  answered: '收到书面答复',
  review_requested: '收到复查请求',
  review_opinion: '收到复查意见',
  rereview_requested: '收到复核请求',
};

const kindLabels = DEADLINE_KINDS.join('、');
const eventLabels = START_EVENTS.join('、');

const count = z
  .number({ error: '天数应为数字' })
  .int({ error: '天数应为整数' })
  .min(1, { error: '天数至少为 1' })
  .max(365, { error: '天数不能超过 365' });
const unit = z.enum(DAY_UNITS, { error: '计算方式只能是 calendar_days（自然日）或 working_days（工作日）' });
const rollPastRestDays = z.boolean({ error: '是否顺延应为 true 或 false' });
const article = z
  .string({ error: '依据条款应为文字' })
  .trim()
  .min(1, { error: '依据条款不能为空' })
  .max(100, { error: '依据条款不能超过 100 个字' });
const label = z
  .string({ error: '名称应为文字' })
  .trim()
  .min(1, { error: '名称不能为空' })
  .max(50, { error: '名称不能超过 50 个字' });

/**
 * A time limit as data: which step (`kind`), from which event, how many days of which unit,
 * whether a last day on a rest day rolls to the next working day, and the article it comes from.
 * For `extension` the count is the most days a handling period may be extended by.
 */
export const DeadlineRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: '规则编号只能用小写字母、数字和下划线' }),
  kind: z.enum(DEADLINE_KINDS, { error: `时限类型只能是 ${kindLabels}` }),
  startEvent: z.enum(START_EVENTS, { error: `起算事件只能是 ${eventLabels}` }),
  count,
  unit,
  rollPastRestDays,
  article,
  label,
  track: z.enum(TRACKS, { error: '程序只能是 standard（普通程序）或 simple（简易办理）' }),
});
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

/** A unit's change to one default rule, matched by `id`: only the count, unit, rolling, article and label may change. */
export const RuleOverrideSchema = z.strictObject(
  {
    id: z
      .string({ error: '要修改的规则编号（id）不能为空' })
      .min(1, { error: '要修改的规则编号（id）不能为空' }),
    count: count.optional(),
    unit: unit.optional(),
    rollPastRestDays: rollPastRestDays.optional(),
    article: article.optional(),
    label: label.optional(),
  },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `不能修改字段 ${iss.keys.join('、')}（只能修改 count、unit、rollPastRestDays、article、label）`
        : '每条修改应为 { "id": …, 要修改的字段 }',
  },
);
export type RuleOverride = z.infer<typeof RuleOverrideSchema>;

const REGULATION = '信访工作条例';
const SIMPLE_MEASURES = '信访事项简易办理办法（试行）';

/**
 * The default time limits of 信访工作条例 (2022) as commonly applied (domain.md "Lifecycle and
 * time limits"), plus the simple track's limits. Configuration, not constants: see `unitRules`.
 */
export const DEFAULT_RULES: readonly DeadlineRule[] = Object.freeze(
  (
    [
      {
        id: 'acceptance',
        kind: 'acceptance',
        startEvent: 'received',
        count: 15,
        unit: 'calendar_days',
        rollPastRestDays: true,
        article: `${REGULATION}第22、23条`,
        label: '受理告知期限',
        track: 'standard',
      },
      {
        id: 'objection',
        kind: 'objection',
        startEvent: 'transferred_in',
        count: 5,
        unit: 'working_days',
        rollPastRestDays: true,
        article: `${REGULATION}第23条第3款`,
        label: '提出异议期限',
        track: 'standard',
      },
      {
        id: 'handling',
        kind: 'handling',
        startEvent: 'accepted',
        count: 60,
        unit: 'calendar_days',
        rollPastRestDays: true,
        article: `${REGULATION}第34条`,
        label: '办理期限',
        track: 'standard',
      },
      {
        id: 'extension',
        kind: 'extension',
        startEvent: 'accepted',
        count: 30,
        unit: 'calendar_days',
        rollPastRestDays: true,
        article: `${REGULATION}第34条`,
        label: '延长办理期限（上限）',
        track: 'standard',
      },
      {
        id: 'review_request',
        kind: 'review_request',
        startEvent: 'answered',
        count: 30,
        unit: 'calendar_days',
        rollPastRestDays: true,
        article: `${REGULATION}第35条`,
        label: '申请复查期限',
        track: 'standard',
      },
      {
        id: 'review',
        kind: 'review',
        startEvent: 'review_requested',
        count: 30,
        unit: 'calendar_days',
        rollPastRestDays: true,
        article: `${REGULATION}第35条`,
        label: '复查期限',
        track: 'standard',
      },
      {
        id: 'rereview_request',
        kind: 'rereview_request',
        startEvent: 'review_opinion',
        count: 30,
        unit: 'calendar_days',
        rollPastRestDays: true,
        article: `${REGULATION}第36条`,
        label: '申请复核期限',
        track: 'standard',
      },
      {
        id: 'rereview',
        kind: 'rereview',
        startEvent: 'rereview_requested',
        count: 30,
        unit: 'calendar_days',
        rollPastRestDays: true,
        article: `${REGULATION}第36条`,
        label: '复核期限',
        track: 'standard',
      },
      {
        id: 'simple_acceptance',
        kind: 'acceptance',
        startEvent: 'received',
        count: 3,
        unit: 'working_days',
        rollPastRestDays: true,
        article: SIMPLE_MEASURES,
        label: '简易办理受理期限',
        track: 'simple',
      },
      {
        id: 'simple_handling',
        kind: 'handling',
        startEvent: 'accepted',
        count: 10,
        unit: 'working_days',
        rollPastRestDays: true,
        article: SIMPLE_MEASURES,
        label: '简易办理办结期限',
        track: 'simple',
      },
    ] satisfies DeadlineRule[]
  ).map((r) => Object.freeze(r)),
);

/** Raised for rules, overrides or case events the engine cannot use; the message is Chinese. */
export class DeadlineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineError';
  }
}

/** Validates a unit's overrides (e.g. from its settings); every problem names the override and the field, in Chinese. */
export function parseRuleOverrides(
  input: unknown,
  defaults: readonly DeadlineRule[] = DEFAULT_RULES,
): { ok: true; overrides: RuleOverride[] } | { ok: false; errors: string[] } {
  const parsed = z.array(RuleOverrideSchema, { error: '时限规则的修改应为列表' }).safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const [index, field] = issue.path;
        const where =
          typeof index === 'number' ? `第 ${index + 1} 条修改${field ? `的 ${String(field)}` : ''}：` : '';
        return where + issue.message;
      }),
    };
  }
  const known = new Set(defaults.map((r) => r.id));
  const seen = new Set<string>();
  const errors: string[] = [];
  parsed.data.forEach((o, i) => {
    if (!known.has(o.id))
      errors.push(`第 ${i + 1} 条修改：没有编号为“${o.id}”的规则（可用：${[...known].join('、')}）`);
    if (seen.has(o.id)) errors.push(`第 ${i + 1} 条修改：规则“${o.id}”被修改了不止一次，请合并为一条`);
    seen.add(o.id);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, overrides: parsed.data };
}

/** A unit's rule set: the defaults with the unit's overrides merged in by id (throws `DeadlineError` on an invalid override). */
export function unitRules(
  overrides: readonly RuleOverride[] = [],
  defaults: readonly DeadlineRule[] = DEFAULT_RULES,
): DeadlineRule[] {
  const checked = parseRuleOverrides(overrides, defaults);
  if (!checked.ok) throw new DeadlineError(`本单位的时限规则设置有误：${checked.errors.join('；')}`);
  const byId = new Map(checked.overrides.map((o) => [o.id, o]));
  return defaults.map((rule) => {
    const o = byId.get(rule.id);
    if (!o) return { ...rule };
    const merged: DeadlineRule = { ...rule };
    if (o.count !== undefined) merged.count = o.count;
    if (o.unit !== undefined) merged.unit = o.unit;
    if (o.rollPastRestDays !== undefined) merged.rollPastRestDays = o.rollPastRestDays;
    if (o.article !== undefined) merged.article = o.article;
    if (o.label !== undefined) merged.label = o.label;
    return merged;
  });
}

/**
 * The rule that applies to each step: on the simple track a simple rule replaces the standard
 * rule of the same kind; steps without a simple rule (objection, review …) keep the standard one.
 */
export function activeRules(
  rules: readonly DeadlineRule[],
  options: { simpleTrack?: boolean } = {},
): DeadlineRule[] {
  const chosen = new Map<DeadlineKind, DeadlineRule>();
  for (const track of options.simpleTrack ? (['standard', 'simple'] as const) : (['standard'] as const)) {
    for (const rule of rules) {
      if (rule.track !== track) continue;
      const earlier = chosen.get(rule.kind);
      if (earlier && earlier.track === track) {
        throw new DeadlineError(
          `时限“${rule.kind}”在${track === 'simple' ? '简易办理' : '普通程序'}中有两条规则（${earlier.id}、${rule.id}），只能有一条`,
        );
      }
      chosen.set(rule.kind, rule);
    }
  }
  return DEADLINE_KINDS.flatMap((kind) => {
    const rule = chosen.get(kind);
    return rule ? [rule] : [];
  });
}
