import type { Unit } from './org.api.ts';

export interface UnitNode {
  key: string;
  value: string;
  title: string;
  unit: Unit;
  children: UnitNode[];
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function numeralValue(run: string): number {
  if (!run.includes('十')) return [...run].reduce((n, c) => n * 10 + (DIGITS[c] ?? 0), 0);
  const [tens, ones] = run.split('十');
  return (tens ? (DIGITS[tens] ?? 1) : 1) * 10 + (ones ? (DIGITS[ones] ?? 0) : 0);
}

/** 东城二村 sorts after 东城一村: Chinese numerals count as numbers, the rest by pinyin. */
export function unitSortKey(name: string): string {
  return name.replace(/[一二三四五六七八九十]+/g, (run) => String(numeralValue(run)).padStart(4, '0'));
}

const KIND_ORDER: Record<string, number> = { county: 0, township: 1, department: 2, village: 3, office: 4 };

/**
 * Builds the tree from the flat, scoped list: a unit whose parent is outside the caller's scope
 * becomes a root. Siblings are ordered by kind, then by name in Chinese collation.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const u of units) nodes.set(u.id, { key: u.id, value: u.id, title: u.name, unit: u, children: [] });
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  const sort = (list: UnitNode[]) => {
    list.sort(
      (a, b) =>
        (KIND_ORDER[a.unit.kind] ?? 9) - (KIND_ORDER[b.unit.kind] ?? 9) ||
        collator.compare(unitSortKey(a.title), unitSortKey(b.title)),
    );
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The names from the root down to a unit, for a breadcrumb of where a unit sits. */
export function unitPath(units: readonly Unit[], id: string): Unit[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out: Unit[] = [];
  let cur = byId.get(id);
  while (cur && out.length < 50) {
    out.unshift(cur);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return out;
}

/** The unit kinds that may sit below a parent of the given kind (mirrors the server's rule). */
export const CHILD_KINDS: Record<string, readonly Unit['kind'][]> = {
  county: ['township', 'department', 'office'],
  township: ['village', 'department', 'office'],
  village: ['office'],
  department: ['office'],
  office: [],
};
