import { z } from 'zod';
import { DEADLINE_KINDS } from '../deadlines/rules.ts';
import { DateString, PageQuery } from './common.ts';

// Wire shapes of the petitions module (api-contract: Petitions): registration, the list and the
// case, the lifecycle actions, revealing personal fields, declared interests (回避) and the
// category dictionary. Field names of the contract are exact; the rest are documented additions.

/** A record id: opaque, only letters, digits and `_ . : -` (ids are UUIDs). */
const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确');

export const PETITION_CHANNELS = ['letter', 'visit', 'phone', 'online', 'transfer'] as const;
/** 来信, 来访, 电话, 网上信访, 转送/交办. */
export const ChannelSchema = z.enum(PETITION_CHANNELS, {
  error: '渠道只能是 letter（来信）、visit（来访）、phone（电话）、online（网上）或 transfer（转送交办）',
});

export const CLASSIFICATIONS = ['suggestion', 'accusation', 'appeal'] as const;
/** 建议意见类, 检举控告类, 申诉求决类 (信访工作条例 分类处理). */
export const ClassificationSchema = z.enum(CLASSIFICATIONS, {
  error: '分类只能是 suggestion（建议意见）、accusation（检举控告）或 appeal（申诉求决）',
});

export const PETITION_STATUS_VALUES = [
  'registered',
  'accepted',
  'redirected',
  'transferred',
  'objected',
  'rejected',
  'assigned',
  'in_progress',
  'extended',
  'answered',
  'closed',
  'review_requested',
  'reviewed',
  'rereview_requested',
  'rereviewed',
  'finalized',
  'merged',
  /** Registered at a higher level while the same matter is handled below: joined to that case (Art 19 ¶3). */
  'linked',
] as const;
export const PetitionStatusSchema = z.enum(PETITION_STATUS_VALUES);

/** Statutory channels of 诉访分离: litigation, arbitration, administrative reconsideration, party procedure, other. */
export const REDIRECT_ROUTES = [
  'litigation',
  'arbitration',
  'reconsideration',
  'party_procedure',
  'other',
] as const;
export const ANSWER_DECISIONS = ['support', 'explain', 'not_support'] as const;
export const REVIEW_DECISIONS = ['upheld', 'revised'] as const;

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最多${max}个字`);
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}最多${max}个字`)
    .nullish()
    .transform((v) => (v ? v : undefined));

/** A mainland resident ID number (18 characters, last may be X; or the old 15 digits), upper-cased. */
export const IdNumberSchema = z
  .string()
  .trim()
  .regex(/^(\d{17}[\dXx]|\d{15})$/, '身份证号码应为18位（最后一位可为X）或15位数字')
  .transform((v) => v.toUpperCase());

/** A phone number: digits with optional +, spaces or dashes (stored without them). */
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[\d\s-]{5,24}$/, '电话号码只能包含数字、空格、“-”或开头的“+”')
  .transform((v) => v.replace(/[\s-]/g, ''))
  .refine((v) => v.replace('+', '').length >= 5 && v.length <= 20, '电话号码应为5到20位数字');

export const PetitionerInput = z.object({
  name: text('信访人姓名', 60),
  idNumber: IdNumberSchema.nullish().transform((v) => v ?? undefined),
  phone: PhoneSchema.nullish().transform((v) => v ?? undefined),
  address: optionalText('地址', 200),
  /** A representative of a collective visit (代表, at most 5). */
  isRepresentative: z.boolean().optional(),
});
export type PetitionerInput = z.infer<typeof PetitionerInput>;

/** The accused of an accusation: a unit, a staff account and/or a name (kept confidential). */
export const AccusedInput = z
  .object({
    unitId: Id.nullish().transform((v) => v ?? undefined),
    userId: Id.nullish().transform((v) => v ?? undefined),
    name: optionalText('被检举控告人', 100),
  })
  .refine((a) => a.unitId || a.userId || a.name, '请至少填写被检举控告的单位、人员或名称之一');

export const CreatePetitionBody = z.object({
  channel: ChannelSchema,
  receivedOn: DateString,
  unitId: Id,
  classification: ClassificationSchema,
  /** A name from the category dictionary (GET /api/v1/petition-categories). */
  category: text('类别', 40),
  title: text('标题', 200),
  content: text('信访内容', 20000),
  demands: z.string().trim().max(5000, '诉求最多5000个字').default(''),
  peopleCount: z
    .number({ error: '人数应为整数' })
    .int('人数应为整数')
    .min(1, '人数至少为1')
    .max(100000, '人数过大'),
  petitioners: z.array(PetitionerInput).min(1, '请至少登记一名信访人').max(50, '最多登记50名信访人'),
  /** Only for accusations (检举控告). */
  accused: AccusedInput.nullish().transform((v) => v ?? undefined),
});
export type CreatePetitionInput = z.infer<typeof CreatePetitionBody>;

export const DEADLINE_STATUS_VALUES = ['open', 'met', 'overdue'] as const;

/** A legal time limit on the case, naming the rule that produced it. */
export const DeadlineResponse = z.object({
  kind: z.enum(DEADLINE_KINDS),
  due: z.string(),
  /** The rule in Chinese: start, count, unit, rolling, extension and article. */
  rule: z.string(),
  ruleId: z.string(),
  label: z.string(),
  /** The day of the start event; counting begins the next day. */
  start: z.string(),
  /** `calendar_missing:<year>` when a year without holiday schedule was used. */
  flags: z.array(z.string()),
  /** `overdue`: past its last day without the step done (for a party's window: it closed unused). */
  status: z.enum(DEADLINE_STATUS_VALUES),
  metOn: z.string().optional(),
  /**
   * True for a limit binding the office (acceptance, handling, review, re-review): only these make
   * a case overdue. False for a window in which a party may act (objection, review and re-review requests).
   */
  duty: z.boolean(),
});
export type DeadlineView = z.infer<typeof DeadlineResponse>;

export const DuplicateCandidate = z.object({
  id: z.string(),
  number: z.string(),
  /** 1 for the same petitioner, else the word-set similarity of the texts (0..1). */
  score: z.number(),
  /** Why it is a candidate, e.g. 同一信访人 or 内容相近（相似度 0.93）. */
  reason: z.string(),
});

/** GET /api/v1/petitions/{id}/duplicates: candidates of the same matter, best first (at most 10). */
export const DuplicatesResponse = z.object({
  items: z.array(
    DuplicateCandidate.extend({
      title: z.string(),
      status: PetitionStatusSchema,
      statusLabel: z.string(),
      receivedOn: z.string(),
      unitName: z.string(),
      /** Whether this case could be chosen as the target of `merge` now (same unit, earlier, not yet answered). */
      mergeable: z.boolean(),
    }),
  ),
});

export const CreatePetitionResponse = z.object({
  id: z.string(),
  number: z.string(),
  status: z.literal('registered'),
  queryCode: z.string(),
  deadlines: z.array(DeadlineResponse),
  duplicateCandidates: z.array(DuplicateCandidate),
});

export const PetitionAbilities = z.object({
  accept: z.boolean(),
  redirect: z.boolean(),
  transfer: z.boolean(),
  object: z.boolean(),
  decideObjection: z.boolean(),
  reject: z.boolean(),
  assign: z.boolean(),
  start: z.boolean(),
  extend: z.boolean(),
  answer: z.boolean(),
  close: z.boolean(),
  requestReview: z.boolean(),
  review: z.boolean(),
  requestRereview: z.boolean(),
  rereview: z.boolean(),
  finalize: z.boolean(),
  /** action `link {intoId, note?}`: a new registration joins the same matter handled below (clerk, leader). */
  link: z.boolean(),
  /** action `merge {intoId, note?}`: a repeated registration joins the earlier case of the same matter at its unit (clerk, leader). */
  merge: z.boolean(),
  /** POST …/petitioners/{petitionerId}/reveal (clerk, handler, leader). */
  revealPersonal: z.boolean(),
  downloadDocuments: z.boolean(),
  /** POST …/interests: declare one's own interest (回避). */
  declareInterest: z.boolean(),
  /** POST …/attachments (clerk, handler, leader). */
  attach: z.boolean(),
});
export type PetitionAbilities = z.infer<typeof PetitionAbilities>;

export const PetitionerResponse = z.object({
  id: z.string(),
  name: z.string(),
  /** Masked, e.g. 3301**********1234; null when not given. */
  idNumber: z.string().nullable(),
  /** Masked, e.g. 138****5678; null when not given. */
  phone: z.string().nullable(),
  address: z.string().nullable(),
  isRepresentative: z.boolean(),
});

export const PetitionEventResponse = z.object({
  id: z.string(),
  at: z.string(),
  /** The day it happened (may be earlier than `at` for letters registered late). */
  on: z.string(),
  action: z.string(),
  label: z.string(),
  actorName: z.string(),
  note: z.string().optional(),
  /** Non-personal details: unit names, days of an extension, decisions. */
  data: z.record(z.string(), z.unknown()).optional(),
  documentId: z.string().optional(),
});

const UnitRef = { unitId: z.string(), unitName: z.string() };

/** An attachment of a case. */
export const AttachmentResponse = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export const AttachmentParams = z.object({ id: Id, fileId: Id });

export const PetitionResponse = z.object({
  id: z.string(),
  number: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  channel: ChannelSchema,
  classification: ClassificationSchema,
  category: z.string(),
  categoryId: z.string(),
  title: z.string(),
  content: z.string(),
  demands: z.string(),
  peopleCount: z.number().int(),
  receivedOn: z.string(),
  status: PetitionStatusSchema,
  statusLabel: z.string(),
  /** The petitioner's query code (查询码), for clerks and leaders; null for others. */
  queryCode: z.string().nullable(),
  simpleTrack: z.boolean(),
  petitioners: z.array(PetitionerResponse),
  /** Only on accusations (returned only to users allowed to see them). */
  accused: z
    .object({
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      userId: z.string().nullable(),
      name: z.string().nullable(),
    })
    .optional(),
  /** While transferred or under objection: the unit that sent it. */
  sender: z.object(UnitRef).optional(),
  handlerId: z.string().nullable(),
  handlerName: z.string().nullable(),
  handlingUnitId: z.string().nullable(),
  handlingUnitName: z.string().nullable(),
  coHandlers: z.array(z.object({ userId: z.string(), name: z.string(), role: z.enum(['lead', 'assist']) })),
  /** 拟办意见. */
  opinion: z.string().nullable(),
  /** 领导批示. */
  instruction: z.string().nullable(),
  extendedDays: z.number().int().nullable(),
  redirect: z
    .object({ on: z.string(), route: z.enum(REDIRECT_ROUTES), routeLabel: z.string(), note: z.string() })
    .optional(),
  rejection: z.object({ on: z.string(), reason: z.string() }).optional(),
  answer: z
    .object({
      on: z.string(),
      decision: z.enum(ANSWER_DECISIONS),
      decisionLabel: z.string(),
      text: z.string(),
      facts: z.string().nullable(),
      reasons: z.string().nullable(),
      legalBasis: z.string().nullable(),
      ...UnitRef,
      /** The last day to ask for review (复查), and where. */
      reviewRequestDue: z.string().nullable(),
      reviewUnitName: z.string(),
      /** The sentence the answer gives the petitioner about review. */
      reviewNotice: z.string(),
    })
    .optional(),
  review: z
    .object({
      requestedOn: z.string(),
      reason: z.string(),
      ...UnitRef,
      on: z.string().nullable(),
      decision: z.enum(REVIEW_DECISIONS).nullable(),
      text: z.string().nullable(),
      rereviewRequestDue: z.string().nullable(),
      rereviewUnitName: z.string().nullable(),
    })
    .optional(),
  rereview: z
    .object({
      requestedOn: z.string(),
      reason: z.string(),
      ...UnitRef,
      on: z.string().nullable(),
      decision: z.enum(REVIEW_DECISIONS).nullable(),
      text: z.string().nullable(),
    })
    .optional(),
  deadlines: z.array(DeadlineResponse),
  /** e.g. 2027年度节假日安排尚未录入… */
  calendarWarnings: z.array(z.string()),
  events: z.array(PetitionEventResponse),
  /** Official documents issued so far; `id` downloads it at …/documents/{id}. */
  documents: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      number: z.string(),
      issuedOn: z.string(),
      createdAt: z.string(),
    }),
  ),
  /** Files added to the case (letters, photos, evidence); `id` downloads it at …/attachments/{id}. */
  attachments: z.array(AttachmentResponse),
  /**
   * On a linked case (status `linked`): the case it joined, if the caller may see it, so the
   * petitioner can be told where the matter stands; `nextDue` is its earliest open duty deadline.
   */
  linkedInto: z
    .object({
      id: z.string(),
      number: z.string(),
      unitName: z.string(),
      status: PetitionStatusSchema,
      statusLabel: z.string(),
      nextDue: z.object({ kind: z.enum(DEADLINE_KINDS), due: z.string() }).nullable(),
    })
    .optional(),
  /** On a merged case (status `merged`): the earlier case it joined, if the caller may see it. */
  mergedInto: z
    .object({
      id: z.string(),
      number: z.string(),
      unitName: z.string(),
      status: PetitionStatusSchema,
      statusLabel: z.string(),
    })
    .optional(),
  /** Repeated registrations merged into this case (oldest first) that the caller may see, with their petitioners (masked). */
  mergedFrom: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      receivedOn: z.string(),
      petitioners: z.array(PetitionerResponse.omit({ address: true, isRepresentative: true })),
    }),
  ),
  /** Staff who declared an interest (回避) and may not handle it. */
  interests: z.array(z.object({ userId: z.string(), name: z.string(), declaredAt: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: PetitionAbilities,
});
export type Petition = z.infer<typeof PetitionResponse>;

export const PetitionListItem = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  channel: ChannelSchema,
  classification: ClassificationSchema,
  category: z.string(),
  status: PetitionStatusSchema,
  statusLabel: z.string(),
  receivedOn: z.string(),
  /** The earliest open duty deadline. */
  nextDue: z.object({ kind: z.enum(DEADLINE_KINDS), due: z.string() }).optional(),
  overdue: z.boolean(),
  /** The next duty deadline is within 3 days. */
  dueSoon: z.boolean(),
  /** A deadline rests on a year without holiday schedule. */
  calendarWarning: z.boolean(),
  handlerName: z.string().nullable(),
});
export type PetitionListItem = z.infer<typeof PetitionListItem>;

export const PetitionListResponse = z.object({
  items: z.array(PetitionListItem),
  /** All matching cases; absent with `count=false` (counting costs O(matches), a keyset page O(page)). */
  total: z.number().int().optional(),
  /** Pass as `after` for the next page (keyset); absent on the last page. */
  nextCursor: z.string().optional(),
});

export const PetitionListQuery = PageQuery.extend({
  /** Chinese full-text search (words separated by spaces must all appear). */
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe(
      'Chinese full-text search over title, content, demands and petitioner names; words separated by spaces must all appear; punctuation only or ID/phone numbers only → 400 validation_failed',
    ),
  status: PetitionStatusSchema.optional(),
  /** This unit and the units below it (404 outside the caller's scope). */
  unitId: Id.optional(),
  classification: ClassificationSchema.optional(),
  /** Only cases the caller handles (as lead or co-handler): the handler's worklist. */
  mine: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** Only cases with a duty deadline past its last day. */
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** Only cases that still need the office (not closed, redirected, rejected, finalized, merged or linked). */
  open: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** Only cases whose next duty deadline is today or within 3 days. */
  dueSoon: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** Only cases nobody handles yet. */
  unassigned: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** receivedOn: newest first (default); nextDue: the earliest duty deadline first; ties by id. */
  sort: z.enum(['receivedOn', 'nextDue']).default('receivedOn'),
  /** Keyset paging: the `nextCursor` of the previous page (then `page` is ignored). */
  after: z.string().max(500, '翻页位置（after）无效，请从第一页重新加载列表。').optional(),
  /** false: leave out `total` (an infinite list does not need it). */
  count: z
    .enum(['true', 'false'], { error: 'count 只能是 true 或 false' })
    .optional()
    .transform((v) => v !== 'false'),
});
export type PetitionListQueryInput = z.input<typeof PetitionListQuery>;

/** The menu counters of the caller (GET /api/v1/petitions/counters), over open cases only. */
export const WorklistCountersResponse = z.object({
  /** Open cases the caller handles (lead or co-handler). */
  myPending: z.number().int(),
  /** Visible open cases whose next duty deadline is today or within 3 days. */
  dueSoon: z.number().int(),
  /** Visible open cases whose next duty deadline has passed. */
  overdue: z.number().int(),
  /** Clerks and leaders: visible open cases nobody handles yet. */
  unassigned: z.number().int().optional(),
});
export type WorklistCounters = z.infer<typeof WorklistCountersResponse>;

export const PetitionIdParams = z.object({ id: Id });
export const PetitionerParams = z.object({ id: Id, petitionerId: Id });
export const PetitionDocumentParams = z.object({ id: Id, documentId: Id });

/** The optional day a step actually happened (letters registered late); never in the future. */
const On = { on: DateString.optional() };
const reason = text('理由', 2000);

export const PetitionActionBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('accept'), ...On }),
    z.object({
      action: z.literal('redirect'),
      route: z.enum(REDIRECT_ROUTES),
      note: text('告知内容', 2000),
      ...On,
    }),
    z.object({ action: z.literal('transfer'), unitId: Id, note: text('转送说明', 2000), ...On }),
    z.object({ action: z.literal('object'), reason, ...On }),
    z.object({
      action: z.literal('decide_objection'),
      uphold: z.boolean(),
      note: text('决定说明', 2000),
      ...On,
    }),
    z.object({ action: z.literal('reject'), reason, ...On }),
    z.object({
      action: z.literal('assign'),
      unitId: Id.optional(),
      handlerId: Id,
      opinion: text('拟办意见', 2000),
      instruction: optionalText('领导批示', 2000),
      coHandlerIds: z.array(Id).max(10, '协办人最多10名').default([]),
      ...On,
    }),
    z.object({ action: z.literal('start'), ...On }),
    z.object({
      action: z.literal('extend'),
      days: z.number().int('延长天数应为整数').min(1, '延长天数至少为1').max(30, '延长期限不得超过30日'),
      reason,
      ...On,
    }),
    z.object({
      action: z.literal('answer'),
      decision: z.enum(ANSWER_DECISIONS),
      text: text('处理意见', 20000),
      facts: optionalText('认定的事实', 20000),
      reasons: optionalText('理由', 20000),
      legalBasis: optionalText('法律依据', 5000),
      ...On,
    }),
    z.object({ action: z.literal('close'), ...On }),
    z.object({ action: z.literal('request_review'), reason, ...On }),
    z.object({
      action: z.literal('review'),
      decision: z.enum(REVIEW_DECISIONS),
      text: text('复查意见', 20000),
      ...On,
    }),
    z.object({ action: z.literal('request_rereview'), reason, ...On }),
    z.object({
      action: z.literal('rereview'),
      decision: z.enum(REVIEW_DECISIONS),
      text: text('复核意见', 20000),
      ...On,
    }),
    z.object({ action: z.literal('finalize'), ...On }),
    /** Joins this new registration to the same matter already accepted and handled below, within its limits (Art 19 ¶3). */
    z.object({ action: z.literal('link'), intoId: Id, note: optionalText('关联说明', 2000), ...On }),
    /** Joins this repeated registration to the earlier case of the same matter at the same unit: one file, one answer. */
    z.object({ action: z.literal('merge'), intoId: Id, note: optionalText('合并说明', 2000), ...On }),
  ],
  { error: '未知的操作（action）' },
);
export type PetitionActionInput = z.infer<typeof PetitionActionBody>;

export const RevealBody = z.object({
  field: z.enum(['idNumber', 'phone'], { error: 'field 只能是 idNumber 或 phone' }),
  reason: text('查看理由', 200),
});
export const RevealResponse = z.object({ value: z.string() });

export const InterestBody = z.object({ reason: text('回避理由', 500) });

export const TransferTargetsResponse = z.object({
  items: z.array(
    z.object({ id: z.string(), parentId: z.string().nullable(), name: z.string(), kind: z.string() }),
  ),
  total: z.number().int(),
});

export const HandlerCandidatesResponse = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), unitId: z.string(), unitName: z.string() })),
  total: z.number().int(),
});

export const CategoryResponse = z.object({
  id: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  abilities: z.object({ edit: z.boolean() }),
});
export const CategoryListResponse = z.object({ items: z.array(CategoryResponse), total: z.number().int() });
export const CategoryListQuery = z.object({
  includeInactive: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
const CategoryName = text('类别名称', 40);
export const CreateCategoryBody = z.object({
  name: CategoryName,
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export const UpdateCategoryBody = z
  .object({
    name: CategoryName.optional(),
    sortOrder: z.number().int().min(0).max(100000).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => b.name !== undefined || b.sortOrder !== undefined || b.active !== undefined, {
    message: '请至少修改一项：name、sortOrder 或 active',
  });
export const CategoryIdParams = z.object({ id: Id });

/** Looking up a petitioner while registering: by ID number and/or phone (in a body, never a URL). */
export const PetitionerLookupBody = z
  .object({ idNumber: IdNumberSchema.optional(), phone: PhoneSchema.optional() })
  .refine((b) => b.idNumber !== undefined || b.phone !== undefined, {
    message: '请填写身份证号码或电话号码再查找',
    path: ['idNumber'],
  });
export type PetitionerLookupInput = z.infer<typeof PetitionerLookupBody>;

/** The same petitioner's earlier matters the caller may see, newest first (at most 20). */
export const PetitionerLookupResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      status: PetitionStatusSchema,
      statusLabel: z.string(),
      receivedOn: z.string(),
      unitName: z.string(),
    }),
  ),
});
