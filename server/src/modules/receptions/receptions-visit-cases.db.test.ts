import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { getCase, letter, register } from '../petitions/petitions.test-helper.ts';
import { receptionWorld } from './receptions.test-helper.ts';

// Issue 5 item 4: a walk-in or group visit creates or joins a case, the required leader follows
// the unit's (or its ancestor's) rules and the leadership group, and the log says who received it.

/** The petition part of a visit: the POST /api/v1/petitions body without channel and unit. */
function walkIn(over: Record<string, unknown> = {}) {
  const { channel: _c, unitId: _u, receivedOn: _r, ...body } = letter('x', over);
  return body;
}

describeEachDialect('visits that create or join a case', (env) => {
  it('registers a new case with the visit in one transaction, with its query code and a timeline entry', async () => {
    const w = await receptionWorld(env());
    const res = await w.clerk.session.inject({
      method: 'POST',
      url: '/api/v1/receptions',
      payload: {
        unitId: w.t.townA.id,
        on: '2026-11-02',
        peopleCount: 3,
        leaderId: w.leader.id,
        staffIds: [w.clerk.id],
        note: '三人来访反映征地补偿',
        petition: walkIn({ peopleCount: undefined }),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const visit = res.json();
    expect(visit.createdPetition).toMatchObject({ id: expect.any(String), queryCode: expect.any(String) });
    expect(visit.petitionId).toBe(visit.createdPetition.id);
    expect(visit.receivedAt).toBe('2026-11-02T02:00:00.000Z');
    expect(visit.staff).toEqual([{ userId: w.clerk.id, name: expect.any(String), unitId: w.t.townA.id }]);
    const c = (await getCase(w.clerk.session, visit.petitionId)).json();
    expect(c.channel).toBe('visit');
    expect(c.peopleCount).toBe(3);
    expect(c.receivedOn).toBe('2026-11-02');
    const entry = c.events.find((e: { action: string }) => e.action === 'reception');
    expect(entry.note).toContain('来访：3人');
    expect(entry.note).toContain('接待领导：');

    // A broken petition body rolls the whole visit back: no reception row without its case.
    const before = await env().handle.db.selectFrom('receptions').select('id').execute();
    const bad = await w.clerk.session.inject({
      method: 'POST',
      url: '/api/v1/receptions',
      payload: {
        unitId: w.t.townA.id,
        on: '2026-11-02',
        peopleCount: 1,
        note: '',
        petition: walkIn({ category: '不存在的类别' }),
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(await env().handle.db.selectFrom('receptions').select('id').execute()).toHaveLength(before.length);
  });

  it('joins a visible case with a timeline entry, and answers 404 for a case the clerk cannot see', async () => {
    const w = await receptionWorld(env());
    const petition = await register(w.clerk.session, letter(w.t.townA.id));
    const res = await w.clerk.session.inject({
      method: 'POST',
      url: '/api/v1/receptions',
      payload: {
        unitId: w.t.townA.id,
        on: '2026-11-02',
        peopleCount: 6,
        petitionId: petition.id,
        note: '再次来访',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().createdPetition).toBeUndefined();
    const c = (await getCase(w.clerk.session, petition.id)).json();
    const entry = c.events.find((e: { action: string }) => e.action === 'reception');
    expect(entry.note).toBe('来访：6人，接待领导：未记录，应由分管领导接待。再次来访');

    const outside = await w.people(w.t.townB.id, ['clerk']);
    const hidden = await register(outside.session, letter(w.t.townB.id));
    const refused = await w.clerk.session.inject({
      method: 'POST',
      url: '/api/v1/receptions',
      payload: { unitId: w.t.townA.id, on: '2026-11-02', peopleCount: 1, petitionId: hidden.id, note: '' },
    });
    expect(refused.statusCode).toBe(404);
    const both = await w.clerk.session.inject({
      method: 'POST',
      url: '/api/v1/receptions',
      payload: {
        unitId: w.t.townA.id,
        on: '2026-11-02',
        peopleCount: 1,
        petitionId: petition.id,
        petition: walkIn(),
        note: '',
      },
    });
    expect(both.statusCode).toBe(400);
    const admin = await w.people(w.t.townA.id, ['unit_admin']);
    const noRegister = await admin.session.inject({
      method: 'POST',
      url: '/api/v1/receptions',
      payload: { unitId: w.t.townA.id, on: '2026-11-02', peopleCount: 1, note: '', petition: walkIn() },
    });
    expect(noRegister.statusCode).toBe(403);
  });

  it('takes the group-size rules from the nearest unit that has them and names the leader of the leadership group', async () => {
    const w = await receptionWorld(env());
    const countyAdmin = await w.people(w.t.county.id, ['unit_admin']);
    const principal = await w.people(w.t.townA.id, ['leader']);
    const rules = (unitId: string) =>
      countyAdmin.session.inject({ method: 'GET', url: `/api/v1/units/${unitId}/reception-rules` });
    expect((await rules(w.t.townA.id)).json()).toMatchObject({
      principalFrom: 20,
      deputyFrom: 5,
      source: 'default',
      abilities: { edit: true },
    });

    const put = await countyAdmin.session.inject({
      method: 'PUT',
      url: `/api/v1/units/${w.t.county.id}/reception-rules`,
      payload: { principalFrom: 10, deputyFrom: 3 },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await rules(w.t.villageA1.id)).json()).toMatchObject({
      principalFrom: 10,
      deputyFrom: 3,
      source: 'inherited',
      fromUnitId: w.t.county.id,
    });
    const wrong = await countyAdmin.session.inject({
      method: 'PUT',
      url: `/api/v1/units/${w.t.townA.id}/reception-rules`,
      payload: { principalFrom: 3, deputyFrom: 3 },
    });
    expect(wrong.statusCode).toBe(400);
    expect(
      (
        await w.clerk.session.inject({
          method: 'PUT',
          url: `/api/v1/units/${w.t.townA.id}/reception-rules`,
          payload: { principalFrom: 30, deputyFrom: 10 },
        })
      ).statusCode,
    ).toBe(403);
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'reception.rules_update')
      .where('subject_id', '=', w.t.county.id)
      .execute();
    expect(audit).toHaveLength(1);

    // 东城镇's leadership group: the head is the principal, the deputy receives 3–9 people.
    const db = env().handle.db;
    const groupId = newId();
    await db
      .insertInto('leadership_groups')
      .values({
        id: groupId,
        unit_id: w.t.townA.id,
        title: '信访工作领导小组',
        campaign: null,
        created_at: '2026-11-01T00:00:00.000Z',
      })
      .execute();
    await db
      .insertInto('leadership_group_members')
      .values([
        { group_id: groupId, user_id: principal.id, position: 'head' },
        { group_id: groupId, user_id: w.leader.id, position: 'deputy' },
      ])
      .execute();
    const visit = (peopleCount: number) =>
      w.clerk.session.inject({
        method: 'POST',
        url: '/api/v1/receptions',
        payload: { unitId: w.t.townA.id, on: '2026-11-02', peopleCount, leaderId: principal.id, note: '' },
      });
    const big = (await visit(12)).json();
    expect(big.requiredLeaderLevel).toBe('principal');
    expect(big.requiredLeader).toEqual({ userId: principal.id, name: expect.any(String) });
    expect(big.leaderId).toBe(principal.id);
    const mid = (await visit(4)).json();
    expect(mid.requiredLeaderLevel).toBe('deputy');
    expect(mid.requiredLeader.userId).toBe(w.leader.id);
    expect((await visit(2)).json().requiredLeaderLevel).toBe('none');
    const preview = await w.clerk.session.inject({
      method: 'GET',
      url: `/api/v1/units/${w.t.townA.id}/required-leader?peopleCount=10`,
    });
    expect(preview.json()).toMatchObject({
      level: 'principal',
      leader: { userId: principal.id },
      principalFrom: 10,
    });

    // A unit's own rules win over the inherited ones.
    await countyAdmin.session.inject({
      method: 'PUT',
      url: `/api/v1/units/${w.t.townA.id}/reception-rules`,
      payload: { principalFrom: 50, deputyFrom: 20 },
    });
    expect((await rules(w.t.townA.id)).json().source).toBe('own');
    expect((await visit(12)).json().requiredLeaderLevel).toBe('none');
  });

  it("names the case's owning leader for a visit joining an owned case, whatever the group size", async () => {
    const w = await receptionWorld(env());
    const owner = await w.people(w.t.townA.id, ['leader']);
    const petition = await register(w.clerk.session, letter(w.t.townA.id));
    const took = await owner.session.inject({
      method: 'POST',
      url: `/api/v1/petitions/${petition.id}/ownership`,
      payload: {},
    });
    expect(took.statusCode, took.body).toBe(201);
    const visit = (peopleCount: number, petitionId?: string) =>
      w.clerk.session.inject({
        method: 'POST',
        url: '/api/v1/receptions',
        payload: { unitId: w.t.townA.id, on: '2026-11-02', peopleCount, petitionId, note: '' },
      });
    for (const n of [1, 25]) {
      const res = (await visit(n, petition.id)).json();
      expect(res.requiredLeaderLevel).toBe('owner');
      expect(res.requiredLeader).toEqual({ userId: owner.id, name: expect.any(String) });
    }
    expect((await visit(25)).json().requiredLeaderLevel).toBe('principal');
    const preview = await w.clerk.session.inject({
      method: 'GET',
      url: `/api/v1/units/${w.t.townA.id}/required-leader?peopleCount=30&petitionId=${petition.id}`,
    });
    expect(preview.json()).toMatchObject({ level: 'owner', leader: { userId: owner.id } });
    const c = (await getCase(w.clerk.session, petition.id)).json();
    const entries = c.events.filter((e: { action: string }) => e.action === 'reception');
    expect(entries[0].note).toContain('应由包案领导接待');
  });

  it('records when the leader received the visitors and filters the log by leader and dates', async () => {
    const w = await receptionWorld(env());
    const other = await w.people(w.t.townA.id, ['leader']);
    const post = (body: Record<string, unknown>) =>
      w.clerk.session.inject({
        method: 'POST',
        url: '/api/v1/receptions',
        payload: { unitId: w.t.townA.id, peopleCount: 1, note: '', ...body },
      });
    const early = await post({
      on: '2026-10-30',
      leaderId: w.leader.id,
      receivedAt: '2026-10-30T09:30:00+08:00',
    });
    expect(early.statusCode, early.body).toBe(201);
    expect(early.json().receivedAt).toBe('2026-10-30T01:30:00.000Z');
    const wrongDay = await post({ on: '2026-10-30', receivedAt: '2026-10-31T09:30:00+08:00' });
    expect(wrongDay.statusCode).toBe(400);
    expect(wrongDay.json().error.details.field).toBe('receivedAt');
    await post({ on: '2026-11-01', leaderId: other.id });
    await post({ on: '2026-11-02', leaderId: w.leader.id });
    const list = async (q: string) =>
      (
        await w.clerk.session.inject({ method: 'GET', url: `/api/v1/receptions?unitId=${w.t.townA.id}&${q}` })
      ).json();
    const byLeader = await list(`leaderId=${w.leader.id}`);
    expect(byLeader.items.map((r: { on: string }) => r.on)).toEqual(['2026-11-02', '2026-10-30']);
    expect(byLeader.items[0].leaderName).toBeTruthy();
    const range = await list('from=2026-10-31&to=2026-11-01');
    expect(range.items.map((r: { leaderId: string }) => r.leaderId)).toEqual([other.id]);
    const staffOutside = await w.people(w.t.townB.id, ['clerk']);
    const badStaff = await post({ on: '2026-11-02', staffIds: [staffOutside.id] });
    expect(badStaff.statusCode).toBe(422);
  });
});
