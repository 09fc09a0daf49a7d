import { describe, expect, it } from 'vitest';
import { builtInCalendar } from '../../../../shared/calendar/index.ts';
import { computeCaseDeadlines, DEFAULT_RULES } from '../../../../shared/deadlines/index.ts';
import {
  caseEventsOf,
  deadlineStatusOn,
  nextDutyDeadline,
  type TimelineStep,
  trackDeadlines,
} from './case-deadlines.ts';
import {
  generateQueryCode,
  maskIdNumber,
  maskName,
  maskPhone,
  normalizeQueryCode,
  QUERY_CODE_ALPHABET,
} from './personal-data.ts';

const track = (steps: TimelineStep[]) =>
  trackDeadlines(steps, computeCaseDeadlines(caseEventsOf(steps), DEFAULT_RULES, builtInCalendar));
const byKind = (steps: TimelineStep[]) =>
  Object.fromEntries(track(steps).map((d) => [d.kind, d])) as Record<
    string,
    ReturnType<typeof track>[number]
  >;

describe('case deadlines from the timeline', () => {
  it('starts acceptance at receipt (2026-09-20 → 2026-10-08) and meets it by accepting', () => {
    const open = byKind([{ action: 'register', on: '2026-09-20' }]);
    expect(open.acceptance).toMatchObject({ due: '2026-10-08', status: 'open', duty: true, metOn: null });
    const met = byKind([
      { action: 'register', on: '2026-09-20' },
      { action: 'accept', on: '2026-09-25' },
    ]);
    expect(met.acceptance).toMatchObject({ status: 'met', metOn: '2026-09-25' });
    // accepted 2026-09-25 → handling due 2026-11-24 (issue 3's example).
    expect(met.handling).toMatchObject({ due: '2026-11-24', status: 'open' });
  });

  it('restarts acceptance at the receiving unit on a transfer and opens the 5-working-day objection window', () => {
    const d = byKind([
      { action: 'register', on: '2026-09-20' },
      { action: 'transfer', on: '2026-09-28' },
    ]);
    expect(d.acceptance).toMatchObject({ start: '2026-09-28', status: 'open' });
    // 5 working days after 2026-09-28 across National Day (10-01…10-08 off, 09-27 and 10-10 make-up days).
    expect(d.objection).toMatchObject({ due: '2026-10-10', status: 'open', duty: false });
    const objected = byKind([
      { action: 'register', on: '2026-09-20' },
      { action: 'transfer', on: '2026-09-28' },
      { action: 'object', on: '2026-09-29' },
    ]);
    expect(objected.objection).toMatchObject({ status: 'met', metOn: '2026-09-29' });
    expect(objected.acceptance?.status).toBe('open');
  });

  it('extends the handling period once by the approved days', () => {
    const d = byKind([
      { action: 'register', on: '2026-09-20' },
      { action: 'accept', on: '2026-09-25' },
      { action: 'extend', on: '2026-11-01', days: 30 },
    ]);
    expect(d.handling?.due).toBe('2026-12-24');
    expect(d.handling?.rule).toContain('经批准延长30');
  });

  it('follows answer → review request → review → re-review request with their windows and limits', () => {
    const steps: TimelineStep[] = [
      { action: 'register', on: '2026-09-01' },
      { action: 'accept', on: '2026-09-02' },
      { action: 'answer', on: '2026-09-10' },
      { action: 'request_review', on: '2026-09-15' },
      { action: 'review', on: '2026-09-30' },
    ];
    const d = byKind(steps);
    expect(d.handling).toMatchObject({ status: 'met', metOn: '2026-09-10' });
    expect(d.review_request).toMatchObject({ status: 'met', duty: false });
    expect(d.review).toMatchObject({ status: 'met', metOn: '2026-09-30', duty: true });
    expect(d.rereview_request).toMatchObject({ status: 'open', duty: false });
    expect(nextDutyDeadline(track(steps))).toBeNull();
  });

  it('names the earliest open duty deadline as next, ignoring party windows', () => {
    const steps: TimelineStep[] = [
      { action: 'register', on: '2026-09-20' },
      { action: 'transfer', on: '2026-09-21' },
    ];
    expect(nextDutyDeadline(track(steps))).toEqual({ kind: 'acceptance', due: track(steps)[0]?.due });
  });

  it('shows an open deadline as overdue from the day after its last day', () => {
    expect(deadlineStatusOn({ status: 'open', due: '2026-10-08' }, '2026-10-08')).toBe('open');
    expect(deadlineStatusOn({ status: 'open', due: '2026-10-08' }, '2026-10-09')).toBe('overdue');
    expect(deadlineStatusOn({ status: 'met', due: '2026-10-08' }, '2026-12-01')).toBe('met');
  });
});

describe('personal data', () => {
  it('masks ID numbers, phones and names keeping only the ends', () => {
    expect(maskIdNumber('330102199001011234')).toBe('3301**********1234');
    expect(maskIdNumber('330102900101123')).toBe('3301*******1123');
    expect(maskPhone('13800135678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张')).toBe('张*');
  });

  it('draws 12-symbol query codes without ambiguous characters, all different', () => {
    const codes = new Set(Array.from({ length: 2000 }, generateQueryCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
      expect(code).not.toMatch(/[01OIL]/);
    }
    expect(QUERY_CODE_ALPHABET).toHaveLength(31);
    expect(normalizeQueryCode('abcd-efgh 2345')).toBe('ABCDEFGH2345');
  });
});
