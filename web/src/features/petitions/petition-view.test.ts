import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  chinaToday,
  deadlineTone,
  fieldErrorsOf,
  formPathOf,
  listTone,
} from './petition-view.ts';
import type { PetitionAbilities } from './petitions.api.ts';

describe('deadline colours', () => {
  const today = '2026-11-02';
  it('an open duty deadline is red after its last day, orange within 3 days, plain otherwise', () => {
    expect(deadlineTone({ due: '2026-11-01', status: 'open', duty: true }, today)).toBe('overdue');
    expect(deadlineTone({ due: '2026-11-02', status: 'open', duty: true }, today)).toBe('soon');
    expect(deadlineTone({ due: '2026-11-05', status: 'open', duty: true }, today)).toBe('soon');
    expect(deadlineTone({ due: '2026-11-06', status: 'open', duty: true }, today)).toBe('open');
  });
  it('a met deadline is green whatever its date; a party window that closed is not red', () => {
    expect(deadlineTone({ due: '2026-10-01', status: 'met', duty: true }, today)).toBe('met');
    expect(deadlineTone({ due: '2026-10-01', status: 'overdue', duty: false }, today)).toBe('closed');
    expect(deadlineTone({ due: '2026-10-01', status: 'overdue', duty: true }, today)).toBe('overdue');
  });
  it('the worklist follows the server flags', () => {
    expect(listTone({ overdue: true, dueSoon: true })).toBe('overdue');
    expect(listTone({ overdue: false, dueSoon: true })).toBe('soon');
    expect(listTone({ overdue: false, dueSoon: false })).toBe('open');
  });
});

describe('today in China', () => {
  it('is already the next day at 17:00 UTC', () => {
    expect(chinaToday(new Date('2026-11-01T16:30:00Z'))).toBe('2026-11-02');
    expect(chinaToday(new Date('2026-11-01T15:30:00Z'))).toBe('2026-11-01');
  });
});

describe('server errors next to their field', () => {
  it('turns body paths into form paths with list indexes', () => {
    expect(formPathOf('body.petitioners.0.idNumber')).toEqual(['petitioners', 0, 'idNumber']);
    expect(formPathOf('receivedOn')).toEqual(['receivedOn']);
    expect(formPathOf('body')).toBeUndefined();
    expect(formPathOf(undefined)).toBeUndefined();
  });
  it('takes every issue, or the single field with the main message', () => {
    expect(
      fieldErrorsOf(
        {
          issues: [
            { field: 'body.title', message: '请填写标题' },
            { field: 'body.petitioners.1.phone', message: '电话号码应为5到20位数字' },
          ],
        },
        '提交的内容有误',
      ),
    ).toEqual([
      { name: ['title'], errors: ['请填写标题'] },
      { name: ['petitioners', 1, 'phone'], errors: ['电话号码应为5到20位数字'] },
    ]);
    expect(fieldErrorsOf({ field: 'category' }, '类别“x”不在类别目录中')).toEqual([
      { name: ['category'], errors: ['类别“x”不在类别目录中'] },
    ]);
    expect(fieldErrorsOf(undefined, 'x')).toEqual([]);
  });
});

describe('action buttons', () => {
  it('shows exactly the actions the server allows, in the order a case goes', () => {
    const none = Object.fromEntries(
      [
        'accept',
        'redirect',
        'transfer',
        'object',
        'decideObjection',
        'reject',
        'assign',
        'start',
        'extend',
        'answer',
        'close',
        'requestReview',
        'review',
        'requestRereview',
        'rereview',
        'finalize',
        'revealPersonal',
        'downloadDocuments',
        'declareInterest',
      ].map((k) => [k, false]),
    ) as PetitionAbilities;
    expect(allowedActions(none)).toEqual([]);
    expect(allowedActions({ ...none, reject: true, accept: true, revealPersonal: true })).toEqual([
      'accept',
      'reject',
    ]);
    expect(allowedActions({ ...none, requestReview: true })).toEqual(['request_review']);
  });
});
