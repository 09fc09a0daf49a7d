import { newId } from '../../../platform/crypto/ids.ts';
import type { Db } from '../../../platform/db/schema.ts';
import { newPetitionRow } from '../petition-row.ts';
import type { PetitionRow } from '../petitions.repository.ts';
import { insertPetition, replaceCoHandlers } from '../petitions.repository.ts';

// A generated worklist fixture for the database tests and the benchmark: cases inserted directly
// (no timeline, no search index) across a unit tree with every status, shared dates (ties on both
// sort keys), handlers, co-handlers, transfers and accusations against units and users, plus a
// brute-force re-statement of the visibility rule and the counters to compare the SQL against.

export const FINAL_STATUSES = ['closed', 'redirected', 'rejected', 'finalized', 'merged', 'linked'];
const OPEN_STATUSES = [
  'registered',
  'accepted',
  'transferred',
  'objected',
  'assigned',
  'in_progress',
  'extended',
  'answered',
  'review_requested',
  'reviewed',
  'rereview_requested',
  'rereviewed',
];

/** A small deterministic PRNG (mulberry32), so a failing fixture can be reproduced. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FixtureCase {
  row: PetitionRow;
  coHandlers: string[];
}

export interface FixtureOptions {
  /** Units by id with their materialised path. */
  units: { id: string; path: string }[];
  /** Staff who may be handlers, co-handlers or accused. */
  userIds: string[];
  categoryId: string;
  count: number;
  /** Share of cases still open (the rest is history in final states). */
  openShare: number;
  seed: number;
  /** Distinct received dates and due dates (few of them: many ties). */
  receivedDates: string[];
  dueDates: string[];
}

/** One generated case row (not yet inserted). */
export function generateCase(o: FixtureOptions, rnd: () => number, i: number): FixtureCase {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const unit = pick(o.units);
  const open = rnd() < o.openShare;
  const status = open ? pick(OPEN_STATUSES) : pick(FINAL_STATUSES);
  const accusation = rnd() < 0.25;
  const accusedUnit = accusation && rnd() < 0.6 ? pick(o.units).id : null;
  const accusedUser = accusation && (!accusedUnit || rnd() < 0.3) ? pick(o.userIds) : null;
  const handler = rnd() < 0.6 ? pick(o.userIds) : null;
  const coHandlers =
    rnd() < 0.3 ? [...new Set([pick(o.userIds), pick(o.userIds)])].filter((u) => u !== handler) : [];
  const received = pick(o.receivedDates);
  const nextDue = open && rnd() < 0.8 ? pick(o.dueDates) : !open && rnd() < 0.1 ? pick(o.dueDates) : null;
  const id = newId();
  const at = '2026-11-01T00:00:00.000Z';
  return {
    coHandlers,
    row: newPetitionRow({
      id,
      number: `测〔2026〕${o.seed}-${i}`,
      registered_unit_id: unit.id,
      number_year: 2026,
      number_seq: i + 1,
      unit_id: unit.id,
      sender_unit_id: rnd() < 0.3 ? pick(o.units).id : null,
      channel: 'letter',
      classification: accusation ? 'accusation' : rnd() < 0.5 ? 'appeal' : 'suggestion',
      category_id: o.categoryId,
      title: `生成事项${i}`,
      content: '生成的信访内容',
      demands: '',
      people_count: 1,
      received_on: received,
      status,
      query_code_enc: 'x',
      query_code_index: `fixture-${id}`,
      handler_id: handler,
      handling_unit_id: rnd() < 0.3 ? pick(o.units).id : null,
      accused_unit_id: accusedUnit,
      accused_user_id: accusedUser,
      accused_name: accusation ? '某某' : null,
      last_on: received,
      next_due: nextDue,
      next_due_kind: nextDue ? 'handling' : null,
      created_at: at,
      updated_at: at,
    }),
  };
}

/** Inserts one generated case with its co-handlers. */
export async function insertFixtureCase(db: Db, c: FixtureCase): Promise<void> {
  await insertPetition(db, c.row);
  if (c.coHandlers.length) await replaceCoHandlers(db, c.row.id, c.coHandlers);
}

/** Generates and inserts `count` cases; returns them for brute-force comparisons. */
export async function insertFixture(db: Db, o: FixtureOptions): Promise<FixtureCase[]> {
  const rnd = prng(o.seed);
  const out: FixtureCase[] = [];
  for (let i = 0; i < o.count; i++) {
    const c = generateCase(o, rnd, i);
    await insertFixtureCase(db, c);
    out.push(c);
  }
  return out;
}

/** The visibility rule of petitions.md restated in plain code (the SQL must agree with it). */
export function visibleInFixture(
  c: FixtureCase,
  actor: { userId: string; unitPath: string },
  paths: Map<string, string>,
): boolean {
  const r = c.row;
  const under = (unitId: string | null) => !!unitId && (paths.get(unitId) ?? '\0').startsWith(actor.unitPath);
  const reach =
    under(r.unit_id) ||
    under(r.handling_unit_id) ||
    (['transferred', 'objected'].includes(r.status) && under(r.sender_unit_id)) ||
    r.handler_id === actor.userId ||
    c.coHandlers.includes(actor.userId);
  if (!reach) return false;
  if (r.classification !== 'accusation') return true;
  const accusedPath = r.accused_unit_id ? paths.get(r.accused_unit_id) : undefined;
  if (accusedPath && actor.unitPath.startsWith(accusedPath)) return false;
  return r.accused_user_id !== actor.userId;
}

/** The menu counters by brute force over the fixture (clerks and leaders also get `unassigned`). */
export function countersInFixture(
  cases: readonly FixtureCase[],
  actor: { userId: string; unitPath: string; assigns: boolean },
  paths: Map<string, string>,
  today: string,
  soon: string,
) {
  const open = cases.filter(
    (c) => !FINAL_STATUSES.includes(c.row.status) && visibleInFixture(c, actor, paths),
  );
  const due = (c: FixtureCase) => c.row.next_due;
  return {
    myPending: open.filter((c) => c.row.handler_id === actor.userId || c.coHandlers.includes(actor.userId))
      .length,
    dueSoon: open.filter((c) => (due(c) ?? '') >= today && (due(c) ?? '9') <= soon).length,
    overdue: open.filter((c) => due(c) !== null && (due(c) as string) < today).length,
    ...(actor.assigns ? { unassigned: open.filter((c) => c.row.handler_id === null).length } : {}),
  };
}
