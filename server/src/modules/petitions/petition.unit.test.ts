import { describe, expect, it } from 'vitest';
import {
  BEING_HANDLED_STATUSES,
  checkLinkTarget,
  checkMergeTarget,
  checkStepDate,
  checkTransition,
  type GuardFacts,
  MERGE_TARGET_STATUSES,
  nextStatus,
  PETITION_ACTIONS,
  PETITION_STATUSES,
  type PetitionAction,
  type PetitionStatus,
  STATUS_LABELS,
  TERMINAL_STATUSES,
} from './petition.ts';

// The expected lifecycle, written out by hand (domain.md "Lifecycle and time limits"), so that
// the table in petition.ts is checked against an independent statement of every state × action.
const EXPECTED: Record<PetitionAction, Partial<Record<PetitionStatus, PetitionStatus>>> = {
  accept: { registered: 'accepted', transferred: 'accepted' },
  redirect: { registered: 'redirected', transferred: 'redirected' },
  transfer: { registered: 'transferred', transferred: 'transferred' },
  object: { transferred: 'objected' },
  decide_objection: { objected: 'registered' },
  reject: { registered: 'rejected', transferred: 'rejected' },
  assign: { accepted: 'assigned', assigned: 'assigned', in_progress: 'in_progress', extended: 'extended' },
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

/** Facts under which no guard objects: only the table decides. */
const calm = (action: PetitionAction): GuardFacts => ({
  on: '2026-10-01',
  extended: false,
  objectionRaised: false,
  // Re-review needs a review before it; request_review needs none.
  reviewedOn: action === 'request_rereview' ? '2026-09-01' : null,
  rereviewedOn: null,
  due: {},
});

describe('petition transition table', () => {
  for (const status of PETITION_STATUSES) {
    for (const action of PETITION_ACTIONS) {
      const expected = EXPECTED[action][status];
      it(`${status} × ${action} → ${expected ?? 'invalid_transition'}`, () => {
        const out = checkTransition(status, action, calm(action));
        if (expected === undefined) {
          expect(out.ok).toBe(false);
          if (!out.ok) {
            // After re-review a request is refused as 不再受理, otherwise it is a wrong action.
            const finalRequest =
              (status === 'rereviewed' || status === 'finalized') &&
              (action === 'request_review' || action === 'request_rereview');
            expect(out.code).toBe(finalRequest ? 'matter_finalized' : 'invalid_transition');
            expect(out.message).toMatch(/[\u4e00-\u9fff]/);
          }
        } else {
          expect(out).toEqual({ ok: true, next: expected });
        }
      });
    }
  }

  it('has a Chinese label for every status and lets nothing out of the terminal ones', () => {
    for (const s of PETITION_STATUSES) expect(STATUS_LABELS[s]).toMatch(/[\u4e00-\u9fff]/);
    for (const s of TERMINAL_STATUSES)
      for (const a of PETITION_ACTIONS) expect(nextStatus(s, a)).toBeUndefined();
  });

  it('sends an upheld objection back to the sender and a dismissed one back to the receiving unit', () => {
    expect(nextStatus('objected', 'decide_objection', { uphold: true })).toBe('registered');
    expect(nextStatus('objected', 'decide_objection', { uphold: false })).toBe('transferred');
  });
});

describe('petition guards', () => {
  const base: GuardFacts = {
    on: '2026-10-10',
    extended: false,
    objectionRaised: false,
    reviewedOn: null,
    rereviewedOn: null,
    due: {},
  };

  it('extends once only, by at most 30 days, and not after the handling period ended', () => {
    expect(checkTransition('in_progress', 'extend', base, { days: 30 })).toEqual({
      ok: true,
      next: 'extended',
    });
    const twice = checkTransition('in_progress', 'extend', { ...base, extended: true }, { days: 10 });
    expect(twice).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(checkTransition('in_progress', 'extend', base, { days: 31 })).toMatchObject({ ok: false });
    const late = checkTransition(
      'assigned',
      'extend',
      { ...base, due: { handling: '2026-10-09' } },
      { days: 5 },
    );
    expect(late).toMatchObject({ ok: false, code: 'time_limit_passed' });
    const onTheDay = checkTransition('assigned', 'extend', { ...base, due: { handling: '2026-10-10' } });
    expect(onTheDay.ok).toBe(true);
  });

  it('takes an objection within the 5 working days only, once per transfer', () => {
    expect(checkTransition('transferred', 'object', { ...base, due: { objection: '2026-10-10' } }).ok).toBe(
      true,
    );
    const late = checkTransition('transferred', 'object', { ...base, due: { objection: '2026-10-09' } });
    expect(late).toMatchObject({ ok: false, code: 'time_limit_passed' });
    if (!late.ok) expect(late.message).toContain('2026-10-09');
    const again = checkTransition('transferred', 'object', { ...base, objectionRaised: true });
    expect(again).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('takes a review request within 30 days of the answer, and not twice', () => {
    const facts = { ...base, due: { review_request: '2026-10-10' } };
    expect(checkTransition('answered', 'request_review', facts)).toEqual({
      ok: true,
      next: 'review_requested',
    });
    expect(checkTransition('closed', 'request_review', facts)).toEqual({
      ok: true,
      next: 'review_requested',
    });
    expect(checkTransition('answered', 'request_review', { ...facts, on: '2026-10-11' })).toMatchObject({
      ok: false,
      code: 'time_limit_passed',
    });
    expect(checkTransition('closed', 'request_review', { ...facts, reviewedOn: '2026-09-30' })).toMatchObject(
      {
        ok: false,
        code: 'invalid_transition',
      },
    );
  });

  it('takes a re-review request within 30 days of the review opinion, only after a review', () => {
    const facts = { ...base, reviewedOn: '2026-09-20', due: { rereview_request: '2026-10-20' } };
    expect(checkTransition('reviewed', 'request_rereview', facts)).toEqual({
      ok: true,
      next: 'rereview_requested',
    });
    expect(checkTransition('closed', 'request_rereview', facts).ok).toBe(true);
    expect(checkTransition('closed', 'request_rereview', { ...facts, reviewedOn: null })).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    });
    expect(checkTransition('reviewed', 'request_rereview', { ...facts, on: '2026-10-21' })).toMatchObject({
      ok: false,
      code: 'time_limit_passed',
    });
  });

  it('refuses the same matter after re-review (不再受理) citing the re-review date', () => {
    for (const status of ['rereviewed', 'finalized', 'closed'] as const) {
      for (const action of ['request_review', 'request_rereview'] as const) {
        const out = checkTransition(status, action, {
          ...base,
          reviewedOn: '2026-08-01',
          rereviewedOn: '2026-09-01',
        });
        expect(out).toMatchObject({ ok: false, code: 'matter_finalized' });
        if (!out.ok) {
          expect(out.message).toContain('不再受理');
          expect(out.message).toContain('2026-09-01');
        }
      }
    }
  });
});

describe('linking a higher-level registration (Art 19 ¶3)', () => {
  const handling = { kind: 'handling', label: '办理期限', due: '2026-12-20' };

  it('joins a case accepted and still being handled within its current duty deadline', () => {
    for (const status of BEING_HANDLED_STATUSES)
      expect(checkLinkTarget({ number: 'X1', status, nextDue: handling }, '2026-12-20'), status).toEqual({
        ok: true,
      });
    expect(checkLinkTarget({ number: 'X1', status: 'accepted', nextDue: null }, '2026-12-20').ok).toBe(true);
  });

  it('refuses every other status with the reason and what to do instead', () => {
    for (const status of PETITION_STATUSES) {
      if (BEING_HANDLED_STATUSES.includes(status)) continue;
      const out = checkLinkTarget({ number: 'X1', status, nextDue: handling }, '2026-11-02');
      expect(out, status).toMatchObject({ ok: false, code: 'invalid_transition' });
      if (!out.ok) {
        expect(out.message).toContain('X1');
        expect(out.message).toContain(STATUS_LABELS[status]);
        expect(out.message).toContain('新事项');
      }
    }
    const answered = checkLinkTarget({ number: 'X1', status: 'answered', nextDue: null }, '2026-11-02');
    if (!answered.ok) expect(answered.message).toContain('复查');
  });

  it('refuses a case whose current duty deadline has passed', () => {
    const out = checkLinkTarget({ number: 'X1', status: 'in_progress', nextDue: handling }, '2026-12-21');
    expect(out).toMatchObject({ ok: false, code: 'time_limit_passed' });
    if (!out.ok) expect(out.message).toContain('2026-12-20');
  });
});

describe('step dates', () => {
  it('accepts today and earlier days not before the previous step', () => {
    expect(checkStepDate('2026-11-02', '2026-11-02', '2026-10-01')).toBeNull();
    expect(checkStepDate('2026-10-01', '2026-11-02', '2026-10-01')).toBeNull();
    expect(checkStepDate('2026-10-01', '2026-11-02', null)).toBeNull();
  });

  it('refuses the future, impossible dates and days before the previous step', () => {
    expect(checkStepDate('2026-11-03', '2026-11-02', null)).toContain('将来');
    expect(checkStepDate('2026-02-30', '2026-11-02', null)).toContain('不是有效日期');
    expect(checkStepDate('2026-09-30', '2026-11-02', '2026-10-01')).toContain('早于');
  });
});

describe('merging a repeated registration', () => {
  const target = (
    status: PetitionStatus,
    receivedOn = '2026-10-01',
    mergedIntoNumber: string | null = null,
  ) => ({
    number: '东城镇信〔2026〕1号',
    status,
    receivedOn,
    mergedIntoNumber,
  });

  it('joins an earlier case that is not yet answered', () => {
    for (const s of MERGE_TARGET_STATUSES)
      expect(checkMergeTarget(target(s), '2026-10-05')).toEqual({ ok: true });
    expect(checkMergeTarget(target('accepted', '2026-10-05'), '2026-10-05')).toEqual({ ok: true });
  });

  it('refuses an answered or finished case, saying the petitioner may ask for review instead', () => {
    for (const s of PETITION_STATUSES.filter((x) => !MERGE_TARGET_STATUSES.includes(x) && x !== 'merged')) {
      const out = checkMergeTarget(target(s), '2026-10-05');
      expect(out).toMatchObject({ ok: false, code: 'invalid_transition' });
      if (!out.ok) expect(out.message).toContain('复查');
    }
  });

  it('names the case to choose when the target was itself merged, and refuses a later case', () => {
    const merged = checkMergeTarget(target('merged', '2026-10-01', '东城镇信〔2026〕0号'), '2026-10-05');
    expect(merged).toMatchObject({ ok: false, code: 'invalid_transition' });
    if (!merged.ok) expect(merged.message).toContain('东城镇信〔2026〕0号');
    const later = checkMergeTarget(target('accepted', '2026-10-09'), '2026-10-05');
    expect(later).toMatchObject({ ok: false, code: 'invalid_reference' });
  });
});
