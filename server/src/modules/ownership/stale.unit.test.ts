import { describe, expect, it } from 'vitest';
import { measureOverdue, STALE_AFTER_DAYS, staleness } from './stale.ts';

const base = {
  today: '2026-11-20',
  takenOn: '2026-11-01',
  lastProgressOn: null,
  nextContactOn: null,
  overdueMeasures: 0,
};

describe('staleness of an owned case', () => {
  it('is fresh when progress was recorded within 14 days, the contact date is ahead and no measure is late', () => {
    expect(staleness({ ...base, lastProgressOn: '2026-11-07', nextContactOn: '2026-11-20' })).toEqual({
      stale: false,
      reasons: [],
    });
  });

  it('is stale from the 14th day without progress, counted from the latest entry', () => {
    expect(STALE_AFTER_DAYS).toBe(14);
    expect(staleness({ ...base, lastProgressOn: '2026-11-07' }).stale).toBe(false);
    expect(staleness({ ...base, lastProgressOn: '2026-11-06' })).toEqual({
      stale: true,
      reasons: ['已14天没有进展记录'],
    });
  });

  it('counts from the day the case was taken when there is no entry yet', () => {
    expect(staleness({ ...base, today: '2026-11-14' }).stale).toBe(false);
    expect(staleness({ ...base, today: '2026-11-15' }).reasons).toEqual(['包案14天以来没有进展记录']);
  });

  it('is stale the day after the next contact date, not on it', () => {
    const fresh = { ...base, lastProgressOn: '2026-11-19' };
    expect(staleness({ ...fresh, nextContactOn: '2026-11-20' }).stale).toBe(false);
    expect(staleness({ ...fresh, nextContactOn: '2026-11-19' }).reasons).toEqual([
      '下次联系日期（2026-11-19）已过',
    ]);
  });

  it('names overdue measures and lists every reason in order', () => {
    expect(staleness({ ...base, nextContactOn: '2026-11-10', overdueMeasures: 2 }).reasons).toEqual([
      '包案19天以来没有进展记录',
      '下次联系日期（2026-11-10）已过',
      '2项措施已超期未完成',
    ]);
  });

  it('takes another threshold when given one', () => {
    expect(staleness({ ...base, lastProgressOn: '2026-11-13' }, 7).reasons).toEqual(['已7天没有进展记录']);
  });

  it('a measure is overdue only when not done and its date has passed', () => {
    expect(measureOverdue({ done: false, dueOn: '2026-11-19' }, '2026-11-20')).toBe(true);
    expect(measureOverdue({ done: false, dueOn: '2026-11-20' }, '2026-11-20')).toBe(false);
    expect(measureOverdue({ done: true, dueOn: '2026-11-01' }, '2026-11-20')).toBe(false);
  });
});
