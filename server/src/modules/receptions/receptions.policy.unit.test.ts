import { describe, expect, it } from 'vitest';
import { canManageReceptions, canReadReceptions, requiredLeaderLevel } from './receptions.policy.ts';

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
