import { describe, expect, it } from 'vitest';
import { USERNAME_PATTERN } from '../../../../shared/contracts/org.ts';
import { ROLES } from '../../platform/http/context.ts';
import { CHILD_KINDS } from '../org/org.policy.ts';
import { generateDemoCounty, ROOT_KEY } from './demo-county.ts';
import { createRng } from './prng.ts';

const SEEDS = [1, 2, 7, 42, 2026, 123456789];

describe('demo county generator', () => {
  it('gives the same county for the same seed and a different one for another seed', () => {
    expect(generateDemoCounty(7)).toEqual(generateDemoCounty(7));
    const a = generateDemoCounty(1);
    const b = generateDemoCounty(2);
    expect(a.units.map((u) => u.name)).not.toEqual(b.units.map((u) => u.name));
    expect(a.users.map((u) => u.username)).not.toEqual(b.users.map((u) => u.username));
  });

  it('has a county-sized organisation for every seed', () => {
    for (const seed of SEEDS) {
      const c = generateDemoCounty(seed);
      const count = (kind: string) => c.units.filter((u) => u.kind === kind).length;
      expect(count('township'), `seed ${seed}`).toBeGreaterThanOrEqual(11);
      expect(count('township'), `seed ${seed}`).toBeLessThanOrEqual(13);
      expect(count('village'), `seed ${seed}`).toBeGreaterThanOrEqual(140);
      expect(count('village'), `seed ${seed}`).toBeLessThanOrEqual(160);
      expect(count('department'), `seed ${seed}`).toBeGreaterThanOrEqual(23);
      expect(count('department'), `seed ${seed}`).toBeLessThanOrEqual(27);
      expect(count('office'), `seed ${seed}`).toBe(count('township'));
      expect(c.users.length, `seed ${seed}`).toBeGreaterThanOrEqual(80);
      expect(c.users.length, `seed ${seed}`).toBeLessThanOrEqual(120);
      expect(c.groups.length, `seed ${seed}`).toBe(count('township') + 1);
    }
  });

  it('names units plausibly and uniquely, under parents of an allowed kind', () => {
    for (const seed of SEEDS) {
      const c = generateDemoCounty(seed);
      expect(c.countyName).toMatch(/^\p{Script=Han}{2,3}县$/u);
      const names = c.units.map((u) => u.name);
      expect(new Set(names).size).toBe(names.length);
      const kindOf = new Map<string, string>([[ROOT_KEY, 'county']]);
      for (const u of c.units) {
        const parentKind = kindOf.get(u.parentKey);
        expect(parentKind, `${u.name} comes after its parent`).toBeDefined();
        expect(CHILD_KINDS[parentKind as string]).toContain(u.kind);
        kindOf.set(u.key, u.kind);
        const pattern = {
          township: /^\p{Script=Han}{2,3}(镇|乡|街道)$/u,
          village: /^\p{Script=Han}{2,3}(村|社区)$/u,
          department: /^县\p{Script=Han}+(局|委员会|社)$/u,
          office: /^\p{Script=Han}+(信访办|综治办)$/u,
        }[u.kind];
        expect(u.name).toMatch(pattern);
        expect(u.acceptsOnline).toBe(u.kind === 'township' || u.kind === 'department');
      }
      expect(names).toContain('县信访局');
      expect(names.some((n) => n.endsWith('街道'))).toBe(true);
      expect(names.some((n) => n.endsWith('乡'))).toBe(true);
    }
  });

  it('gives every township an office, several villages and a leadership group with four work groups', () => {
    const c = generateDemoCounty(42);
    for (const t of c.units.filter((u) => u.kind === 'township')) {
      const children = c.units.filter((u) => u.parentKey === t.key);
      expect(children.filter((u) => u.kind === 'office')).toHaveLength(1);
      expect(children.filter((u) => u.kind === 'village').length).toBeGreaterThanOrEqual(5);
      const group = c.groups.find((g) => g.unitKey === t.key);
      expect(group?.title).toBe(`${t.name}信访维稳工作领导小组`);
      expect(group?.workGroups.map((w) => w.name)).toEqual([
        '综合联络调度组',
        '接访组',
        '应急处置组',
        '督导检查组',
      ]);
      const head = c.users.find(
        (u) => u.username === group?.members.find((m) => m.position === 'head')?.username,
      );
      expect(head?.unitKey).toBe(t.key);
      expect(head?.roles).toEqual(['leader']);
      expect(c.users.filter((u) => u.unitKey === t.key && u.roles.includes('clerk'))).toHaveLength(1);
    }
  });

  it('has accounts of every non-administrator role, with valid distinct usernames, and sound groups', () => {
    for (const seed of SEEDS) {
      const c = generateDemoCounty(seed);
      const usernames = c.users.map((u) => u.username);
      expect(new Set(usernames).size).toBe(usernames.length);
      for (const u of usernames) expect(u).toMatch(USERNAME_PATTERN);
      expect(new Set(c.users.map((u) => u.name)).size).toBe(c.users.length);
      for (const u of c.users) expect(u.name).toMatch(/^\p{Script=Han}{2,3}$/u);
      const roles = new Set(c.users.flatMap((u) => u.roles));
      for (const r of ROLES.filter((r) => !['sysadmin', 'secadmin', 'auditor'].includes(r)))
        expect(roles, `seed ${seed} has a ${r}`).toContain(r);
      const villageCadres = c.users.filter((u) => u.unitKey.startsWith('village:'));
      expect(villageCadres.length).toBeGreaterThanOrEqual(5);
      for (const g of c.groups) {
        expect(g.members.filter((m) => m.position === 'head')).toHaveLength(1);
        const memberNames = g.members.map((m) => m.username);
        expect(new Set(memberNames).size).toBe(memberNames.length);
        for (const w of g.workGroups) {
          expect(new Set(w.usernames).size).toBe(w.usernames.length);
          for (const u of w.usernames) expect(usernames).toContain(u);
        }
      }
    }
  });
});

describe('seeded random source', () => {
  it('repeats its sequence for a seed and stays within bounds', () => {
    const a = createRng(99);
    const b = createRng(99);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const ints = Array.from({ length: 1000 }, () => a.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(a.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
