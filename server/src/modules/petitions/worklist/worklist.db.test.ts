import { expect, it } from 'vitest';
import { describeEachDialect, type Session, type TestEnv } from '../../../../test/harness.ts';
import type { Role } from '../../../platform/http/context.ts';
import { findCategoryByName } from '../petitions.repository.ts';
import { petitionWorld } from '../petitions.test-helper.ts';
import {
  countersInFixture,
  type FixtureCase,
  generateCase,
  insertFixture,
  insertFixtureCase,
  prng,
  visibleInFixture,
} from './worklist.test-fixture.ts';

// The worklist at scale: keyset pages cover every visible case exactly once (ties on the sort
// keys, inserts between pages), the menu counters equal a brute-force count over a generated
// fixture for several actors (an accusation never counted for the accused line), and counters
// agree with the list filters they link to.

const TODAY = '2026-11-02';
const SOON = '2026-11-05';
const RECEIVED = ['2026-10-20', '2026-10-21', '2026-10-21', '2026-10-25', '2026-11-01'];
const DUE = [
  '2026-10-28',
  '2026-11-01',
  '2026-11-02',
  '2026-11-04',
  '2026-11-05',
  '2026-11-06',
  '2026-12-01',
];

async function world(env: TestEnv, count: number, seed: number) {
  const w = await petitionWorld(env);
  const { t } = w;
  const person = async (unitId: string, roles: Role[]) => ({ ...(await w.people(unitId, roles)), unitId });
  const countyLead = await person(t.county.id, ['clerk', 'leader']);
  const townHandler = await person(t.townA.id, ['handler']);
  const villageClerk = await person(t.villageA1.id, ['clerk']);
  const otherTownHandler = await person(t.townB.id, ['handler']);
  const deptHandler = await person(t.dept.id, ['handler']);
  const staff = [countyLead, townHandler, villageClerk, otherTownHandler, deptHandler];
  const units = Object.values(t).map((u) => ({ id: u.id, path: u.path }));
  const paths = new Map(units.map((u) => [u.id, u.path]));
  const category = await findCategoryByName(env.handle.db, '征地拆迁');
  const options = {
    units,
    userIds: staff.map((s) => s.id),
    categoryId: category?.id ?? '',
    count,
    openShare: 0.4,
    seed,
    receivedDates: RECEIVED,
    dueDates: DUE,
  };
  const cases = await insertFixture(env.handle.db, options);
  return {
    w,
    t,
    staff,
    countyLead,
    townHandler,
    villageClerk,
    otherTownHandler,
    deptHandler,
    paths,
    cases,
    options,
  };
}

async function getJson(s: Session, url: string) {
  const res = await s.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Follows nextCursor to the end, returning every id in order. */
async function allByCursor(s: Session, query: string, onPage?: (n: number) => Promise<void>) {
  const ids: string[] = [];
  let after: string | null = null;
  for (let n = 0; n < 200; n++) {
    const page: { items: { id: string }[]; nextCursor?: string; total?: number } = await getJson(
      s,
      `/api/v1/petitions?pageSize=7&count=false&${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
    );
    expect(page.total).toBeUndefined();
    ids.push(...page.items.map((i) => i.id));
    after = page.nextCursor ?? null;
    if (!after) return ids;
    await onPage?.(n);
  }
  throw new Error('did not end');
}

describeEachDialect('worklist: keyset paging, counters, saved filters', (env) => {
  it('pages with a cursor through every visible case exactly once, in order, ties broken by id', async () => {
    const f = await world(env(), 120, 11);
    for (const who of [f.countyLead, f.townHandler]) {
      const actor = { userId: who.id, unitPath: f.paths.get(who.unitId) ?? '' };
      const visible = f.cases.filter((c) => visibleInFixture(c, actor, f.paths)).map((c) => c.row);
      const byReceived = [...visible]
        .sort((a, b) => b.received_on.localeCompare(a.received_on) || b.id.localeCompare(a.id))
        .map((r) => r.id);
      const dueKey = (r: { next_due: string | null }) => r.next_due ?? '9999-12-31';
      const byDue = [...visible]
        .sort((a, b) => dueKey(a).localeCompare(dueKey(b)) || a.id.localeCompare(b.id))
        .map((r) => r.id);
      expect(visible.length).toBeGreaterThan(14);
      expect(await allByCursor(who.session, 'sort=receivedOn')).toEqual(byReceived);
      expect(await allByCursor(who.session, 'sort=nextDue')).toEqual(byDue);
      // page/pageSize keeps working and gives the same order; total is there by default
      const first = await getJson(who.session, '/api/v1/petitions?pageSize=7&page=2&sort=nextDue');
      expect(first.items.map((i: { id: string }) => i.id)).toEqual(byDue.slice(7, 14));
      expect(first.total).toBe(visible.length);
    }
  });

  it('keeps every case that existed once when cases are added between pages', async () => {
    const f = await world(env(), 60, 12);
    const who = f.countyLead;
    const actor = { userId: who.id, unitPath: f.paths.get(who.unitId) ?? '' };
    const before = f.cases.filter((c) => visibleInFixture(c, actor, f.paths)).map((c) => c.row.id);
    const rnd = prng(99);
    const added: FixtureCase[] = [];
    for (const sort of ['receivedOn', 'nextDue']) {
      const seen = await allByCursor(who.session, `sort=${sort}`, async (n) => {
        // one case newer than everything (lands on a page already read) and one with the same keys
        // as the data (may land ahead): neither may push an existing case off or repeat one
        for (const received of ['2026-11-02', RECEIVED[n % RECEIVED.length] as string]) {
          const c = generateCase({ ...f.options, receivedDates: [received] }, rnd, 1000 + added.length);
          c.row.unit_id = f.t.county.id;
          c.row.classification = 'appeal';
          await insertFixtureCase(env().handle.db, c);
          added.push(c);
        }
      });
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) expect(seen).toContain(id);
    }
  });

  it('refuses a damaged cursor or one from the other sort with 400 and a Chinese message', async () => {
    const f = await world(env(), 20, 13);
    const page = await getJson(f.countyLead.session, '/api/v1/petitions?pageSize=2&sort=nextDue');
    expect(page.nextCursor).toEqual(expect.any(String));
    const other = await f.countyLead.session.inject({
      method: 'GET',
      url: `/api/v1/petitions?sort=receivedOn&after=${page.nextCursor}`,
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('另一种排序');
    const bad = await f.countyLead.session.inject({ method: 'GET', url: '/api/v1/petitions?after=garbage' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('after'),
    });
  });

  it('counts the menu counters over open cases exactly like a brute-force count, never for the accused line', async () => {
    const f = await world(env(), 300, 21);
    for (const who of [f.countyLead, f.townHandler, f.villageClerk, f.otherTownHandler, f.deptHandler]) {
      const assigns = who === f.countyLead || who === f.villageClerk;
      const actor = { userId: who.id, unitPath: f.paths.get(who.unitId) ?? '', assigns };
      const expected = countersInFixture(f.cases, actor, f.paths, TODAY, SOON);
      const got = await getJson(who.session, '/api/v1/petitions/counters');
      expect(got).toEqual(expected);
      // each counter is the total of the list it links to
      const total = async (q: string) =>
        (await getJson(who.session, `/api/v1/petitions?open=true&${q}`)).total;
      expect(await total('mine=true')).toBe(got.myPending);
      expect(await total('dueSoon=true')).toBe(got.dueSoon);
      expect(await total('overdue=true')).toBe(got.overdue);
      if (assigns) expect(await total('unassigned=true')).toBe(got.unassigned);
    }
    expect((await getJson(f.countyLead.session, '/api/v1/petitions/counters')).overdue).toBeGreaterThan(0);
  });

  it('does not count an accusation for the accused unit, its subtree or the accused person, even as their own case', async () => {
    const f = await world(env(), 0, 22);
    const base = { ...f.options, count: 1 };
    const rnd = prng(5);
    const make = async (over: Partial<FixtureCase['row']>) => {
      const c = generateCase(base, rnd, Math.floor(rnd() * 1e6));
      Object.assign(c.row, {
        unit_id: f.t.townA.id,
        status: 'assigned',
        classification: 'accusation',
        next_due: '2026-10-30',
        sender_unit_id: null,
        handling_unit_id: null,
        accused_unit_id: null,
        accused_user_id: null,
        ...over,
      });
      c.coHandlers = [];
      await insertFixtureCase(env().handle.db, c);
    };
    // against the village, handled by the village clerk; against the town handler, handled by them
    await make({ accused_unit_id: f.t.villageA1.id, handler_id: f.villageClerk.id });
    await make({ accused_user_id: f.townHandler.id, handler_id: f.townHandler.id });
    const village = await getJson(f.villageClerk.session, '/api/v1/petitions/counters');
    expect(village).toEqual({ myPending: 0, dueSoon: 0, overdue: 0, unassigned: 0 });
    const town = await getJson(f.townHandler.session, '/api/v1/petitions/counters');
    expect(town).toMatchObject({ myPending: 0, overdue: 1 });
    const county = await getJson(f.countyLead.session, '/api/v1/petitions/counters');
    expect(county).toMatchObject({ overdue: 2 });
  });

  it('saves, lists and deletes filters of one user only, each checked against the list query', async () => {
    const f = await world(env(), 0, 31);
    const a = f.townHandler.session;
    const b = f.otherTownHandler.session;
    const save = (s: Session, payload: object) =>
      s.inject({ method: 'POST', url: '/api/v1/saved-filters', payload });
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/saved-filters' })).statusCode).toBe(401);

    const created = await save(a, {
      name: '我的超期',
      query: { mine: 'true', overdue: 'true', sort: 'nextDue', q: '' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const filter = created.json();
    expect(filter).toMatchObject({
      name: '我的超期',
      query: { mine: 'true', overdue: 'true', sort: 'nextDue' },
    });
    expect(filter.query).not.toHaveProperty('q');

    const bad = await save(a, { name: '坏的', query: { status: 'lost' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('status');
    const foreign = await save(a, { name: '翻页', query: { page: '2' } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toContain('page');
    expect((await save(a, { name: '', query: {} })).statusCode).toBe(400);
    const dup = await save(a, { name: '我的超期', query: {} });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('我的超期');

    expect((await getJson(a, '/api/v1/saved-filters')).items.map((i: { id: string }) => i.id)).toEqual([
      filter.id,
    ]);
    expect((await getJson(b, '/api/v1/saved-filters')).items).toEqual([]);
    // the same name is free for another user; another's filter does not exist for b
    expect((await save(b, { name: '我的超期', query: { open: 'true' } })).statusCode).toBe(201);
    expect((await b.inject({ method: 'DELETE', url: `/api/v1/saved-filters/${filter.id}` })).statusCode).toBe(
      404,
    );
    expect((await getJson(a, '/api/v1/saved-filters')).total).toBe(1);

    expect((await a.inject({ method: 'DELETE', url: `/api/v1/saved-filters/${filter.id}` })).statusCode).toBe(
      204,
    );
    expect((await getJson(a, '/api/v1/saved-filters')).items).toEqual([]);
    expect((await getJson(b, '/api/v1/saved-filters')).total).toBe(1);
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', filter.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['saved_filter.create', 'saved_filter.delete']);
  });

  it('documents the routes in OpenAPI and keeps saved filters from roles that do not read petitions', async () => {
    const f = await world(env(), 0, 32);
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/petitions/counters',
        '/api/v1/saved-filters',
        '/api/v1/saved-filters/{id}',
      ]),
    );
    const listParams = doc.paths['/api/v1/petitions'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).toEqual(expect.arrayContaining(['after', 'count', 'open', 'dueSoon', 'unassigned']));
    const auditor = await f.w.people(f.t.county.id, ['auditor']);
    const res = await auditor.session.inject({
      method: 'POST',
      url: '/api/v1/saved-filters',
      payload: { name: 'x', query: {} },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('不能保存筛选');
    expect(await getJson(auditor.session, '/api/v1/petitions/counters')).toEqual({
      myPending: 0,
      dueSoon: 0,
      overdue: 0,
    });
  });
});
