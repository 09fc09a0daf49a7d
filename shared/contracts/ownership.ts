import { z } from 'zod';
import { DateString } from './common.ts';

// Wire shapes of case ownership (领导包案, issue 4 item 3): the owning leader, the case plan
// ("一人一策、一事一案"), progress entries, the outcome with its disposition type, handovers and
// the leader's board of owned cases with stale ones flagged.

/** A record id: opaque, only letters, digits and `_ . : -`. */
const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确');

/** Whether text holds a control character other than a line break or tab (PostgreSQL refuses NUL in text). */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

/** Trimmed text up to `max` characters, possibly empty, without control characters. */
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .refine((s) => !hasControl(s), `${label}中含有不可见的控制字符，请删除后重试`);

/** Non-empty trimmed text up to `max` characters, without control characters. */
const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`)
    .refine((s) => !hasControl(s), `${label}中含有不可见的控制字符，请删除后重试`);

/** The version of the ownership that was read; a stale one is answered 409 version_conflict. */
const Version = z
  .number({ error: '缺少版本号 version，请刷新页面后重试' })
  .int('版本号应为整数')
  .min(1, '版本号应为正整数')
  .max(2_000_000_000, '版本号不正确，请刷新页面后重试');

/** Disposition types of domain.md (Working the case): 解决到位, 解释到位, 导入法定途径, 帮扶救助到位. */
export const OUTCOME_TYPES = ['resolved', 'explained', 'redirected', 'assisted'] as const;
/** Kinds of assistance of an `assisted` outcome: 生活补助, 临时救助, 转介. */
export const ASSISTANCE_KINDS = ['living_subsidy', 'temporary_assistance', 'referral'] as const;

export const OUTCOME_TYPE_LABELS: Record<(typeof OUTCOME_TYPES)[number], string> = {
  resolved: '诉求合理的解决到位',
  explained: '诉求无政策依据的解释到位',
  redirected: '导入法定途径',
  assisted: '生活困难的帮扶救助到位',
};
export const ASSISTANCE_KIND_LABELS: Record<(typeof ASSISTANCE_KINDS)[number], string> = {
  living_subsidy: '生活补助',
  temporary_assistance: '临时救助',
  referral: '转介帮扶',
};

export const TakeOwnershipBody = z.object({
  /** The leader who owns the case; default the caller. */
  leaderId: Id.optional(),
});

export const MeasureInput = z.object({
  /** Present for a measure that already exists (keeps its done date); absent for a new one. */
  id: Id.optional(),
  text: text('措施内容', 500),
  assigneeId: Id,
  dueOn: DateString,
  done: z.boolean().default(false),
});

export const UpdatePlanBody = z.object({
  version: Version,
  demand: optionalText('诉求', 2000).optional(),
  policyBasis: optionalText('政策依据', 2000).optional(),
  nextContactOn: DateString.nullable().optional(),
  /** The whole list of measures in order (replaces the previous list). */
  measures: z
    .array(MeasureInput)
    .max(50, '措施最多50项')
    .refine((list) => {
      const ids = list.flatMap((m) => (m.id ? [m.id] : []));
      return new Set(ids).size === ids.length;
    }, '同一项措施出现了两次，请刷新页面后重新编辑')
    .optional(),
});

export const ProgressBody = z.object({
  on: DateString,
  text: text('进展情况', 2000),
});

/** Amount in yuan, up to two decimals, as a string so that it stays exact. */
const Amount = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, '金额应为不超过两位小数的元数，例如 1200 或 1200.50');

export const OutcomeBody = z
  .object({
    version: Version,
    type: z.enum(OUTCOME_TYPES, {
      error:
        '结果类型只能是 resolved（解决到位）、explained（解释到位）、redirected（导入法定途径）或 assisted（帮扶救助到位）',
    }),
    assistanceKind: z
      .enum(ASSISTANCE_KINDS, {
        error:
          '帮扶方式只能是 living_subsidy（生活补助）、temporary_assistance（临时救助）或 referral（转介帮扶）',
      })
      .optional(),
    amount: Amount.optional(),
    note: text('结果说明', 2000),
    on: DateString,
  })
  .refine((b) => b.type !== 'assisted' || b.assistanceKind !== undefined, {
    message: '帮扶救助到位时请选择帮扶方式（生活补助、临时救助或转介帮扶）',
    path: ['assistanceKind'],
  })
  .refine((b) => b.type === 'assisted' || (b.assistanceKind === undefined && b.amount === undefined), {
    message: '只有“帮扶救助到位”才填写帮扶方式和金额',
    path: ['assistanceKind'],
  })
  .refine((b) => b.amount === undefined || b.assistanceKind !== 'referral', {
    message: '转介帮扶不填写金额',
    path: ['amount'],
  });

export const HandoverBody = z.object({
  version: Version,
  leaderId: Id,
  reason: text('移交原因', 500),
});

const Person = z.object({ id: z.string(), name: z.string(), unitName: z.string() });

export const MeasureWire = z.object({
  id: z.string(),
  text: z.string(),
  assigneeId: z.string(),
  assigneeName: z.string(),
  dueOn: z.string(),
  done: z.boolean(),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
});

export const OwnershipAbilities = z.object({
  take: z.boolean(),
  assign: z.boolean(),
  editPlan: z.boolean(),
  addProgress: z.boolean(),
  recordOutcome: z.boolean(),
  handover: z.boolean(),
});

export const OwnershipResponse = z.object({
  petitionId: z.string(),
  /** Whether someone owns the case (the rest is empty when not). */
  owned: z.boolean(),
  /** True until the outcome is recorded. */
  open: z.boolean(),
  version: z.number().int(),
  leader: Person.nullable(),
  takenOn: z.string().nullable(),
  plan: z.object({
    demand: z.string(),
    policyBasis: z.string(),
    nextContactOn: z.string().nullable(),
    measures: z.array(MeasureWire),
  }),
  progress: z.array(
    z.object({
      id: z.string(),
      on: z.string(),
      text: z.string(),
      authorName: z.string(),
      createdAt: z.string(),
    }),
  ),
  lastProgressOn: z.string().nullable(),
  outcome: z
    .object({
      type: z.enum(OUTCOME_TYPES),
      typeLabel: z.string(),
      assistanceKind: z.enum(ASSISTANCE_KINDS).nullable(),
      assistanceKindLabel: z.string().nullable(),
      amount: z.string().nullable(),
      note: z.string(),
      on: z.string(),
      byName: z.string(),
    })
    .nullable(),
  handovers: z.array(
    z.object({
      at: z.string(),
      fromName: z.string(),
      toName: z.string(),
      reason: z.string(),
      byName: z.string(),
    }),
  ),
  stale: z.boolean(),
  staleReasons: z.array(z.string()),
  abilities: OwnershipAbilities,
});
export type OwnershipWire = z.infer<typeof OwnershipResponse>;

export const OwnershipPeopleResponse = z.object({
  /** Leaders the caller may make owner of this case (in scope, able to see it, no declared interest). */
  leaders: z.array(Person),
  /** Staff the caller may give a measure to (in scope). */
  assignees: z.array(Person),
});

export const BoardQuery = z.object({ leaderId: Id.optional() });

export const BoardItem = z.object({
  petitionId: z.string(),
  number: z.string(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  takenOn: z.string(),
  nextContactOn: z.string().nullable(),
  lastProgressOn: z.string().nullable(),
  overdueMeasures: z.number().int(),
  openMeasures: z.number().int(),
  stale: z.boolean(),
  /** The reasons in Chinese, joined by '；' (null when not stale). */
  staleReason: z.string().nullable(),
});
export type BoardItemWire = z.infer<typeof BoardItem>;

export const BoardResponse = z.object({
  leader: Person,
  staleAfterDays: z.number().int(),
  items: z.array(BoardItem),
});
