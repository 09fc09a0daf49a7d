import { z } from 'zod';
import { DateString, PageQuery } from './common.ts';

/**
 * Filters of the audit list (api-contract: Audit). `from` and `to` are calendar days in China
 * Standard Time (Asia/Shanghai, UTC+8), both inclusive: `to=2026-11-02` includes that whole day.
 */
export const AuditListQuery = PageQuery.extend({
  actorId: z.string().min(1).max(100).optional(),
  action: z.string().min(1).max(100).optional(),
  subjectType: z.string().min(1).max(100).optional(),
  subjectId: z.string().min(1).max(200).optional(),
  from: DateString.optional(),
  to: DateString.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, {
  message: '开始日期不能晚于结束日期',
  path: ['from'],
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

/** One entry of the audit trail as an auditor sees it; `id` is its position in the hash chain. */
export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  unitId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListResponse = z.object({
  items: z.array(AuditEntry),
  total: z.number().int(),
});
export type AuditListResponse = z.infer<typeof AuditListResponse>;

/**
 * The result of recomputing the chain: `brokenAt` names the first entry that was changed,
 * removed, inserted or moved (or where the chain ends short of an external anchor).
 */
export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAt: z.number().int().optional(),
  reason: z.string().optional(),
  anchors: z.object({ checked: z.number().int(), ok: z.boolean() }),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;
