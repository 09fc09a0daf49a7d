import { describe, expect, it } from 'vitest';
import type { Unit } from './org.api.ts';
import { buildUnitTree, unitPath } from './unit-tree.ts';

const unit = (id: string, parentId: string | null, name: string, kind: Unit['kind']): Unit => ({
  id,
  parentId,
  name,
  kind,
  acceptsOnline: true,
  abilities: { edit: true, createChild: true },
});

describe('unit tree of the units page', () => {
  const units = [
    unit('v2', 't1', '东城二村', 'village'),
    unit('c', null, '清河县', 'county'),
    unit('d', 'c', '县人社局', 'department'),
    unit('t2', 'c', '西山乡', 'township'),
    unit('t1', 'c', '东城镇', 'township'),
    unit('v1', 't1', '东城一村', 'village'),
  ];

  it('nests units under their parents, townships before departments', () => {
    const [root] = buildUnitTree(units);
    expect(root?.title).toBe('清河县');
    expect(root?.children.map((n) => n.title)).toEqual(['东城镇', '西山乡', '县人社局']);
    expect(root?.children[0]?.children.map((n) => n.title)).toEqual(['东城一村', '东城二村']);
  });

  it('shows a township clerk their township as the root when the county is out of scope', () => {
    const roots = buildUnitTree(units.filter((u) => u.id === 't1' || u.parentId === 't1'));
    expect(roots.map((n) => n.title)).toEqual(['东城镇']);
    expect(roots[0]?.children).toHaveLength(2);
  });

  it('orders 第一 before 第二 before 第十二, as people count them', () => {
    const villages = ['东城十二村', '东城二村', '东城十村', '东城一村', '东城三社区'].map((n, i) =>
      unit(`v${i}`, null, n, 'village'),
    );
    expect(buildUnitTree(villages).map((n) => n.title)).toEqual([
      '东城一村',
      '东城二村',
      '东城三社区',
      '东城十村',
      '东城十二村',
    ]);
  });

  it('gives the path from the root to a village', () => {
    expect(unitPath(units, 'v1').map((u) => u.name)).toEqual(['清河县', '东城镇', '东城一村']);
  });
});
