import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../platform/http/context.ts';
import {
  canChangeRoles,
  canCreateChildUnit,
  canUnlockUser,
  defaultAcceptsOnline,
  ungrantableChanges,
} from './org.policy.ts';

const actor = (roles: Role[], userId = 'me'): Actor => ({
  userId,
  username: 'me',
  name: '我',
  unitId: 'u1',
  unitPath: '/u1/',
  roles,
  sessionId: 's',
});

describe('org policy', () => {
  it('lets only changes within the grantable roles through, added or removed', () => {
    expect(ungrantableChanges(actor(['sysadmin']), ['clerk'], ['handler', 'leader'])).toEqual([]);
    expect(ungrantableChanges(actor(['sysadmin']), ['clerk'], ['clerk', 'auditor'])).toEqual(['auditor']);
    expect(ungrantableChanges(actor(['sysadmin']), ['auditor', 'clerk'], ['clerk'])).toEqual(['auditor']);
    expect(ungrantableChanges(actor(['secadmin']), ['clerk'], ['auditor'])).toEqual([]);
    expect(ungrantableChanges(actor(['unit_admin']), ['clerk'], ['unit_admin'])).toEqual(['unit_admin']);
    expect(ungrantableChanges(actor(['clerk']), [], ['clerk'])).toEqual(['clerk']);
    // Keeping a role one may not grant is not a change.
    expect(ungrantableChanges(actor(['unit_admin']), ['unit_admin'], ['unit_admin', 'leader'])).toEqual([]);
  });

  it('never lets anyone change their own roles, and only secadmin an administrator’s', () => {
    expect(canChangeRoles(actor(['secadmin']), { id: 'me', roles: ['secadmin'] })).toBe(false);
    expect(canChangeRoles(actor(['sysadmin']), { id: 'x', roles: ['auditor'] })).toBe(false);
    expect(canChangeRoles(actor(['secadmin']), { id: 'x', roles: ['auditor'] })).toBe(true);
    expect(canChangeRoles(actor(['sysadmin']), { id: 'x', roles: ['clerk'] })).toBe(true);
    expect(canChangeRoles(actor(['leader']), { id: 'x', roles: ['clerk'] })).toBe(false);
  });

  it('lets offices have no children and opens the portal by default for county, township, department', () => {
    expect(canCreateChildUnit(actor(['sysadmin']), { kind: 'office' })).toBe(false);
    expect(canCreateChildUnit(actor(['sysadmin']), { kind: 'village' })).toBe(true);
    expect(canCreateChildUnit(actor(['clerk']), { kind: 'village' })).toBe(false);
    expect(['county', 'township', 'village', 'department', 'office'].filter(defaultAcceptsOnline)).toEqual([
      'county',
      'township',
      'department',
    ]);
  });

  it('lets secadmin and sysadmin unlock accounts, nobody else', () => {
    expect(canUnlockUser(actor(['secadmin']))).toBe(true);
    expect(canUnlockUser(actor(['sysadmin']))).toBe(true);
    expect(canUnlockUser(actor(['unit_admin', 'leader']))).toBe(false);
  });
});
