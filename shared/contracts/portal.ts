import { z } from 'zod';
import { DEADLINE_KINDS } from '../deadlines/rules.ts';
import { ClassificationSchema, PETITION_STATUS_VALUES } from './petitions.ts';

// Wire shapes of the public portal (api-contract: Public portal (no account)) and of the staff's
// return visits (回访). The contract's fields are exact; the rest are documented additions. Nothing
// here ever carries a petitioner's phone, ID number or name back to the browser.

/** How many attachments one online petition may carry. */
export const PORTAL_MAX_ATTACHMENTS = 3;

/** Size limits of the public submission (characters after trimming). */
export const PORTAL_LIMITS = {
  title: 100,
  content: 5000,
  demands: 2000,
  name: 50,
  comment: 1000,
  reason: 2000,
} as const;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** Whether an 18-character resident ID number has the right check character (GB 11643-1999, ISO 7064 MOD 11-2). */
export function isValidIdNumber(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK_CHARS[sum % 11] === v[17];
}

/** A mainland mobile number: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Whether a text holds control characters other than tab and line breaks (never in a citizen's text). */
function hasControlChars(v: string): boolean {
  return [...v].some((ch) => {
    const c = ch.charCodeAt(0);
    return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127;
  });
}

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最多${max}个字`)
    .refine((v) => !hasControlChars(v), `${label}含有无法识别的控制字符，请删除后重试`);

/** A record id: letters, digits and `_ . : -` only (ids are UUIDs). */
const Id = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .trim()
    .min(1, `请选择${label}`)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/, `${label}的编号格式不正确`);

/** The petitioner of a public submission: name, a mainland mobile number, optionally the ID number. */
export const PortalPetitionerInput = z.object({
  name: text('姓名', PORTAL_LIMITS.name),
  phone: z
    .string({ error: '请填写手机号码' })
    .trim()
    .transform((v) => v.replace(/[\s-]/g, ''))
    .refine((v) => MOBILE_PATTERN.test(v), '手机号码应为11位数字，以13至19开头'),
  idNumber: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v.toUpperCase() : undefined))
    .refine(
      (v) => v === undefined || isValidIdNumber(v),
      '身份证号码不正确：应为18位（最后一位可为X），请核对后重新填写，或不填',
    ),
});

/** POST /api/public/petitions. `challengeId`/`challengeAnswer` answer a `challenge_required` (428). */
export const SubmitPetitionBody = z.object({
  unitId: Id('受理单位'),
  classification: ClassificationSchema,
  title: text('标题', PORTAL_LIMITS.title),
  content: text('信访内容', PORTAL_LIMITS.content),
  demands: z
    .string()
    .trim()
    .max(PORTAL_LIMITS.demands, `诉求最多${PORTAL_LIMITS.demands}个字`)
    .refine((v) => !hasControlChars(v), '诉求含有无法识别的控制字符，请删除后重试')
    .nullish()
    .transform((v) => v ?? ''),
  petitioner: PortalPetitionerInput,
  challengeId: Id('验证问题').nullish(),
  challengeAnswer: z.union([z.string().max(20), z.number()]).nullish(),
  /** Addition: the tokens of files uploaded first (POST /api/public/uploads), at most 3. */
  attachments: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{20,100}$/, '附件凭据格式不正确，请重新上传附件'),
    )
    .max(PORTAL_MAX_ATTACHMENTS, `最多上传${PORTAL_MAX_ATTACHMENTS}个附件，请删去多余的附件`)
    .refine((v) => new Set(v).size === v.length, '同一个附件只能提交一次')
    .nullish()
    .transform((v) => v ?? []),
});
export type SubmitPetitionInput = z.infer<typeof SubmitPetitionBody>;

/** 201 of a public submission: what the portal shows on screen (write the query code down). */
export const SubmitPetitionResponse = z.object({
  number: z.string(),
  queryCode: z.string(),
  /** Additions: where it went, when it counts as received, and the last day to decide on it. */
  unitName: z.string(),
  receivedOn: z.string(),
  acceptanceDue: z.string().nullable(),
  /** How many uploaded files became the petition's attachments. */
  attachments: z.number(),
  /** The masked mobile number the query code was sent to by SMS (138****5678), or null when none was sent. */
  smsSentTo: z.string().nullable(),
});

/** 201 of POST /api/public/uploads: the token to list in `attachments` of the submission. */
export const PortalUploadResponse = z.object({
  token: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  expiresAt: z.string(),
});

/** The arithmetic question of `challenge_required`, found in `error.details.challenge`. */
export const PortalChallenge = z.object({
  id: z.string(),
  question: z.string(),
  expiresAt: z.string(),
});
export type PortalChallenge = z.infer<typeof PortalChallenge>;

/** GET /api/public/units. */
export const PublicUnitsResponse = z.object({
  items: z.array(
    z.object({ id: z.string(), name: z.string(), kind: z.string(), parentId: z.string().nullable() }),
  ),
});

/** A query code in a path: anything up to 64 characters; any unknown value is a 404 like a wrong code. */
export const QueryCodeParams = z.object({ queryCode: z.string().min(1).max(64) });
export const PublicDocumentParams = QueryCodeParams.extend({ documentId: Id('文书') });

export const PublicDeadline = z.object({
  kind: z.enum(DEADLINE_KINDS),
  label: z.string(),
  due: z.string(),
  /** `met`: done (on `metOn`); `overdue`: the last day passed without it. */
  status: z.enum(['open', 'met', 'overdue']),
  metOn: z.string().optional(),
});

export const EVALUATION_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const RatingSchema = z.enum(EVALUATION_RATINGS, {
  error: '评价只能是 satisfied（满意）、basically_satisfied（基本满意）或 dissatisfied（不满意）',
});

/** The opinions a petitioner can evaluate: the answer (处理意见), the review (复查) and re-review (复核) opinions. */
export const EVALUATION_STAGES = ['answer', 'review', 'rereview'] as const;

const Opinion = z.object({
  on: z.string(),
  decision: z.string(),
  decisionLabel: z.string(),
  text: z.string(),
  unitName: z.string(),
  /** GET this (same origin) to download the .docx opinion. */
  documentUrl: z.string().optional(),
});

/** GET /api/public/petitions/{queryCode}: the case in plain words, without any personal data. */
export const PublicPetitionResponse = z.object({
  number: z.string(),
  status: z.enum(PETITION_STATUS_VALUES),
  statusLabel: z.string(),
  receivedOn: z.string(),
  /** The unit handling the case now (absent for accusations). */
  unitName: z.string().optional(),
  /** True for an accusation: only status and deadlines are shown online. */
  confidential: z.boolean(),
  deadlines: z.array(PublicDeadline),
  answer: Opinion.optional(),
  review: z.object({ requestedOn: z.string(), unitName: z.string(), opinion: Opinion.optional() }).optional(),
  rereview: z
    .object({ requestedOn: z.string(), unitName: z.string(), opinion: Opinion.optional() })
    .optional(),
  /** The evaluation already given to the latest opinion, if any. */
  evaluation: z.object({ rating: RatingSchema, ratingLabel: z.string(), createdAt: z.string() }).optional(),
  canEvaluate: z.boolean(),
  canRequestReview: z.boolean(),
  /** What a review request asks for now: 复查 after the answer, 复核 after the review opinion. */
  reviewRequestKind: z.enum(['review', 'rereview']).optional(),
  /** The last day to ask (for the kind above). */
  reviewRequestDue: z.string().optional(),
  /** Where the request goes. */
  reviewUnitName: z.string().optional(),
});
export type PublicPetition = z.infer<typeof PublicPetitionResponse>;

/** POST /api/public/petitions/{queryCode}/evaluation. */
export const EvaluationBody = z.object({
  rating: RatingSchema,
  comment: z
    .string()
    .trim()
    .max(PORTAL_LIMITS.comment, `意见最多${PORTAL_LIMITS.comment}个字`)
    .refine((v) => !hasControlChars(v), '意见含有无法识别的控制字符，请删除后重试')
    .nullish()
    .transform((v) => (v ? v : undefined)),
});
export const EvaluationResponse = z.object({
  rating: RatingSchema,
  ratingLabel: z.string(),
  stage: z.enum(EVALUATION_STAGES),
  createdAt: z.string(),
  /** A dissatisfied rating opens a return visit (回访) by the handling unit. */
  returnVisitOpened: z.boolean(),
});

/** POST /api/public/petitions/{queryCode}/review-request. */
export const PublicReviewRequestBody = z.object({
  reason: text('请求复查（复核）的理由', PORTAL_LIMITS.reason),
});
export const PublicReviewRequestResponse = z.object({
  kind: z.enum(['review', 'rereview']),
  requestedOn: z.string(),
  unitName: z.string(),
  /** The last day for the reviewing unit's opinion. */
  opinionDue: z.string().nullable(),
});

// ---- Return visits (回访), staff ----

export const RETURN_VISIT_OUTCOMES = ['resolved', 'explained', 'unresolved', 'unreachable'] as const;

export const ReturnVisitListQuery = z.object({
  status: z.enum(['open', 'done']).default('open'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ReturnVisitIdParams = z.object({ id: Id('回访任务') });

export const CompleteReturnVisitBody = z.object({
  outcome: z.enum(RETURN_VISIT_OUTCOMES, {
    error:
      '回访结果只能是 resolved（问题已解决）、explained（已解释说明）、unresolved（仍不满意）或 unreachable（无法联系）',
  }),
  note: text('回访情况', 2000),
});

export const ReturnVisitResponse = z.object({
  id: z.string(),
  petitionId: z.string(),
  petitionNumber: z.string(),
  petitionTitle: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  due: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  rating: RatingSchema,
  ratingLabel: z.string(),
  stage: z.enum(EVALUATION_STAGES),
  comment: z.string().nullable(),
  createdAt: z.string(),
  outcome: z.enum(RETURN_VISIT_OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  note: z.string().nullable(),
  completedAt: z.string().nullable(),
  completedByName: z.string().nullable(),
  abilities: z.object({ complete: z.boolean() }),
});
export type ReturnVisit = z.infer<typeof ReturnVisitResponse>;

export const ReturnVisitListResponse = z.object({ items: z.array(ReturnVisitResponse), total: z.number() });
