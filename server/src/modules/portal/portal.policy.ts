import { addCalendarDays } from '../../../../shared/calendar/dates.ts';
import { hasRole } from '../../platform/authz/authorize.ts';
import type { Actor } from '../../platform/http/context.ts';

// The public portal's rules as constants and pure functions: abuse controls without an account
// (per-address limits and the arithmetic challenge), which opinion a petitioner evaluates and
// until when, and who handles the return visits (回访) a dissatisfied rating opens.

/**
 * Submissions per address (a hashed IPv4 address or IPv6 /64): at most 5 an hour and 20 a day
 * (then 429 rate_limited); from the 3rd within an hour each must answer a challenge (428).
 */
export const SUBMISSION_LIMITS = { perHour: 5, perDay: 20, challengeAfter: 2 } as const;
/** Query-code lookups (every route that takes a code) per address and minute, then 429: stops guessing. */
export const LOOKUPS_PER_MINUTE = 30;
/** Challenges issued per address and hour, then 429: a script cannot draw questions forever. */
export const CHALLENGES_PER_HOUR = 20;
/** A challenge must be answered within 10 minutes, once. */
export const CHALLENGE_TTL_MS = 10 * 60 * 1000;
/** Rate events and spent challenges older than a day are deleted (opportunistically). */
export const RATE_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;
/** A dissatisfied rating opens a return visit due this many calendar days later. */
export const RETURN_VISIT_DAYS = 7;
/** The final (re-review) opinion may be evaluated for this many calendar days. */
export const FINAL_OPINION_EVALUATION_DAYS = 30;

/**
 * Attachments of an online petition: at most 3, each a JPG, PNG or PDF of at most 5 MB whose
 * content matches its extension; an upload is usable for 2 hours, and an address may upload 15 an
 * hour (3 for each of the 5 submissions an hour allows).
 */
export const PORTAL_ATTACHMENTS = {
  maxFiles: 3,
  maxBytes: 5 * 1024 * 1024,
  extensions: ['jpg', 'jpeg', 'png', 'pdf'],
  ttlMs: 2 * 60 * 60 * 1000,
  perHour: 15,
} as const;

/** Window lengths of the limits, in milliseconds. */
export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** What a new submission from an address gets, given its submissions in the last hour and day. */
export type SubmissionDecision = 'allow' | 'challenge' | 'limit';

/** The submission rule: over a limit → limit; after 2 within an hour → challenge; else allow. */
export function submissionDecision(counts: { lastHour: number; lastDay: number }): SubmissionDecision {
  if (counts.lastHour >= SUBMISSION_LIMITS.perHour || counts.lastDay >= SUBMISSION_LIMITS.perDay)
    return 'limit';
  if (counts.lastHour >= SUBMISSION_LIMITS.challengeAfter) return 'challenge';
  return 'allow';
}

/**
 * The part of an address that identifies one client for the limits: an IPv4 address as is (also
 * IPv4-mapped IPv6), an IPv6 address by its /64 network (one subscriber's prefix).
 */
export function addressKey(ip: string): string {
  const v = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  if (mapped) return mapped[1] as string;
  if (!v.includes(':')) return v;
  const [head = '', tail = ''] = v.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = v.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** A small arithmetic question in Chinese and its answer, from a random integer source (0 ≤ r < n). */
export function makeChallenge(randomInt: (n: number) => number): { question: string; answer: string } {
  const a = 2 + randomInt(8);
  const b = 1 + randomInt(8);
  if (randomInt(2) === 0) return { question: `${a} 加 ${b} 等于几？`, answer: String(a + b) };
  const [big, small] = a >= b ? [a, b] : [b, a];
  return { question: `${big} 减 ${small} 等于几？`, answer: String(big - small) };
}

/** Whether a typed answer is the expected number (full-width digits and spaces allowed). */
export function answerMatches(expected: string, given: string | number | null | undefined): boolean {
  if (given === null || given === undefined) return false;
  const normalised = String(given)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s/g, '');
  return /^\d+$/.test(normalised) && Number(normalised) === Number(expected);
}

/** The opinions a petitioner may rate, in order: 处理意见, 复查意见, 复核意见. */
export type EvaluationStage = 'answer' | 'review' | 'rereview';

/** The latest opinion of a case (the one an evaluation now rates), or null before the answer. */
export function currentOpinion(p: {
  answer_on: string | null;
  answer_unit_id: string | null;
  handling_unit_id: string | null;
  unit_id: string;
  review_on: string | null;
  review_unit_id: string | null;
  rereview_on: string | null;
  rereview_unit_id: string | null;
}): { stage: EvaluationStage; on: string; unitId: string } | null {
  if (p.rereview_on && p.rereview_unit_id)
    return { stage: 'rereview', on: p.rereview_on, unitId: p.rereview_unit_id };
  if (p.review_on && p.review_unit_id) return { stage: 'review', on: p.review_on, unitId: p.review_unit_id };
  if (p.answer_on)
    return { stage: 'answer', on: p.answer_on, unitId: p.answer_unit_id ?? p.handling_unit_id ?? p.unit_id };
  return null;
}

/**
 * The last day an opinion may be rated: while the case is open for review (domain: evaluation),
 * i.e. the last day to request review (answer) or re-review (review opinion); the final
 * re-review opinion for 30 days. Null when the window is unknown (no such deadline stored).
 */
export function evaluationLastDay(
  opinion: { stage: EvaluationStage; on: string },
  deadlines: readonly { kind: string; due: string }[],
): string | null {
  if (opinion.stage === 'rereview') return addCalendarDays(opinion.on, FINAL_OPINION_EVALUATION_DAYS);
  const kind = opinion.stage === 'answer' ? 'review_request' : 'rereview_request';
  return deadlines.find((d) => d.kind === kind)?.due ?? null;
}

/** Return visits are read by those who read petitions in the unit's line (clerk, handler, leader, supervisor). */
export function canReadReturnVisits(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'clerk', 'handler', 'leader', 'supervisor');
}

/** Recording a return visit is the work of those who contact petitioners: clerk, handler, leader. */
export function canCompleteReturnVisit(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'clerk', 'handler', 'leader');
}
