import type { CaseEvent, Deadline, DeadlineKind } from '../../../../shared/deadlines/index.ts';
import type { TimelineAction } from './petition.ts';

// From a case's timeline to its deadlines' state (pure): which legal periods started, which
// step met each of them, and which case is overdue. The due dates themselves come from
// computeCaseDeadlines (shared/deadlines) on the official calendar.

/** One entry of the timeline as far as deadlines care. */
export interface TimelineStep {
  action: TimelineAction;
  /** The day it happened, `YYYY-MM-DD`. */
  on: string;
  /** For `extend`: the days granted. */
  days?: number;
}

/** A deadline with whether the step it waits for has happened. */
export interface TrackedDeadline extends Deadline {
  status: 'open' | 'met';
  metOn: string | null;
  /** Binds the office (missing it makes the case overdue), rather than a party's window. */
  duty: boolean;
}

/** Limits that bind the office; the others are windows in which a party may act. */
export const DUTY_KINDS: readonly DeadlineKind[] = ['acceptance', 'handling', 'review', 'rereview'];

/** The case events (shared/deadlines) a timeline step starts; a transfer restarts the receiving unit's acceptance period. */
export function caseEventsOf(steps: readonly TimelineStep[]): CaseEvent[] {
  return steps.flatMap((s): CaseEvent[] => {
    switch (s.action) {
      case 'register':
        return [{ type: 'received', on: s.on }];
      case 'transfer':
        return [
          { type: 'transferred_in', on: s.on },
          { type: 'received', on: s.on },
        ];
      case 'accept':
        return [{ type: 'accepted', on: s.on }];
      case 'extend':
        return [{ type: 'extended', on: s.on, days: s.days ?? 0 }];
      case 'answer':
        return [{ type: 'answered', on: s.on }];
      case 'request_review':
        return [{ type: 'review_requested', on: s.on }];
      case 'review':
        return [{ type: 'review_opinion', on: s.on }];
      case 'request_rereview':
        return [{ type: 'rereview_requested', on: s.on }];
      default:
        return [];
    }
  });
}

/** The steps that start each period and the steps that meet it. */
const PERIODS: Record<
  Exclude<DeadlineKind, 'extension'>,
  { startedBy: readonly TimelineAction[]; metBy: readonly TimelineAction[] }
> = {
  acceptance: {
    startedBy: ['register', 'transfer'],
    metBy: ['accept', 'redirect', 'reject', 'transfer', 'link', 'merge'],
  },
  objection: { startedBy: ['transfer'], metBy: ['object', 'accept', 'redirect', 'reject', 'transfer'] },
  handling: { startedBy: ['accept'], metBy: ['answer', 'merge'] },
  review_request: { startedBy: ['answer'], metBy: ['request_review'] },
  review: { startedBy: ['request_review'], metBy: ['review'] },
  rereview_request: { startedBy: ['review'], metBy: ['request_rereview'] },
  rereview: { startedBy: ['request_rereview'], metBy: ['rereview'] },
};

/**
 * Marks each computed deadline met when a step that meets it happened after the latest step that
 * started it (a transfer both meets the sender's acceptance period and starts the receiver's).
 */
export function trackDeadlines(
  steps: readonly TimelineStep[],
  deadlines: readonly Deadline[],
): TrackedDeadline[] {
  return deadlines.map((d) => {
    const period = d.kind === 'extension' ? undefined : PERIODS[d.kind];
    let met: TimelineStep | undefined;
    if (period) {
      let started = -1;
      steps.forEach((s, i) => {
        if (period.startedBy.includes(s.action)) started = i;
      });
      met = steps.slice(started + 1).find((s) => period.metBy.includes(s.action));
    }
    return {
      ...d,
      status: met ? 'met' : 'open',
      metOn: met ? met.on : null,
      duty: DUTY_KINDS.includes(d.kind),
    };
  });
}

/** What a stored deadline shows today: met, or overdue once its last day has passed, else open. */
export function deadlineStatusOn(
  d: { status: 'open' | 'met'; due: string },
  today: string,
): 'open' | 'met' | 'overdue' {
  if (d.status === 'met') return 'met';
  return d.due < today ? 'overdue' : 'open';
}

/** The earliest open duty deadline (the case's next due step), if any. */
export function nextDutyDeadline(
  deadlines: readonly Pick<TrackedDeadline, 'kind' | 'due' | 'status' | 'duty'>[],
): { kind: DeadlineKind; due: string } | null {
  let next: { kind: DeadlineKind; due: string } | null = null;
  for (const d of deadlines) {
    if (!d.duty || d.status !== 'open') continue;
    if (!next || d.due < next.due) next = { kind: d.kind, due: d.due };
  }
  return next;
}
