import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { getCase } from '../petitions/petitions.test-helper.ts';
import {
  board,
  expectStatus,
  getOwnership,
  handover,
  outcome,
  ownershipWorld,
  patchPlan,
  progress,
  take,
} from './ownership.test-helper.ts';

describeEachDialect('ownership: taking, plan, progress, outcome, handover', (env) => {
  it('a leader takes a case; it shows on the case, its timeline and the audit trail, and nobody else can take it', async () => {
    const w = await ownershipWorld(env());
    const id = await w.newCase();
    const before = expectStatus(await getOwnership(w.clerk.session, id), 200);
    expect(before).toMatchObject({ owned: false, leader: null, abilities: { take: false } });
    expect(expectStatus(await getOwnership(w.leader.session, id), 200).abilities.take).toBe(true);

    const o = expectStatus(await take(w.leader.session, id), 201);
    expect(o).toMatchObject({
      owned: true,
      open: true,
      version: 1,
      leader: { id: w.leader.id, unitName: '东城镇' },
      takenOn: '2026-11-02',
      abilities: { take: false, editPlan: true, addProgress: true, recordOutcome: true, handover: true },
    });
    const again = expectStatus(await take(w.deputy.session, id), 409);
    expect(again.error.code).toBe('conflict');
    expect(again.error.message).toContain('移交');
    expect(expectStatus(await take(w.clerk.session, id), 403).error.code).toBe('forbidden');

    const events = expectStatus(await getCase(w.clerk.session, id), 200).events;
    expect(events.at(-1)).toMatchObject({ action: 'ownership_take', label: '领导包案' });
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('subject_id', '=', id)
      .where('action', '=', 'ownership.take')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after_json ?? '{}').leaderId).toBe(w.leader.id);
  });

  it('a county leader assigns the case to a township leader in scope, never to one who cannot own it', async () => {
    const w = await ownershipWorld(env());
    const id = await w.newCase();
    const other = await w.people(w.t.townB.id, ['leader']);
    const villageLeader = await w.people(w.t.villageA1.id, ['leader']);
    const stranger = expectStatus(await take(w.leader.session, id, other.id), 422);
    expect(stranger.error).toMatchObject({ code: 'invalid_reference', details: { field: 'leaderId' } });
    expect(expectStatus(await take(w.countyLeader.session, id, w.clerk.id), 422).error.message).toContain(
      '不是领导',
    );
    // The village leader is in the county's scope but cannot see a township case.
    expect(
      expectStatus(await take(w.countyLeader.session, id, villageLeader.id), 422).error.message,
    ).toContain('管辖范围');
    const o = expectStatus(await take(w.countyLeader.session, id, w.leader.id), 201);
    expect(o.leader.id).toBe(w.leader.id);
    expect(o.abilities).toMatchObject({ editPlan: false, handover: true });
    const people = expectStatus(
      await w.countyLeader.session.inject({ method: 'GET', url: `/api/v1/petitions/${id}/ownership/people` }),
      200,
    );
    const leaderIds = people.leaders.map((l: { id: string }) => l.id);
    expect(leaderIds).toEqual(expect.arrayContaining([w.leader.id, w.deputy.id, w.countyLeader.id]));
    expect(leaderIds).not.toContain(villageLeader.id);
    expect(leaderIds).not.toContain(other.id);
    expect(people.assignees.map((a: { id: string }) => a.id)).toContain(w.handler.id);
  });

  it('edits the plan at the version read: a stale version is 409, only the owner edits, measures keep their done date', async () => {
    const w = await ownershipWorld(env());
    const id = await w.newCase();
    expectStatus(await take(w.leader.session, id), 201);
    const plan = {
      version: 1,
      demand: '发放征地补偿款',
      policyBasis: '《土地管理法》第四十八条',
      nextContactOn: '2026-11-09',
      measures: [{ text: '核实补偿款发放名册', assigneeId: w.handler.id, dueOn: '2026-11-06' }],
    };
    const o = expectStatus(await patchPlan(w.leader.session, id, plan), 200);
    expect(o.version).toBe(2);
    expect(o.plan).toMatchObject({
      demand: '发放征地补偿款',
      policyBasis: '《土地管理法》第四十八条',
      nextContactOn: '2026-11-09',
      measures: [{ text: '核实补偿款发放名册', assigneeName: expect.any(String), done: false, doneOn: null }],
    });
    const stale = expectStatus(await patchPlan(w.leader.session, id, { ...plan, demand: '另一种说法' }), 409);
    expect(stale.error.code).toBe('version_conflict');
    expect(stale.error.message).toContain('刷新');
    expect(
      expectStatus(await patchPlan(w.deputy.session, id, { version: 2, demand: 'x' }), 403).error.message,
    ).toContain('包案领导');
    const outsider = await w.people(w.t.townB.id, ['handler']);
    const bad = expectStatus(
      await patchPlan(w.leader.session, id, {
        version: 2,
        measures: [{ text: '走访', assigneeId: outsider.id, dueOn: '2026-11-06' }],
      }),
      422,
    );
    expect(bad.error.details).toEqual({ field: 'measures.0.assigneeId' });
    const m = o.plan.measures[0];
    const done = expectStatus(
      await patchPlan(w.leader.session, id, {
        version: 2,
        measures: [
          { ...m, done: true },
          { text: '约谈信访人', assigneeId: w.leader.id, dueOn: '2026-11-20' },
        ],
      }),
      200,
    );
    expect(done.plan.measures).toMatchObject([
      { id: m.id, done: true, doneOn: '2026-11-02' },
      { text: '约谈信访人', done: false },
    ]);
    expect(
      expectStatus(await patchPlan(w.leader.session, id, { version: 3, nextContactOn: '2026-02-30' }), 400)
        .error.code,
    ).toBe('validation_failed');
  });

  it('records progress by the owner or a measure assignee, dated no later than today', async () => {
    const w = await ownershipWorld(env());
    const id = await w.newCase();
    expectStatus(await take(w.leader.session, id), 201);
    const future = expectStatus(
      await progress(w.leader.session, id, { on: '2026-11-03', text: '电话联系' }),
      400,
    );
    expect(future.error.details).toEqual({ field: 'on' });
    const early = expectStatus(
      await progress(w.leader.session, id, { on: '2026-11-01', text: '电话联系' }),
      400,
    );
    expect(early.error.message).toContain('包案日期');
    expect(
      expectStatus(await progress(w.handler.session, id, { on: '2026-11-02', text: '走访' }), 404).error.code,
    ).toBe('not_found');
    const o = expectStatus(
      await progress(w.leader.session, id, { on: '2026-11-02', text: '电话联系信访人，约定面谈' }),
      201,
    );
    expect(o.progress).toMatchObject([{ on: '2026-11-02', text: '电话联系信访人，约定面谈' }]);
    expect(o.lastProgressOn).toBe('2026-11-02');
    expect(
      expectStatus(await progress(w.deputy.session, id, { on: '2026-11-02', text: '旁观' }), 403).error.code,
    ).toBe('forbidden');
    // A co-handler in the township who does a measure may record progress too.
    const staff = await w.people(w.t.townA.id, ['handler']);
    expectStatus(
      await patchPlan(w.leader.session, id, {
        version: 1,
        measures: [{ text: '上门走访', assigneeId: staff.id, dueOn: '2026-11-10' }],
      }),
      200,
    );
    env().clock.advance(1000);
    const byStaff = expectStatus(
      await progress(staff.session, id, { on: '2026-11-02', text: '已上门走访' }),
      201,
    );
    expect(byStaff.progress[0]).toMatchObject({
      text: '已上门走访',
      authorName: expect.stringMatching(/^人员/),
    });
    expect(byStaff.abilities).toMatchObject({ addProgress: true, editPlan: false });
  });

  it('records the outcome once; the ownership then leaves the board and takes no more steps', async () => {
    const w = await ownershipWorld(env());
    const id = await w.newCase();
    expectStatus(await take(w.leader.session, id), 201);
    expect((await board(w.leader.session)).items.map((i) => i.petitionId)).toContain(id);
    const noKind = expectStatus(
      await outcome(w.leader.session, id, {
        version: 1,
        type: 'assisted',
        note: '给予救助',
        on: '2026-11-02',
      }),
      400,
    );
    expect(noKind.error.code).toBe('validation_failed');
    expect(
      expectStatus(
        await outcome(w.deputy.session, id, { version: 1, type: 'resolved', note: 'x', on: '2026-11-02' }),
        403,
      ).error.code,
    ).toBe('forbidden');
    const o = expectStatus(
      await outcome(w.leader.session, id, {
        version: 1,
        type: 'assisted',
        assistanceKind: 'temporary_assistance',
        amount: '2000',
        note: '申请临时救助2000元已发放',
        on: '2026-11-02',
      }),
      201,
    );
    expect(o).toMatchObject({
      open: false,
      outcome: {
        type: 'assisted',
        typeLabel: '生活困难的帮扶救助到位',
        assistanceKind: 'temporary_assistance',
        assistanceKindLabel: '临时救助',
        amount: '2000',
      },
      abilities: { editPlan: false, addProgress: false, recordOutcome: false, handover: false, take: false },
    });
    const twice = expectStatus(
      await outcome(w.leader.session, id, { version: 2, type: 'resolved', note: '再次', on: '2026-11-02' }),
      409,
    );
    expect(twice.error).toMatchObject({ code: 'invalid_transition' });
    expect(twice.error.message).toContain('只能记录一次');
    expect(
      expectStatus(await progress(w.leader.session, id, { on: '2026-11-02', text: 'x' }), 409).error.code,
    ).toBe('invalid_transition');
    expect(expectStatus(await take(w.deputy.session, id), 409).error.code).toBe('conflict');
    expect((await board(w.leader.session)).items.map((i) => i.petitionId)).not.toContain(id);
    const events = expectStatus(await getCase(w.clerk.session, id), 200).events;
    expect(events.at(-1)).toMatchObject({ action: 'ownership_outcome', label: '记录包案结果' });
  });

  it('hands the case over with a reason: the new leader owns the plan, the old one no longer edits it', async () => {
    const w = await ownershipWorld(env());
    const id = await w.newCase();
    expectStatus(await take(w.leader.session, id), 201);
    expect(
      expectStatus(
        await handover(w.leader.session, id, { version: 1, leaderId: w.leader.id, reason: '调整' }),
        400,
      ).error.code,
    ).toBe('validation_failed');
    expect(
      expectStatus(
        await handover(w.deputy.session, id, { version: 1, leaderId: w.deputy.id, reason: '我来' }),
        403,
      ).error.code,
    ).toBe('forbidden');
    const o = expectStatus(
      await handover(w.leader.session, id, {
        version: 1,
        leaderId: w.deputy.id,
        reason: '工作调整，改由分管领导包案',
      }),
      201,
    );
    expect(o).toMatchObject({
      version: 2,
      leader: { id: w.deputy.id },
      handovers: [{ reason: '工作调整，改由分管领导包案' }],
    });
    expect(
      expectStatus(await patchPlan(w.leader.session, id, { version: 2, demand: 'x' }), 403).error.code,
    ).toBe('forbidden');
    expectStatus(await patchPlan(w.deputy.session, id, { version: 2, demand: '诉求' }), 200);
    // A leader of the unit above may hand it over too; a stale version is refused.
    expect(
      expectStatus(
        await handover(w.countyLeader.session, id, { version: 2, leaderId: w.leader.id, reason: '回调' }),
        409,
      ).error.code,
    ).toBe('version_conflict');
    expectStatus(
      await handover(w.countyLeader.session, id, { version: 3, leaderId: w.leader.id, reason: '回调' }),
      201,
    );
    expect((await board(w.deputy.session)).items.map((i) => i.petitionId)).not.toContain(id);
    expect((await board(w.leader.session)).items.map((i) => i.petitionId)).toContain(id);
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', id)
      .where('action', 'like', 'ownership.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'ownership.take',
      'ownership.handover',
      'ownership.plan_update',
      'ownership.handover',
    ]);
  });

  it('takes once for a retried request with the same Idempotency-Key', async () => {
    const w = await ownershipWorld(env());
    const id = await w.newCase();
    const req = {
      method: 'POST' as const,
      url: `/api/v1/petitions/${id}/ownership`,
      headers: { 'idempotency-key': `take-${id}` },
      payload: {},
    };
    const first = await w.leader.session.inject(req);
    const second = await w.leader.session.inject(req);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const events = expectStatus(await getCase(w.clerk.session, id), 200).events;
    expect(events.filter((e: { action: string }) => e.action === 'ownership_take')).toHaveLength(1);
  });
});
