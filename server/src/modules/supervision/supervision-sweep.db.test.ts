import { afterEach, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW, type TestEnv } from '../../../test/harness.ts';
import { supervisionWorld, sweep } from './supervision.test-helper.ts';

/** The notifications a user has, oldest first. */
function notificationsOf(e: TestEnv, userId: string) {
  return e.handle.db
    .selectFrom('notifications')
    .selectAll()
    .where('recipient_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

function noticesOf(e: TestEnv, petitionId: string) {
  return e.handle.db
    .selectFrom('supervision_notices')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .orderBy('step')
    .execute();
}

async function addEndpoint(e: TestEnv, unitId: string, kind = 'dingtalk') {
  const id = `hook-${unitId}-${kind}`;
  const now = e.clock.now().toISOString();
  await e.handle.db
    .insertInto('webhook_endpoints')
    .values({
      id,
      unit_id: unitId,
      kind,
      name: `${kind}群`,
      url: 'http://127.0.0.1:9/robot',
      secret_enc: null,
      active: 1,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

function outboxOf(e: TestEnv, endpointId: string) {
  return e.handle.db
    .selectFrom('notify_outbox')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at')
    .execute();
}

describeEachDialect('supervision sweep', (env) => {
  afterEach(() => env().clock.set(TEST_NOW));

  it('reminds the unit clerks once per deadline when a case is due within 3 days, and its robots once', async () => {
    const e = env();
    const w = await supervisionWorld(e);
    const hook = await addEndpoint(e, w.t.townA.id);
    const soon = await w.registerAt('2026-10-19'); // acceptance due 2026-11-03
    const later = await w.registerAt('2026-10-30'); // due 2026-11-16: outside the window

    const first = await sweep(e);
    const second = await sweep(e);
    expect(first.reminded).toContain(soon.id);
    expect(first.reminded).not.toContain(later.id);
    expect(second.reminded).not.toContain(soon.id);

    const mine = (await notificationsOf(e, w.clerk.id)).filter((n) => n.subject_id === soon.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: 'deadline.reminder',
      title: `期限提醒：${soon.number}`,
      link: `/petitions/${soon.id}`,
    });
    expect(mine[0]!.body).toContain('2026-11-03');
    expect((await notificationsOf(e, w.clerk.id)).some((n) => n.subject_id === later.id)).toBe(false);
    // A leader is no clerk: reminders go to whoever handles the case.
    expect((await notificationsOf(e, w.leader.id)).some((n) => n.subject_id === soon.id)).toBe(false);

    const hooks = await outboxOf(e, hook);
    expect(hooks.map((h) => h.dedup_key)).toEqual([
      `webhook:reminder:${soon.id}:acceptance:2026-11-03:${hook}`,
    ]);
  });

  it('takes the reminder window from the unit settings (nearest ancestor, else global, else 3 days)', async () => {
    const e = env();
    const w = await supervisionWorld(e);
    const later = await w.registerAt('2026-10-30'); // due 2026-11-16, 14 days ahead
    await e.handle.db
      .insertInto('supervision_settings')
      .values({
        unit_id: w.t.county.id,
        remind_days: 14,
        reply_working_days: 5,
        updated_by: null,
        updated_at: TEST_NOW,
      })
      .execute();
    expect((await sweep(e)).reminded).toContain(later.id);
  });

  it('raises a supervision notice to the responsible leader once when a case is overdue, from the unit above', async () => {
    const e = env();
    const w = await supervisionWorld(e);
    const countyHook = await addEndpoint(e, w.t.county.id, 'wecom');
    const late = await w.registerAt('2026-10-01'); // acceptance due 2026-10-16: overdue
    await sweep(e);
    await sweep(e);
    const notices = await noticesOf(e, late.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      level: 'supervise',
      step: 0,
      status: 'open',
      issued_to: w.leader.id,
      responsible_unit_id: w.t.townA.id,
      issuing_unit_id: w.t.county.id,
      deadline_kind: 'acceptance',
      deadline_due: '2026-10-16',
      // 5 working days after Monday 2026-11-02.
      reply_due: '2026-11-09',
    });
    expect(notices[0]!.number).toMatch(/^督〔2026〕\d+号$/);
    const leaderNote = (await notificationsOf(e, w.leader.id)).filter((n) => n.subject_id === notices[0]!.id);
    expect(leaderNote).toHaveLength(1);
    expect(leaderNote[0]!.title).toBe(`督办：${late.number}`);
    expect(
      (await notificationsOf(e, w.supervisor.id)).filter((n) => n.subject_id === notices[0]!.id),
    ).toHaveLength(1);
    expect((await outboxOf(e, countyHook)).filter((o) => o.dedup_key.includes(notices[0]!.id))).toHaveLength(
      1,
    );
  });

  it('issues the notice of an owned case (领导包案) to its owning leader', async () => {
    const e = env();
    const w = await supervisionWorld(e);
    const late = await w.registerAt('2026-10-05');
    const take = await w.countyLeader.session.inject({
      method: 'POST',
      url: `/api/v1/petitions/${late.id}/ownership`,
      payload: {},
    });
    expect(take.statusCode, take.body).toBeLessThan(300);
    await sweep(e);
    const [notice] = await noticesOf(e, late.id);
    expect(notice!.issued_to).toBe(w.countyLeader.id);
  });

  it('escalates an unanswered notice up the ladder with the clock: 约谈, 通报, 挂牌督办, then stops', async () => {
    const e = env();
    const w = await supervisionWorld(e);
    const late = await w.registerAt('2026-10-02');
    await sweep(e);
    e.clock.set('2026-11-09T02:00:00.000Z'); // the reply date itself: not yet overdue
    await sweep(e);
    expect((await noticesOf(e, late.id)).map((n) => n.status)).toEqual(['open']);

    e.clock.set('2026-11-10T02:00:00.000Z');
    await sweep(e);
    await sweep(e);
    let steps = await noticesOf(e, late.id);
    expect(steps.map((n) => [n.level, n.status])).toEqual([
      ['supervise', 'escalated'],
      ['interview', 'open'],
    ]);
    expect(steps[1]).toMatchObject({
      root_id: steps[0]!.id,
      escalated_from_id: steps[0]!.id,
      issued_to: w.leader.id,
      reply_due: '2026-11-13',
    });
    expect((await notificationsOf(e, w.leader.id)).some((n) => n.title === `约谈：${late.number}`)).toBe(
      true,
    );

    e.clock.set('2026-11-16T02:00:00.000Z');
    await sweep(e);
    e.clock.set('2026-12-01T02:00:00.000Z');
    await sweep(e);
    e.clock.set('2026-12-31T02:00:00.000Z');
    await sweep(e);
    steps = await noticesOf(e, late.id);
    expect(steps.map((n) => [n.level, n.status])).toEqual([
      ['supervise', 'escalated'],
      ['interview', 'escalated'],
      ['public_notice', 'escalated'],
      ['listed', 'open'],
    ]);
    expect(steps.map((n) => n.issuing_unit_id)).toEqual([
      w.t.county.id,
      w.t.county.id,
      w.t.county.id,
      w.t.county.id,
    ]);
  });

  it('never tells the accused person or the accused unit line about an accusation', async () => {
    const e = env();
    const w = await supervisionWorld(e);
    const accused = await w.people(w.t.townA.id, ['clerk', 'leader']);
    const villageClerk = await w.people(w.t.villageA1.id, ['clerk', 'leader']);
    const townHook = await addEndpoint(e, w.t.townA.id, 'wecom');
    const villageHook = await addEndpoint(e, w.t.villageA1.id, 'wecom');
    const countyHook = await addEndpoint(e, w.t.county.id);
    const body = { classification: 'accusation', accused: { unitId: w.t.villageA1.id, userId: accused.id } };
    const soon = await w.registerAt('2026-10-19', body);
    const late = await w.registerAt('2026-10-03', body);
    await sweep(e);

    for (const who of [accused, villageClerk]) {
      const got = await notificationsOf(e, who.id);
      expect(
        got.filter(
          (n) =>
            [soon.id, late.id].includes(n.subject_id ?? '') ||
            n.body.includes(late.number) ||
            n.body.includes(soon.number),
        ),
      ).toEqual([]);
    }
    // The other town clerk is reminded; the notice goes to the town's leader who is not accused.
    expect((await notificationsOf(e, w.clerk.id)).filter((n) => n.subject_id === soon.id)).toHaveLength(1);
    const [notice] = await noticesOf(e, late.id);
    expect(notice!.issued_to).toBe(w.leader.id);
    // The accused person works in the town: its group robot hears nothing; the village is accused.
    for (const hook of [townHook, villageHook]) {
      expect(
        (await outboxOf(e, hook)).filter(
          (o) => o.dedup_key.includes(soon.id) || o.dedup_key.includes(notice!.id),
        ),
      ).toEqual([]);
    }
    expect((await outboxOf(e, countyHook)).filter((o) => o.dedup_key.includes(notice!.id))).toHaveLength(1);
  });
});
