import { z } from 'zod';
import { PageQuery } from './common.ts';

// Wire shapes of supervision (督查督办): notices (督办单) and their ladder, replies, closing, manual
// issue, and the per-unit settings (docs/supervision.md).

const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确');

export const NOTICE_LEVELS = ['supervise', 'interview', 'public_notice', 'listed'] as const;
export const NOTICE_STATUSES = ['open', 'replied', 'escalated', 'closed'] as const;

export const NoticeListQuery = PageQuery.extend({
  status: z.enum(NOTICE_STATUSES, { message: '状态应为 open、replied、escalated 或 closed' }).optional(),
  level: z
    .enum(NOTICE_LEVELS, { message: '级别应为 supervise、interview、public_notice 或 listed' })
    .optional(),
  /** 1 = only notices issued to me. */
  mine: z.enum(['0', '1']).optional(),
  petitionId: Id.optional(),
});

export const NoticeAbilities = z.object({ reply: z.boolean(), close: z.boolean() });

export const NoticeSummary = z.object({
  id: z.string(),
  number: z.string(),
  level: z.enum(NOTICE_LEVELS),
  levelLabel: z.string(),
  step: z.number().int(),
  status: z.enum(NOTICE_STATUSES),
  statusLabel: z.string(),
  /** Open and past its reply date. */
  overdue: z.boolean(),
  petitionId: z.string(),
  petitionNumber: z.string(),
  petitionTitle: z.string(),
  responsibleUnit: z.object({ id: z.string(), name: z.string() }),
  issuingUnit: z.object({ id: z.string(), name: z.string() }),
  issuedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
  reason: z.string(),
  replyDue: z.string(),
  createdAt: z.string(),
  abilities: NoticeAbilities,
});
export type NoticeSummaryWire = z.infer<typeof NoticeSummary>;

export const NoticeDetail = NoticeSummary.extend({
  deadlineKind: z.string().nullable(),
  deadlineDue: z.string().nullable(),
  replyText: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  /** Every step of this matter's ladder, first to last. */
  steps: z.array(NoticeSummary.omit({ abilities: true })),
});
export type NoticeDetailWire = z.infer<typeof NoticeDetail>;

export const NoticeListResponse = z.object({ items: z.array(NoticeSummary), total: z.number().int() });

export const ReplyBody = z.object({
  text: z.string().trim().min(5, '请写明办理情况（至少5个字）').max(5000, '答复不能超过5000个字'),
});

export const CloseBody = z.object({
  note: z.string().trim().max(1000, '办结意见不能超过1000个字').optional(),
});

export const IssueNoticeBody = z.object({
  petitionId: Id,
  reason: z.string().trim().min(2, '请写明督办事由').max(500, '督办事由不能超过500个字'),
  /** Working days to reply; default the unit's setting. */
  replyWorkingDays: z
    .number()
    .int()
    .min(1, '答复期限至少1个工作日')
    .max(60, '答复期限最多60个工作日')
    .optional(),
});

export const SettingsQuery = z.object({ unitId: Id.optional() });

export const SettingsBody = z.object({
  /** A unit in scope; omit for the global default (sysadmin only). */
  unitId: Id.optional(),
  remindDays: z.number().int().min(0, '提前提醒天数不能为负').max(30, '提前提醒最多30天'),
  replyWorkingDays: z.number().int().min(1, '答复期限至少1个工作日').max(60, '答复期限最多60个工作日'),
});

export const SettingsResponse = z.object({
  unitId: z.string().nullable(),
  remindDays: z.number().int(),
  replyWorkingDays: z.number().int(),
  /** Where the values come from: this unit, an ancestor's id, '*' (global) or null (built-in defaults). */
  source: z.string().nullable(),
});

export const SweepResponse = z.object({ jobId: z.string(), enqueued: z.boolean() });
