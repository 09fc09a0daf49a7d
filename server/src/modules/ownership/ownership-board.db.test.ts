import { expect, it } from 'vitest';
import { makeUser } from '../../../test/factories.ts';
import { describeEachDialect, login, TEST_NOW } from '../../../test/harness.ts';
import { letter, register } from '../petitions/petitions.test-helper.ts';
import {
  board,
  expectStatus,
  getOwnership,
  ownershipWorld,
  patchPlan,
  progress,
  take,
} from './ownership.test-helper.ts';

describeEachDialect('ownership: the board and confidentiality', (env) => {
  it('never shows an accusation against the leader’s own unit, on the board or by id, nor lets it be given to that unit', async () => {
    const w = await ownershipWorld(env());
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    const accusation = await register(
      countyClerk.session,
      letter(w.t.county.id, {
        classification: 'accusation',
        title: '检举镇干部截留补偿款',
        accused: { unitId: w.t.townA.id, name: '东城镇政府' },
        petitioners: [{ name: '检举人乙', idNumber: '330102197001015678' }],
      }),
    );
    const refused = expectStatus(await take(w.countyLeader.session, accusation.id, w.leader.id), 422);
    expect(refused.error.code).toBe('confidential_routing');
    const people = expectStatus(
      await w.countyLeader.session.inject({
        method: 'GET',
        url: `/api/v1/petitions/${accusation.id}/ownership/people`,
      }),
      200,
    );
    const names = [...people.leaders, ...people.assignees].map((p: { id: string }) => p.id);
    expect(names).not.toContain(w.leader.id);
    expect(names).not.toContain(w.handler.id);
    expect(names).toContain(w.countyLeader.id);
    expect(expectStatus(await getOwnership(w.leader.session, accusation.id), 404).error.code).toBe(
      'not_found',
    );
    expect(expectStatus(await take(w.leader.session, accusation.id), 404).error.code).toBe('not_found');

    // Even if the accused unit's leader were recorded as its owner, their board would not show it.
    const now = env().clock.now().toISOString();
    await env()
      .handle.db.insertInto('ownerships')
      .values({
        petition_id: accusation.id,
        leader_id: w.leader.id,
        open: 1,
        version: 1,
        demand: '',
        policy_basis: '',
        next_contact_on: null,
        last_progress_on: null,
        outcome_type: null,
        outcome_assistance_kind: null,
        outcome_amount: null,
        outcome_note: null,
        outcome_on: null,
        outcome_by: null,
        taken_on: '2026-11-02',
        taken_by: w.countyLeader.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const own = await w.newCase({ title: '村道损坏无人修' });
    expectStatus(await take(w.leader.session, own), 201);
    const mine = await board(w.leader.session);
    expect(mine.items.map((i) => i.petitionId)).toEqual([own]);
    const seenAbove = await board(w.countyLeader.session, w.leader.id);
    expect(seenAbove.items.map((i) => i.petitionId).sort()).toEqual([accusation.id, own].sort());
  });

  it('flags stale cases: a passed contact date, an overdue measure, then 14 days without progress', async () => {
    const w = await ownershipWorld(env());
    const clock = env().clock;
    // Sessions expire when the clock jumps days ahead: log in again after each jump.
    const later = async (iso: string) => {
      clock.set(iso);
      return login(env().app, w.leader.username, w.leader.password);
    };
    try {
      const id = await w.newCase();
      const quiet = await w.newCase({ title: '无人跟进的事项' });
      expectStatus(await take(w.leader.session, id), 201);
      expectStatus(await take(w.leader.session, quiet), 201);
      const plan = expectStatus(
        await patchPlan(w.leader.session, id, {
          version: 1,
          nextContactOn: '2026-11-05',
          measures: [{ text: '核实名册', assigneeId: w.leader.id, dueOn: '2026-11-04' }],
        }),
        200,
      );
      let items = (await board(w.leader.session)).items;
      expect(items.find((i) => i.petitionId === id)).toMatchObject({ stale: false, staleReason: null });

      let s = await later('2026-11-06T02:00:00.000Z');
      items = (await board(s)).items;
      expect(items.find((i) => i.petitionId === id)).toMatchObject({
        stale: true,
        overdueMeasures: 1,
        staleReason: '下次联系日期（2026-11-05）已过；1项措施已超期未完成',
      });

      expectStatus(await progress(s, id, { on: '2026-11-06', text: '已面谈，名册核实完毕' }), 201);
      expectStatus(
        await patchPlan(s, id, {
          version: 2,
          nextContactOn: '2026-11-30',
          measures: [{ ...plan.plan.measures[0], done: true }],
        }),
        200,
      );
      items = (await board(s)).items;
      expect(items.find((i) => i.petitionId === id)).toMatchObject({
        stale: false,
        lastProgressOn: '2026-11-06',
        overdueMeasures: 0,
      });

      s = await later('2026-11-20T02:00:00.000Z');
      items = (await board(s)).items;
      // Both stale now, ordered by the next contact date (none last); the case never followed up
      // counts from the day it was taken.
      expect(items.map((i) => [i.petitionId, i.staleReason])).toEqual([
        [id, '已14天没有进展记录'],
        [quiet, '包案18天以来没有进展记录'],
      ]);
    } finally {
      clock.set(TEST_NOW);
    }
  });

  it('shows another leader’s board only within scope, and no board to roles that do not read cases', async () => {
    const w = await ownershipWorld(env());
    const other = await w.people(w.t.townB.id, ['leader']);
    const res = await w.leader.session.inject({
      method: 'GET',
      url: `/api/v1/ownership/board?leaderId=${other.id}`,
    });
    expect(expectStatus(res, 404).error.code).toBe('not_found');
    const admin = await makeUser(env(), { unitId: w.t.county.id, roles: ['sysadmin'] });
    const s = await login(env().app, admin.username, admin.password);
    expect(
      expectStatus(await s.inject({ method: 'GET', url: '/api/v1/ownership/board' }), 403).error.code,
    ).toBe('forbidden');
    const bad = await w.leader.session.inject({ method: 'GET', url: '/api/v1/ownership/board?leaderId=%20' });
    expect(bad.statusCode).toBe(400);
  });
});
