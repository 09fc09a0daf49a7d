import { expect, it } from 'vitest';
import { makeTree, makeUser } from '../../../test/factories.ts';
import { describeEachDialect, login, type TestEnv } from '../../../test/harness.ts';
import type { Role } from '../../platform/http/context.ts';

const ORIGIN = { host: 'localhost:80', origin: 'http://localhost:80' };

async function sessionAs(env: TestEnv, unitId: string, roles: Role[]) {
  const u = await makeUser(env, { unitId, roles });
  return login(env.app, u.username, u.password);
}

/** A township with its people: 组长, 副组长, 办公室主任 and two staff, and a leader's session. */
async function township(env: TestEnv) {
  const t = await makeTree(env);
  const person = (name: string, unitId = t.townA.id) => makeUser(env, { unitId, roles: ['handler'], name });
  const head = await person('陈书记');
  const deputy = await person('林镇长');
  const officeHead = await person('周主任');
  const staff1 = await person('吴干事');
  const staff2 = await person('郑干事', t.villageA1.id);
  const leader = await sessionAs(env, t.townA.id, ['leader']);
  return { t, head, deputy, officeHead, staff1, staff2, leader };
}

function groupBody(p: Awaited<ReturnType<typeof township>>, extra: Record<string, unknown> = {}) {
  return {
    unitId: p.t.townA.id,
    title: '东城镇信访工作领导小组',
    campaign: '全国两会期间',
    members: [
      { userId: p.deputy.id, position: 'deputy' },
      { userId: p.head.id, position: 'head' },
      { userId: p.officeHead.id, position: 'office_head' },
    ],
    workGroups: [
      {
        name: '综合联络调度组',
        duties: '负责信息汇总、上报和联络协调。',
        memberIds: [p.staff1.id, p.officeHead.id],
      },
      { name: '接访组', duties: '负责来访群众接待和登记。', memberIds: [p.staff2.id] },
    ],
    ...extra,
  };
}

describeEachDialect('org: leadership groups', (env) => {
  it('answers 401 to every leadership-group endpoint without a session', async () => {
    const p = await township(env());
    const created = await p.leader.inject({
      method: 'POST',
      url: '/api/v1/leadership-groups',
      payload: groupBody(p),
    });
    const id = created.json().id;
    const calls = [
      { method: 'GET' as const, url: '/api/v1/leadership-groups' },
      { method: 'GET' as const, url: `/api/v1/leadership-groups/${id}` },
      { method: 'POST' as const, url: '/api/v1/leadership-groups', payload: groupBody(p) },
      { method: 'PUT' as const, url: `/api/v1/leadership-groups/${id}`, payload: groupBody(p) },
    ];
    for (const c of calls) {
      const res = await env().app.inject({ ...c, headers: ORIGIN });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(401);
    }
  });

  it('sets up a group with its head first, office and work groups, audited', async () => {
    const p = await township(env());
    const res = await p.leader.inject({
      method: 'POST',
      url: '/api/v1/leadership-groups',
      payload: groupBody(p),
    });
    expect(res.statusCode).toBe(201);
    const g = res.json();
    expect(g).toMatchObject({
      unitId: p.t.townA.id,
      unitName: '东城镇',
      title: '东城镇信访工作领导小组',
      campaign: '全国两会期间',
      members: [
        { userId: p.head.id, name: '陈书记', position: 'head' },
        { userId: p.deputy.id, name: '林镇长', position: 'deputy' },
        { userId: p.officeHead.id, name: '周主任', position: 'office_head' },
      ],
      workGroups: [
        {
          name: '综合联络调度组',
          duties: '负责信息汇总、上报和联络协调。',
          members: expect.arrayContaining([
            { userId: p.staff1.id, name: '吴干事' },
            { userId: p.officeHead.id, name: '周主任' },
          ]),
        },
        { name: '接访组', members: [{ userId: p.staff2.id, name: '郑干事' }] },
      ],
      abilities: { edit: true },
    });
    expect(g.workGroups[0].members).toHaveLength(2);
    const again = await p.leader.inject({ method: 'GET', url: `/api/v1/leadership-groups/${g.id}` });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(g);

    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'leadership_group.create')
      .where('subject_id', '=', g.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after_json ?? '{}').members).toHaveLength(3);
  });

  it('requires exactly one head and each person once (422)', async () => {
    const p = await township(env());
    const post = (payload: unknown) =>
      p.leader.inject({ method: 'POST', url: '/api/v1/leadership-groups', payload: payload as object });
    const noHead = await post(groupBody(p, { members: [{ userId: p.deputy.id, position: 'deputy' }] }));
    expect(noHead.statusCode).toBe(422);
    expect(noHead.json().error.code).toBe('invalid_leadership_group');
    expect(noHead.json().error.message).toContain('组长');
    const twoHeads = await post(
      groupBody(p, {
        members: [
          { userId: p.head.id, position: 'head' },
          { userId: p.deputy.id, position: 'head' },
        ],
      }),
    );
    expect(twoHeads.statusCode).toBe(422);
    expect(twoHeads.json().error.message).toContain('2');
    const twice = await post(
      groupBody(p, {
        members: [
          { userId: p.head.id, position: 'head' },
          { userId: p.head.id, position: 'member' },
        ],
      }),
    );
    expect(twice.statusCode).toBe(422);
    const sameName = await post(
      groupBody(p, {
        workGroups: [
          { name: '接访组', duties: '', memberIds: [] },
          { name: '接访组', duties: '', memberIds: [] },
        ],
      }),
    );
    expect(sameName.statusCode).toBe(422);
  });

  it('names the members who are not users in scope (422 invalid_reference)', async () => {
    const p = await township(env());
    const outsider = await makeUser(env(), { unitId: p.t.townB.id, roles: ['leader'] });
    const res = await p.leader.inject({
      method: 'POST',
      url: '/api/v1/leadership-groups',
      payload: groupBody(p, {
        members: [
          { userId: p.head.id, position: 'head' },
          { userId: outsider.id, position: 'member' },
        ],
        workGroups: [{ name: '应急处置组', duties: '现场处置', memberIds: [p.staff1.id, 'no-such-user'] }],
      }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('invalid_reference');
    expect(res.json().error.message).toContain('members[1].userId');
    expect(res.json().error.message).toContain('workGroups[0].memberIds[1]');
    expect(res.json().error.details.userIds.sort()).toEqual([outsider.id, 'no-such-user'].sort());
  });

  it('rejects bad bodies (400), staff who may not manage groups (403) and units out of scope (404)', async () => {
    const p = await township(env());
    const post = (s: typeof p.leader, payload: unknown) =>
      s.inject({ method: 'POST', url: '/api/v1/leadership-groups', payload: payload as object });
    const bad = [
      groupBody(p, { title: '' }),
      groupBody(p, { members: [] }),
      groupBody(p, { members: [{ userId: p.head.id, position: 'chairman' }] }),
      groupBody(p, { workGroups: [{ name: '', duties: '', memberIds: [] }] }),
      groupBody(p, { unitId: undefined }),
    ];
    for (const payload of bad) {
      const res = await post(p.leader, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const clerk = await sessionAs(env(), p.t.townA.id, ['clerk', 'handler']);
    const forbidden = await post(clerk, groupBody(p));
    expect(forbidden.statusCode).toBe(403);
    const sibling = await sessionAs(env(), p.t.townB.id, ['leader']);
    const hidden = await post(sibling, groupBody(p));
    expect(hidden.statusCode).toBe(404);
  });

  it('creates one group for a retried request with the same Idempotency-Key', async () => {
    const p = await township(env());
    const req = {
      method: 'POST' as const,
      url: '/api/v1/leadership-groups',
      headers: { 'idempotency-key': `group-${p.head.id}` },
      payload: groupBody(p),
    };
    const first = await p.leader.inject(req);
    const second = await p.leader.inject(req);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const list = (
      await p.leader.inject({ method: 'GET', url: `/api/v1/leadership-groups?unitId=${p.t.townA.id}` })
    ).json();
    expect(list.total).toBe(1);
  });

  it('lists groups in scope only: a township sees its villages, siblings never each other', async () => {
    const p = await township(env());
    const townGroup = (
      await p.leader.inject({ method: 'POST', url: '/api/v1/leadership-groups', payload: groupBody(p) })
    ).json();
    const villageLeader = await sessionAs(env(), p.t.villageA1.id, ['leader']);
    const villageGroup = (
      await villageLeader.inject({
        method: 'POST',
        url: '/api/v1/leadership-groups',
        payload: {
          unitId: p.t.villageA1.id,
          title: '东城一村矛盾纠纷排查化解小组',
          members: [{ userId: p.staff2.id, position: 'head' }],
          workGroups: [],
        },
      })
    ).json();
    expect(villageGroup.campaign).toBeNull();

    const ids = async (s: typeof p.leader, qs = '') => {
      const res = await s.inject({ method: 'GET', url: `/api/v1/leadership-groups${qs}` });
      expect(res.statusCode).toBe(200);
      return res.json().items.map((g: { id: string }) => g.id);
    };
    expect((await ids(p.leader)).sort()).toEqual([townGroup.id, villageGroup.id].sort());
    expect(await ids(p.leader, `?unitId=${p.t.villageA1.id}`)).toEqual([villageGroup.id]);
    expect(await ids(villageLeader)).toEqual([villageGroup.id]);
    const sibling = await sessionAs(env(), p.t.townB.id, ['clerk']);
    expect(await ids(sibling)).toEqual([]);
    expect(
      (await sibling.inject({ method: 'GET', url: `/api/v1/leadership-groups/${townGroup.id}` })).statusCode,
    ).toBe(404);
    expect(
      (await villageLeader.inject({ method: 'GET', url: `/api/v1/leadership-groups/${townGroup.id}` }))
        .statusCode,
    ).toBe(404);
    const outOfScope = await sibling.inject({
      method: 'GET',
      url: `/api/v1/leadership-groups?unitId=${p.t.townA.id}`,
    });
    expect(outOfScope.statusCode).toBe(404);
    const badQuery = await sibling.inject({ method: 'GET', url: '/api/v1/leadership-groups?pageSize=0' });
    expect(badQuery.statusCode).toBe(400);
    const badId = await sibling.inject({ method: 'GET', url: '/api/v1/leadership-groups/bad%20id' });
    expect(badId.statusCode).toBe(400);
    const readable = await sessionAs(env(), p.t.townA.id, ['clerk']);
    const shown = await readable.inject({ method: 'GET', url: `/api/v1/leadership-groups/${townGroup.id}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().abilities).toEqual({ edit: false });
  });

  it('replaces members and work groups, keeping a work group sent with its id, audited', async () => {
    const p = await township(env());
    const g = (
      await p.leader.inject({ method: 'POST', url: '/api/v1/leadership-groups', payload: groupBody(p) })
    ).json();
    const kept = g.workGroups[1];
    const res = await p.leader.inject({
      method: 'PUT',
      url: `/api/v1/leadership-groups/${g.id}`,
      payload: {
        title: '东城镇信访维稳工作领导小组',
        campaign: null,
        members: [
          { userId: p.deputy.id, position: 'head' },
          { userId: p.head.id, position: 'member' },
          { userId: p.staff1.id, position: 'office_deputy' },
        ],
        workGroups: [
          {
            id: kept.id,
            name: '接访组',
            duties: '负责接待来访群众。',
            memberIds: [p.staff2.id, p.staff1.id],
          },
          { name: '督导检查组', duties: '督促检查各村落实。', memberIds: [] },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after).toMatchObject({
      id: g.id,
      title: '东城镇信访维稳工作领导小组',
      campaign: null,
      members: [
        { userId: p.deputy.id, position: 'head' },
        { userId: p.head.id, position: 'member' },
        { userId: p.staff1.id, position: 'office_deputy' },
      ],
    });
    expect(after.workGroups.map((w: { name: string }) => w.name)).toEqual(['接访组', '督导检查组']);
    expect(after.workGroups[0].id).toBe(kept.id);
    expect(after.workGroups[0].duties).toBe('负责接待来访群众。');
    expect(after.workGroups[0].members).toHaveLength(2);
    expect(after.workGroups.map((w: { id: string }) => w.id)).not.toContain(g.workGroups[0].id);
    const read = (await p.leader.inject({ method: 'GET', url: `/api/v1/leadership-groups/${g.id}` })).json();
    expect(read).toEqual(after);

    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'leadership_group.update')
      .where('subject_id', '=', g.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.before_json ?? '{}').title).toBe('东城镇信访工作领导小组');
    expect(JSON.parse(audit[0]?.after_json ?? '{}').title).toBe('东城镇信访维稳工作领导小组');
  });

  it('guards replacement: 400, 403, 404 and 422 like creation', async () => {
    const p = await township(env());
    const g = (
      await p.leader.inject({ method: 'POST', url: '/api/v1/leadership-groups', payload: groupBody(p) })
    ).json();
    const { unitId: _unitId, ...body } = groupBody(p);
    const put = (s: typeof p.leader, payload: unknown) =>
      s.inject({ method: 'PUT', url: `/api/v1/leadership-groups/${g.id}`, payload: payload as object });
    expect((await put(p.leader, { ...body, members: 'none' })).statusCode).toBe(400);
    const clerk = await sessionAs(env(), p.t.townA.id, ['clerk']);
    expect((await put(clerk, body)).statusCode).toBe(403);
    const sibling = await sessionAs(env(), p.t.townB.id, ['leader']);
    expect((await put(sibling, body)).statusCode).toBe(404);
    const noHead = await put(p.leader, { ...body, members: [{ userId: p.head.id, position: 'member' }] });
    expect(noHead.statusCode).toBe(422);
    const unchanged = (
      await p.leader.inject({ method: 'GET', url: `/api/v1/leadership-groups/${g.id}` })
    ).json();
    expect(unchanged).toEqual(g);
  });
});
