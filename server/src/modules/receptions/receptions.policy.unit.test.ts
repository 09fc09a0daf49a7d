import { describe, expect, it } from 'vitest';
import {
  canEditReceptionRules,
  canManageReceptions,
  canReadReceptions,
  canRecordFieldVisits,
  jointUnitsProblem,
  requiredLeaderLevel,
} from './receptions.policy.ts';

describe('requiredLeaderLevel', () => {
  it('asks the principal leader for 20 or more people', () => {
    expect(requiredLeaderLevel(20)).toBe('principal');
    expect(requiredLeaderLevel(150)).toBe('principal');
  });
  it('asks the deputy in charge for 5 to 19 people', () => {
    expect(requiredLeaderLevel(5)).toBe('deputy');
    expect(requiredLeaderLevel(19)).toBe('deputy');
  });
  it('requires no leader below 5 people', () => {
    expect(requiredLeaderLevel(1)).toBe('none');
    expect(requiredLeaderLevel(4)).toBe('none');
  });
  it('sends a case with an owning leader to that leader whatever the size', () => {
    expect(requiredLeaderLevel(30, { owningLeaderId: 'u1' })).toBe('owner');
    expect(requiredLeaderLevel(2, { owningLeaderId: 'u1' })).toBe('owner');
  });
  it('follows a unit’s own thresholds', () => {
    expect(requiredLeaderLevel(10, { rules: { principalFrom: 10, deputyFrom: 3 } })).toBe('principal');
    expect(requiredLeaderLevel(3, { rules: { principalFrom: 10, deputyFrom: 3 } })).toBe('deputy');
  });
});

describe('reception roles', () => {
  it('lets clerks, leaders and unit administrators manage, handlers only read', () => {
    for (const r of ['clerk', 'leader', 'unit_admin'] as const)
      expect(canManageReceptions({ roles: [r] })).toBe(true);
    expect(canManageReceptions({ roles: ['handler'] })).toBe(false);
    expect(canReadReceptions({ roles: ['handler'] })).toBe(true);
    expect(canReadReceptions({ roles: ['sysadmin', 'auditor'] })).toBe(false);
  });
});

describe('unit rules and joint receptions', () => {
  it("applies a unit's own thresholds instead of 20 / 5", () => {
    const rules = { principalFrom: 10, deputyFrom: 3 };
    expect(requiredLeaderLevel(10, { rules })).toBe('principal');
    expect(requiredLeaderLevel(3, { rules })).toBe('deputy');
    expect(requiredLeaderLevel(2, { rules })).toBe('none');
  });
  it("wants exactly one lead, the visit's unit, and no unit twice", () => {
    expect(
      jointUnitsProblem('a', [
        { unitId: 'a', role: 'lead' },
        { unitId: 'b', role: 'co' },
      ]),
    ).toBeNull();
    expect(jointUnitsProblem('a', [{ unitId: 'b', role: 'co' }])).toContain('有且只有一个牵头单位');
    expect(jointUnitsProblem('a', [{ unitId: 'b', role: 'lead' }])).toContain('牵头单位应是');
    expect(
      jointUnitsProblem('a', [
        { unitId: 'a', role: 'lead' },
        { unitId: 'b', role: 'co' },
        { unitId: 'b', role: 'co' },
      ]),
    ).toContain('不能重复');
  });
  it('lets administrators edit the rules and the case workers record field visits', () => {
    expect(canEditReceptionRules({ roles: ['unit_admin'] })).toBe(true);
    expect(canEditReceptionRules({ roles: ['clerk', 'leader'] })).toBe(false);
    expect(canRecordFieldVisits({ roles: ['handler'] })).toBe(true);
    expect(canRecordFieldVisits({ roles: ['supervisor'] })).toBe(false);
  });
});
