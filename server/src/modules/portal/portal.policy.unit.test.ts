import { describe, expect, it } from 'vitest';
import { isValidIdNumber, MOBILE_PATTERN, SubmitPetitionBody } from '../../../../shared/contracts/portal.ts';
import {
  addressKey,
  answerMatches,
  currentOpinion,
  evaluationLastDay,
  makeChallenge,
  SUBMISSION_LIMITS,
  submissionDecision,
} from './portal.policy.ts';

describe('submissionDecision', () => {
  it('allows two an hour, then asks a challenge, and refuses at 5 an hour or 20 a day', () => {
    expect(submissionDecision({ lastHour: 0, lastDay: 0 })).toBe('allow');
    expect(submissionDecision({ lastHour: 1, lastDay: 19 })).toBe('allow');
    expect(submissionDecision({ lastHour: 2, lastDay: 2 })).toBe('challenge');
    expect(submissionDecision({ lastHour: 4, lastDay: 4 })).toBe('challenge');
    expect(submissionDecision({ lastHour: 5, lastDay: 5 })).toBe('limit');
    expect(submissionDecision({ lastHour: 0, lastDay: 20 })).toBe('limit');
    expect(SUBMISSION_LIMITS).toEqual({ perHour: 5, perDay: 20, challengeAfter: 2 });
  });
});

describe('addressKey', () => {
  it('keeps IPv4 (also mapped) and reduces IPv6 to its /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:DB8:0:1:bbbb:cccc:dddd:eeee')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe('challenges', () => {
  it('asks small additions and subtractions in Chinese whose answer is never negative', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 500; seed++) {
      let s = seed;
      const rnd = (n: number) => {
        s = (s * 1103515245 + 12345) % 2147483648;
        return s % n;
      };
      const { question, answer } = makeChallenge(rnd);
      const m = /^(\d) (加|减) (\d) 等于几？$/.exec(question);
      expect(m, question).not.toBeNull();
      const [a, b] = [Number(m?.[1]), Number(m?.[3])];
      expect(Number(answer)).toBe(m?.[2] === '加' ? a + b : a - b);
      expect(Number(answer)).toBeGreaterThanOrEqual(0);
      seen.add(m?.[2] as string);
    }
    expect(seen).toEqual(new Set(['加', '减']));
  });

  it('accepts the number typed with full-width digits or spaces, nothing else', () => {
    expect(answerMatches('7', 7)).toBe(true);
    expect(answerMatches('7', ' 7 ')).toBe(true);
    expect(answerMatches('12', '１２')).toBe(true);
    expect(answerMatches('7', '七')).toBe(false);
    expect(answerMatches('7', '7.0')).toBe(false);
    expect(answerMatches('7', '')).toBe(false);
    expect(answerMatches('7', null)).toBe(false);
    expect(answerMatches('0', '0')).toBe(true);
  });
});

describe('the opinion a petitioner evaluates', () => {
  const none = {
    answer_on: null,
    answer_unit_id: null,
    handling_unit_id: null,
    unit_id: 'u',
    review_on: null,
    review_unit_id: null,
    rereview_on: null,
    rereview_unit_id: null,
  };
  it('is the latest of answer, review and re-review, with the unit that gave it', () => {
    expect(currentOpinion(none)).toBeNull();
    expect(currentOpinion({ ...none, answer_on: '2026-11-02', handling_unit_id: 'h' })).toEqual({
      stage: 'answer',
      on: '2026-11-02',
      unitId: 'h',
    });
    expect(
      currentOpinion({
        ...none,
        answer_on: '2026-11-02',
        answer_unit_id: 'a',
        review_on: '2026-11-20',
        review_unit_id: 'r',
      }),
    ).toEqual({ stage: 'review', on: '2026-11-20', unitId: 'r' });
    expect(
      currentOpinion({
        ...none,
        answer_on: '2026-11-02',
        review_on: '2026-11-20',
        review_unit_id: 'r',
        rereview_on: '2026-12-20',
        rereview_unit_id: 'rr',
      }),
    ).toEqual({ stage: 'rereview', on: '2026-12-20', unitId: 'rr' });
  });

  it('may be rated until the last day to ask for the next step (30 days after the final opinion)', () => {
    const deadlines = [
      { kind: 'review_request', due: '2026-12-02' },
      { kind: 'rereview_request', due: '2026-12-21' },
    ];
    expect(evaluationLastDay({ stage: 'answer', on: '2026-11-02' }, deadlines)).toBe('2026-12-02');
    expect(evaluationLastDay({ stage: 'review', on: '2026-11-20' }, deadlines)).toBe('2026-12-21');
    expect(evaluationLastDay({ stage: 'rereview', on: '2026-12-20' }, deadlines)).toBe('2027-01-19');
    expect(evaluationLastDay({ stage: 'answer', on: '2026-11-02' }, [])).toBeNull();
  });
});

describe('public submission validation', () => {
  it('checks the ID number check character (GB 11643) and the mainland mobile pattern', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('A1010519491231002X')).toBe(false);
    expect(MOBILE_PATTERN.test('13912345678')).toBe(true);
    expect(MOBILE_PATTERN.test('12912345678')).toBe(false);
    expect(MOBILE_PATTERN.test('1391234567')).toBe(false);
  });

  it('strips accused fields and normalises the phone and ID number', () => {
    const parsed = SubmitPetitionBody.parse({
      unitId: 'u1',
      classification: 'accusation',
      title: ' 标题 ',
      content: '内容',
      petitioner: { name: '王五', phone: '139-1234-5678', idNumber: '11010519491231002x' },
      accused: { name: '某某' },
    });
    expect(parsed).not.toHaveProperty('accused');
    expect(parsed).toMatchObject({
      title: '标题',
      demands: '',
      petitioner: { phone: '13912345678', idNumber: '11010519491231002X' },
    });
  });
});
