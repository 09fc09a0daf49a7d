import { describe, expect, it } from 'vitest';
import { builtInCalendar } from '../calendar/index.ts';
import {
  activeRules,
  computeDeadline,
  DEFAULT_RULES,
  DeadlineError,
  type DeadlineRule,
  DeadlineRuleSchema,
  parseRuleOverrides,
  unitRules,
} from './index.ts';

const byId = (rules: readonly DeadlineRule[]) => new Map(rules.map((r) => [r.id, r]));

describe('default rules (domain.md, 信访工作条例 2022)', () => {
  it('state every limit of the domain table with its unit, start event and article', () => {
    expect(
      DEFAULT_RULES.map((r) => [
        r.id,
        r.kind,
        r.startEvent,
        r.count,
        r.unit,
        r.rollPastRestDays,
        r.article,
        r.track,
      ]),
    ).toEqual([
      [
        'acceptance',
        'acceptance',
        'received',
        15,
        'calendar_days',
        true,
        '信访工作条例第22、23条',
        'standard',
      ],
      [
        'objection',
        'objection',
        'transferred_in',
        5,
        'working_days',
        true,
        '信访工作条例第23条第3款',
        'standard',
      ],
      ['handling', 'handling', 'accepted', 60, 'calendar_days', true, '信访工作条例第34条', 'standard'],
      ['extension', 'extension', 'accepted', 30, 'calendar_days', true, '信访工作条例第34条', 'standard'],
      [
        'review_request',
        'review_request',
        'answered',
        30,
        'calendar_days',
        true,
        '信访工作条例第35条',
        'standard',
      ],
      ['review', 'review', 'review_requested', 30, 'calendar_days', true, '信访工作条例第35条', 'standard'],
      [
        'rereview_request',
        'rereview_request',
        'review_opinion',
        30,
        'calendar_days',
        true,
        '信访工作条例第36条',
        'standard',
      ],
      [
        'rereview',
        'rereview',
        'rereview_requested',
        30,
        'calendar_days',
        true,
        '信访工作条例第36条',
        'standard',
      ],
      [
        'simple_acceptance',
        'acceptance',
        'received',
        3,
        'working_days',
        true,
        '信访事项简易办理办法（试行）',
        'simple',
      ],
      [
        'simple_handling',
        'handling',
        'accepted',
        10,
        'working_days',
        true,
        '信访事项简易办理办法（试行）',
        'simple',
      ],
    ]);
  });

  it('are valid rules with Chinese labels, and cannot be changed in place', () => {
    for (const r of DEFAULT_RULES) {
      expect(DeadlineRuleSchema.parse(r)).toEqual(r);
      expect(r.label).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(() => {
      (DEFAULT_RULES[0] as { count: number }).count = 1;
    }).toThrow(TypeError);
    expect(DEFAULT_RULES[0]!.count).toBe(15);
  });
});

describe('per-unit overrides', () => {
  it('merge by id and change only that rule', () => {
    const rules = unitRules([{ id: 'acceptance', count: 10 }]);
    expect(byId(rules).get('acceptance')).toMatchObject({
      count: 10,
      unit: 'calendar_days',
      article: '信访工作条例第22、23条',
    });
    expect(rules.filter((r) => r.id !== 'acceptance')).toEqual(
      DEFAULT_RULES.filter((r) => r.id !== 'acceptance'),
    );
    expect(DEFAULT_RULES[0]!.count).toBe(15);
    const d = computeDeadline(byId(rules).get('acceptance')!, '2026-09-20', builtInCalendar);
    expect(d.due).toBe('2026-09-30');
    expect(d.rule).toContain('10个自然日');
  });

  it('let an office count working days instead', () => {
    const rules = unitRules([{ id: 'acceptance', unit: 'working_days', label: '受理告知期限（工作日）' }]);
    const d = computeDeadline(byId(rules).get('acceptance')!, '2026-09-20', builtInCalendar);
    expect(d.due).toBe('2026-10-16');
    expect(d.rule).toBe('自收到信访事项次日起15个工作日（信访工作条例第22、23条）');
    expect(d.label).toBe('受理告知期限（工作日）');
  });

  it('refuse an unknown rule, a field that may not change and an impossible count, in Chinese', () => {
    expect(() => unitRules([{ id: 'acceptence', count: 10 }])).toThrow(DeadlineError);
    expect(parseRuleOverrides([{ id: 'acceptence', count: 10 }])).toEqual({
      ok: false,
      errors: [
        '第 1 条修改：没有编号为“acceptence”的规则（可用：acceptance、objection、handling、extension、review_request、review、rereview_request、rereview、simple_acceptance、simple_handling）',
      ],
    });
    expect(parseRuleOverrides([{ id: 'acceptance', kind: 'handling' }])).toEqual({
      ok: false,
      errors: ['第 1 条修改：不能修改字段 kind（只能修改 count、unit、rollPastRestDays、article、label）'],
    });
    expect(
      parseRuleOverrides([
        { id: 'handling', count: 0 },
        { id: 'objection', unit: 'hours' },
      ]),
    ).toEqual({
      ok: false,
      errors: [
        '第 1 条修改的 count：天数至少为 1',
        '第 2 条修改的 unit：计算方式只能是 calendar_days（自然日）或 working_days（工作日）',
      ],
    });
    expect(
      parseRuleOverrides([
        { id: 'handling', count: 45 },
        { id: 'handling', count: 50 },
      ]),
    ).toEqual({
      ok: false,
      errors: ['第 2 条修改：规则“handling”被修改了不止一次，请合并为一条'],
    });
    expect(parseRuleOverrides({ id: 'handling' })).toEqual({ ok: false, errors: ['时限规则的修改应为列表'] });
    expect(parseRuleOverrides([])).toEqual({ ok: true, overrides: [] });
  });
});

describe('active rules', () => {
  it('take the simple rules for acceptance and handling only when the simple track is on', () => {
    expect(activeRules(unitRules()).map((r) => r.id)).toEqual([
      'acceptance',
      'objection',
      'handling',
      'extension',
      'review_request',
      'review',
      'rereview_request',
      'rereview',
    ]);
    expect(activeRules(unitRules(), { simpleTrack: true }).map((r) => r.id)).toEqual([
      'simple_acceptance',
      'objection',
      'simple_handling',
      'extension',
      'review_request',
      'review',
      'rereview_request',
      'rereview',
    ]);
  });
});
