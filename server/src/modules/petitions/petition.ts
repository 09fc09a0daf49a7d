import { toDayNumber } from '../../../../shared/calendar/dates.ts';
import { PETITION_STATUS_VALUES } from '../../../../shared/contracts/petitions.ts';

// The petition (信访事项) as a pure state machine: statuses, actions, the transition table and
// the guards of 信访工作条例 (2022) that depend only on dates and the case's history. No I/O:
// the use cases load the facts, ask `checkTransition`, and write the outcome.

/** Statuses of a petition (api-contract: Petitions), plus `objected` while a transfer's objection awaits the sender. */
export const PETITION_STATUSES = PETITION_STATUS_VALUES;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** Chinese names of the statuses, as lists and the case page show them. */
export const STATUS_LABELS: Record<PetitionStatus, string> = {
  registered: '已登记',
  accepted: '已受理',
  redirected: '已告知法定途径',
  transferred: '已转送',
  objected: '转送异议待决定',
  rejected: '不予受理',
  assigned: '已交办',
  in_progress: '办理中',
  extended: '已延期',
  answered: '已答复',
  closed: '已办结',
  review_requested: '已申请复查',
  reviewed: '已复查',
  rereview_requested: '已申请复核',
  rereviewed: '已复核',
  finalized: '已终结（不再受理）',
  merged: '已合并',
  linked: '已关联至正在办理的事项',
};

/**
 * The actions of POST /api/v1/petitions/{id}/actions; `link` joins a registration to the same
 * matter handled below (Art 19 ¶3), `merge` joins a repeated registration of the same matter to
 * the earlier case at the same unit (one file, one answer).
 */
export const PETITION_ACTIONS = [
  'accept',
  'redirect',
  'transfer',
  'object',
  'decide_objection',
  'reject',
  'assign',
  'start',
  'extend',
  'answer',
  'close',
  'request_review',
  'review',
  'request_rereview',
  'rereview',
  'finalize',
  'link',
  'merge',
] as const;
export type PetitionAction = (typeof PETITION_ACTIONS)[number];

/**
 * Every entry of the timeline: the actions plus registration, a declared interest (回避), an added
 * attachment, a higher-level registration linked into this case (`linked_from`), a repeated
 * registration merged into this case (`merged_from`), and from the
 * portal module the petitioner's evaluation and the return visit (回访).
 */
export type TimelineAction =
  | PetitionAction
  | 'register'
  | 'declare_interest'
  | 'attach'
  | 'linked_from'
  | 'merged_from'
  | 'evaluate'
  | 'return_visit'
  // the ownership module (领导包案)
  | 'ownership_take'
  | 'ownership_handover'
  | 'ownership_plan'
  | 'ownership_progress'
  | 'ownership_outcome'
  | 'reception'
  | 'field_visit'
  | 'promise_done';

/** Chinese names of the timeline entries. */
export const ACTION_LABELS: Record<TimelineAction, string> = {
  register: '登记',
  accept: '受理',
  redirect: '告知通过法定途径解决（诉访分离）',
  transfer: '转送',
  object: '提出异议',
  decide_objection: '对异议作出决定',
  reject: '不予受理',
  assign: '交办',
  start: '开始办理',
  extend: '延长办理期限',
  answer: '出具处理意见书',
  close: '办结',
  request_review: '请求复查',
  review: '出具复查意见',
  request_rereview: '请求复核',
  rereview: '出具复核意见',
  finalize: '终结',
  link: '关联至下级正在办理的同一事项',
  linked_from: '上级机关登记的同一事项已关联至本事项',
  merge: '合并至先前登记的同一事项',
  merged_from: '合并了重复登记的同一事项',
  declare_interest: '申报回避',
  attach: '添加附件',
  evaluate: '信访人评价',
  return_visit: '回访',
  ownership_take: '领导包案',
  ownership_handover: '移交包案',
  ownership_plan: '修改包案方案',
  ownership_progress: '包案进展',
  ownership_outcome: '记录包案结果',
  reception: '来访接待',
  field_visit: '下访',
  promise_done: '承诺兑现',
};

/** Statuses from which no action leads anywhere. */
export const TERMINAL_STATUSES: readonly PetitionStatus[] = [
  'redirected',
  'rejected',
  'finalized',
  'merged',
  'linked',
];

/**
 * The transition table: for each action, the statuses it applies in and the status it leads to.
 * `decide_objection` leads back to the sender (`registered`) when the objection is upheld and to
 * `transferred` when it is dismissed (see `nextStatus`). Re-assigning keeps an ongoing handling
 * status. A repeated registration may be merged until it is answered (later it is a review
 * matter, not a duplicate). Anything absent is 409 `invalid_transition`.
 */
export const TRANSITIONS: Readonly<Record<PetitionAction, Partial<Record<PetitionStatus, PetitionStatus>>>> =
  {
    accept: { registered: 'accepted', transferred: 'accepted' },
    redirect: { registered: 'redirected', transferred: 'redirected' },
    transfer: { registered: 'transferred', transferred: 'transferred' },
    object: { transferred: 'objected' },
    decide_objection: { objected: 'registered' },
    reject: { registered: 'rejected', transferred: 'rejected' },
    assign: {
      accepted: 'assigned',
      assigned: 'assigned',
      in_progress: 'in_progress',
      extended: 'extended',
    },
    start: { assigned: 'in_progress' },
    extend: { assigned: 'extended', in_progress: 'extended' },
    answer: { assigned: 'answered', in_progress: 'answered', extended: 'answered' },
    close: { answered: 'closed', reviewed: 'closed' },
    request_review: { answered: 'review_requested', closed: 'review_requested' },
    review: { review_requested: 'reviewed' },
    request_rereview: { reviewed: 'rereview_requested', closed: 'rereview_requested' },
    rereview: { rereview_requested: 'rereviewed' },
    finalize: { rereviewed: 'finalized' },
    link: { registered: 'linked' },
    merge: {
      registered: 'merged',
      accepted: 'merged',
      assigned: 'merged',
      in_progress: 'merged',
      extended: 'merged',
    },
  };

/** Whether the table allows the action in the status (guards aside). */
export function isAllowed(status: PetitionStatus, action: PetitionAction): boolean {
  return TRANSITIONS[action][status] !== undefined;
}

/** The status the action leads to, or undefined when the table does not allow it; `uphold` decides an objection. */
export function nextStatus(
  status: PetitionStatus,
  action: PetitionAction,
  options: { uphold?: boolean } = {},
): PetitionStatus | undefined {
  const to = TRANSITIONS[action][status];
  if (to === undefined) return undefined;
  if (action === 'decide_objection' && options.uphold === false) return 'transferred';
  return to;
}

/** What the guards need to know of a case besides its status; dates are `YYYY-MM-DD`. */
export interface GuardFacts {
  /** The day the step happens (`on`, default today). */
  on: string;
  /** An extension was granted before (once only, Art 34). */
  extended: boolean;
  /** The receiving unit already objected to the current transfer (once per transfer). */
  objectionRaised: boolean;
  /** When the review opinion (复查意见) was given, if any. */
  reviewedOn: string | null;
  /** When the re-review opinion (复核意见) was given, if any. */
  rereviewedOn: string | null;
  /** Due dates of the case's current deadlines by kind. */
  due: Partial<Record<'objection' | 'handling' | 'review_request' | 'rereview_request', string>>;
}

/** The outcome of a check: the next status, or the error code and Chinese message to answer with. */
export type TransitionCheck =
  | { ok: true; next: PetitionStatus }
  | { ok: false; code: 'invalid_transition' | 'time_limit_passed' | 'matter_finalized'; message: string };

const MAX_EXTENSION_DAYS = 30;

function refuse(code: 'invalid_transition' | 'time_limit_passed' | 'matter_finalized', message: string) {
  return { ok: false as const, code, message };
}

/** 不再受理: after a re-review the same matter on the same facts and reasons is not taken up again (Art 36). */
function finalizedMessage(rereviewedOn: string | null): string {
  const cite = rereviewedOn ? `已于${rereviewedOn}作出复核意见` : '已经复核';
  return `该信访事项${cite}，复核意见为最终意见；信访人以同一事实和理由再次提出的，不再受理（信访工作条例第36条）。`;
}

/**
 * Whether the action applies: the transition table first (409 `invalid_transition`), then the
 * guards of 信访工作条例 — extension once and at most 30 days, granted before the handling period
 * ends (Art 34); objection once per transfer within 5 working days of receipt (Art 23 ¶3); review
 * requested within 30 days of the answer (Art 35); re-review within 30 days of the review opinion
 * (Art 36); after re-review the same matter is refused (不再受理, 409 `matter_finalized`).
 */
export function checkTransition(
  status: PetitionStatus,
  action: PetitionAction,
  facts: GuardFacts,
  options: { uphold?: boolean; days?: number } = {},
): TransitionCheck {
  if ((action === 'request_review' || action === 'request_rereview') && facts.rereviewedOn !== null) {
    return refuse('matter_finalized', finalizedMessage(facts.rereviewedOn));
  }
  if (
    (action === 'request_review' || action === 'request_rereview') &&
    (status === 'rereviewed' || status === 'finalized')
  ) {
    return refuse('matter_finalized', finalizedMessage(facts.rereviewedOn));
  }
  const next = nextStatus(status, action, options);
  if (next === undefined) {
    return refuse(
      'invalid_transition',
      `该信访事项当前状态为“${STATUS_LABELS[status]}”，不能执行“${ACTION_LABELS[action]}”。`,
    );
  }
  switch (action) {
    case 'extend': {
      if (facts.extended)
        return refuse('invalid_transition', '办理期限只能延长一次，本事项已经延长过（信访工作条例第34条）。');
      if (options.days !== undefined && (options.days < 1 || options.days > MAX_EXTENSION_DAYS))
        return refuse(
          'invalid_transition',
          `延长的期限不得超过${MAX_EXTENSION_DAYS}日（信访工作条例第34条）。`,
        );
      const due = facts.due.handling;
      if (due !== undefined && facts.on > due)
        return refuse(
          'time_limit_passed',
          `办理期限已于${due}届满，延期须在期限届满前经批准（信访工作条例第34条）；请尽快出具处理意见。`,
        );
      break;
    }
    case 'object': {
      if (facts.objectionRaised)
        return refuse('invalid_transition', '对本次转送已经提出过异议，不能再次提出。');
      const due = facts.due.objection;
      if (due !== undefined && facts.on > due)
        return refuse(
          'time_limit_passed',
          `提出异议的期限（收到转送后5个工作日内）已于${due}届满，不能再提出异议，请依法办理（信访工作条例第23条第3款）。`,
        );
      break;
    }
    case 'request_review': {
      if (facts.reviewedOn !== null)
        return refuse(
          'invalid_transition',
          `该事项已于${facts.reviewedOn}作出复查意见；对复查意见不服的，应请求复核，而不是再次请求复查。`,
        );
      const due = facts.due.review_request;
      if (due !== undefined && facts.on > due)
        return refuse(
          'time_limit_passed',
          `请求复查的期限（收到书面答复之日起30日内）已于${due}届满（信访工作条例第35条）。`,
        );
      break;
    }
    case 'request_rereview': {
      if (facts.reviewedOn === null)
        return refuse('invalid_transition', '该事项尚未复查；对处理意见不服的，应先请求复查。');
      const due = facts.due.rereview_request;
      if (due !== undefined && facts.on > due)
        return refuse(
          'time_limit_passed',
          `请求复核的期限（收到复查意见之日起30日内）已于${due}届满（信访工作条例第36条）。`,
        );
      break;
    }
    default:
      break;
  }
  return { ok: true, next };
}

/**
 * Checks the day a step happened (`on`): a real date, not after today (China time) and not
 * before the previous step of the case; the message names the problem in Chinese, or null.
 */
export function checkStepDate(on: string, today: string, earliest: string | null): string | null {
  let day: number;
  try {
    day = toDayNumber(on);
  } catch {
    return `“${on}”不是有效日期，请使用 YYYY-MM-DD 格式。`;
  }
  if (day > toDayNumber(today)) return `日期 ${on} 晚于今天（${today}），不能填写将来的日期。`;
  if (earliest !== null && on < earliest) return `日期 ${on} 早于上一步的日期 ${earliest}，请核对。`;
  return null;
}

/** Statuses of a case "已经受理或者正在办理" (Art 19 ¶3): accepted and not yet answered at its current level. */
export const BEING_HANDLED_STATUSES: readonly PetitionStatus[] = [
  'accepted',
  'assigned',
  'in_progress',
  'extended',
  'review_requested',
  'rereview_requested',
];

/** What the link guard needs of the case a registration would join. */
export interface LinkTargetFacts {
  number: string;
  status: PetitionStatus;
  /** Its earliest open duty deadline, if any. */
  nextDue: { kind: string; label: string; due: string } | null;
}

/**
 * Whether a higher-level registration may be linked into this case (Art 19 ¶3): only a case
 * already accepted and still being handled (409 invalid_transition otherwise), within its limits —
 * its current duty deadline not passed on `on` (409 time_limit_passed). The messages say what to
 * do instead: handle the registration as a new matter, or ask for review of an answer.
 */
export function checkLinkTarget(
  target: LinkTargetFacts,
  on: string,
): { ok: true } | Extract<TransitionCheck, { ok: false }> {
  const which = `所选事项（${target.number}）`;
  if (target.status === 'registered' || target.status === 'transferred' || target.status === 'objected')
    return refuse(
      'invalid_transition',
      `${which}尚未受理（当前状态“${STATUS_LABELS[target.status]}”），不属于已经受理或者正在办理的事项，不能关联（信访工作条例第19条）；请将本次登记作为新事项依法受理、转送或告知。`,
    );
  if (!BEING_HANDLED_STATUSES.includes(target.status))
    return refuse(
      'invalid_transition',
      `${which}当前状态为“${STATUS_LABELS[target.status]}”，已不在办理中，不能关联。信访人对处理意见不服的，可以在规定期限内请求复查或复核；如提出新的事实和理由，请将本次登记作为新事项办理。`,
    );
  if (target.nextDue && on > target.nextDue.due)
    return refuse(
      'time_limit_passed',
      `${which}的${target.nextDue.label}已于${target.nextDue.due}届满，已不在法定期限内办理，不能关联；请将本次登记作为新事项办理，并督促原办理单位依法办结。`,
    );
  return { ok: true };
}

/** Statuses of a case a repeated registration may be merged into: not yet answered, so the petitioner still gets its one answer. */
export const MERGE_TARGET_STATUSES: readonly PetitionStatus[] = [
  'registered',
  'transferred',
  'objected',
  'accepted',
  'assigned',
  'in_progress',
  'extended',
];

/** What the merge guard needs of the case a registration would join. */
export interface MergeTargetFacts {
  number: string;
  status: PetitionStatus;
  receivedOn: string;
  /** The case it was itself merged into, if any. */
  mergedIntoNumber: string | null;
}

/**
 * Whether a repeated registration (received on `receivedOn`) may be merged into this case: the
 * target is not itself merged (409, naming the case to choose instead), received no later than
 * the registration (422 invalid_reference: merge the later into the earlier), and not yet
 * answered or finished (409 invalid_transition, saying what to do instead: review, or a new matter).
 */
export function checkMergeTarget(
  target: MergeTargetFacts,
  receivedOn: string,
): { ok: true } | { ok: false; code: 'invalid_transition' | 'invalid_reference'; message: string } {
  const which = `所选事项（${target.number}）`;
  if (target.status === 'merged')
    return {
      ok: false,
      code: 'invalid_transition',
      message: `${which}已合并至${target.mergedIntoNumber ?? '其他事项'}，请选择该事项作为合并目标。`,
    };
  if (target.receivedOn > receivedOn)
    return {
      ok: false,
      code: 'invalid_reference',
      message: `${which}收到于${target.receivedOn}，晚于本事项（${receivedOn}）；只能把后来的事项合并到先前的事项，请在${target.number}上执行合并。`,
    };
  if (!MERGE_TARGET_STATUSES.includes(target.status))
    return {
      ok: false,
      code: 'invalid_transition',
      message: `${which}当前状态为“${STATUS_LABELS[target.status]}”，已经答复或办结，不能再合并。信访人对处理意见不服的，可以在规定期限内请求复查或复核；提出新的事实和理由的，请作为新事项办理。`,
    };
  return { ok: true };
}
