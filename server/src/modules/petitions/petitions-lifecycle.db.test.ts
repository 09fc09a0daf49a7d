import { expect, it } from 'vitest';
import { describeEachDialect, login, type TestEnv } from '../../../test/harness.ts';
import { runDueJobs } from '../../platform/jobs/queue.ts';
import { act, actOk, getCase, letter, petitionWorld, register } from './petitions.test-helper.ts';
import { requestReview } from './use-cases/request-review.ts';

const NOW = '2026-11-02T02:00:00.000Z';

describeEachDialect('petitions: lifecycle', (env) => {
  it('runs a letter through acceptance, assignment, answer, review request and the review at the parent unit', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const handler = await w.people(w.t.townA.id, ['handler']);
    const countyLeader = await w.people(w.t.county.id, ['leader']);
    const { id } = await register(clerk.session, letter(w.t.townA.id, { receivedOn: '2026-10-20' }));

    let c = (await getCase(clerk.session, id)).json();
    expect(c.abilities).toMatchObject({
      accept: true,
      transfer: true,
      assign: false,
      answer: false,
      review: false,
    });
    c = await actOk(clerk.session, id, { action: 'accept', on: '2026-10-21' });
    expect(c.status).toBe('accepted');
    expect(c.deadlines.find((d: { kind: string }) => d.kind === 'acceptance')).toMatchObject({
      status: 'met',
      metOn: '2026-10-21',
    });
    const handling = c.deadlines.find((d: { kind: string }) => d.kind === 'handling');
    expect(handling).toMatchObject({ ruleId: 'handling', status: 'open', start: '2026-10-21' });
    expect(handling.rule).toContain('60个自然日');

    c = await actOk(clerk.session, id, {
      action: 'assign',
      handlerId: handler.id,
      opinion: '请核实补偿款发放情况并答复。',
      instruction: '请于月底前办结。',
    });
    expect(c).toMatchObject({ status: 'assigned', handlerId: handler.id, handlingUnitId: w.t.townA.id });
    expect(c.coHandlers).toEqual([{ userId: handler.id, name: expect.any(String), role: 'lead' }]);

    const mine = (await getCase(handler.session, id)).json();
    expect(mine.abilities).toMatchObject({ answer: true, start: true, accept: false, assign: false });
    c = await actOk(handler.session, id, {
      action: 'answer',
      decision: 'support',
      text: '经核实，补偿款将于11月底前发放到户。',
      facts: '补偿款因账户信息错误未能发放。',
      legalBasis: '《土地管理法》第四十八条',
    });
    expect(c.status).toBe('answered');
    expect(c.answer).toMatchObject({
      on: '2026-11-02',
      decision: 'support',
      unitId: w.t.townA.id,
      reviewUnitName: '测试县',
      reviewRequestDue: '2026-12-02',
    });
    expect(c.answer.reviewNotice).toContain('2026-12-02');
    expect(c.answer.reviewNotice).toContain('测试县');

    c = await actOk(clerk.session, id, { action: 'request_review', reason: '补偿标准过低，不服处理意见。' });
    expect(c.status).toBe('review_requested');
    expect(c.review).toMatchObject({ unitId: w.t.county.id, unitName: '测试县', on: null });
    expect(c.deadlines.find((d: { kind: string }) => d.kind === 'review')).toMatchObject({
      due: '2026-12-02',
      status: 'open',
    });
    // The unit that answered does not review its own answer.
    const own = await act(clerk.session, id, { action: 'review', decision: 'upheld', text: '维持。' });
    expect(own.statusCode).toBe(403);
    const countyView = (await getCase(countyLeader.session, id)).json();
    expect(countyView.abilities.review).toBe(true);
    c = await actOk(countyLeader.session, id, {
      action: 'review',
      decision: 'upheld',
      text: '经复查，原处理意见认定事实清楚，予以维持。',
    });
    expect(c.status).toBe('reviewed');
    expect(c.review).toMatchObject({
      decision: 'upheld',
      on: '2026-11-02',
      rereviewRequestDue: '2026-12-02',
    });
    expect(c.events.map((e: { action: string }) => e.action)).toEqual([
      'register',
      'accept',
      'assign',
      'answer',
      'request_review',
      'review',
    ]);
    expect(c.events[1]).toMatchObject({ on: '2026-10-21', label: '受理', actorName: expect.any(String) });

    // Each decision produced its official document, linked from the timeline and downloadable.
    expect(c.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'acceptance_notice',
      'answer_opinion',
      'review_opinion',
    ]);
    expect(c.documents[0]).toMatchObject({ number: '东城镇信访办〔2026〕1号', issuedOn: '2026-10-21' });
    expect(c.documents[2].number).toMatch(/^测试县/);
    expect(c.events[1].documentId).toBe(c.documents[0].id);
    const download = await clerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${id}/documents/${c.documents[1].id}`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.headers['content-disposition']).toContain('.docx');
    expect(download.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const stranger = await w.people(w.t.townB.id, ['clerk']);
    expect(
      (
        await stranger.session.inject({
          method: 'GET',
          url: `/api/v1/petitions/${id}/documents/${c.documents[1].id}`,
        })
      ).statusCode,
    ).toBe(404);

    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json', 'actor_id'])
      .where('subject_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'petition.register',
      'petition.accept',
      'petition.assign',
      'petition.answer',
      'petition.request_review',
      'petition.review',
    ]);
    expect(JSON.parse(audit[1]?.before_json ?? '{}').status).toBe('registered');
    expect(JSON.parse(audit[1]?.after_json ?? '{}')).toMatchObject({
      status: 'accepted',
      on: '2026-10-21',
      documentId: c.documents[0].id,
      documentNumber: '东城镇信访办〔2026〕1号',
    });
    expect(audit[5]?.actor_id).toBe(countyLeader.id);
  });

  it('answers 409 invalid_transition for an action that does not apply in the state', async () => {
    const w = await petitionWorld(env());
    const leader = await w.people(w.t.townA.id, ['leader', 'clerk']);
    const { id } = await register(leader.session, letter(w.t.townA.id));
    for (const body of [
      { action: 'answer', decision: 'support', text: '答复' },
      { action: 'close' },
      { action: 'review', decision: 'upheld', text: '维持' },
      { action: 'extend', days: 10, reason: '情况复杂' },
      { action: 'object', reason: '不属于本单位职权' },
    ]) {
      const res = await act(leader.session, id, body);
      expect(res.statusCode, body.action).toBe(409);
      expect(res.json().error.code).toBe('invalid_transition');
      expect(res.json().error.message).toContain('已登记');
    }
    await actOk(leader.session, id, { action: 'accept' });
    const twice = await act(leader.session, id, { action: 'accept' });
    expect(twice.statusCode).toBe(409);
    const unknown = await act(leader.session, id, { action: 'reopen', intoId: id });
    expect(unknown.statusCode).toBe(400);
  });

  it('refuses a step dated in the future, on an impossible day or before the previous step (400 naming on)', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const { id } = await register(clerk.session, letter(w.t.townA.id, { receivedOn: '2026-10-20' }));
    for (const on of ['2026-11-03', '2026-02-30', '2026-10-19']) {
      const res = await act(clerk.session, id, { action: 'accept', on });
      expect(res.statusCode, on).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(JSON.stringify(res.json().error)).toContain('on');
    }
    expect((await getCase(clerk.session, id)).json().status).toBe('registered');
  });

  it('transfers to a sibling unit, which objects within 5 working days; the sender decides', async () => {
    const w = await petitionWorld(env());
    const sender = await w.people(w.t.townA.id, ['clerk']);
    const receiver = await w.people(w.t.townB.id, ['clerk']);
    const { id } = await register(sender.session, letter(w.t.townA.id, { receivedOn: '2026-10-30' }));
    const targets = await sender.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${id}/transfer-targets`,
    });
    expect(targets.statusCode).toBe(200);
    expect(targets.json().items.map((u: { id: string }) => u.id)).toContain(w.t.townB.id);
    expect(targets.json().items.map((u: { id: string }) => u.id)).not.toContain(w.t.townA.id);

    let c = await actOk(sender.session, id, {
      action: 'transfer',
      unitId: w.t.townB.id,
      note: '属西山乡辖区',
    });
    expect(c).toMatchObject({
      status: 'transferred',
      unitId: w.t.townB.id,
      sender: { unitId: w.t.townA.id },
    });
    expect(c.deadlines.find((d: { kind: string }) => d.kind === 'objection')).toMatchObject({
      due: '2026-11-09',
      duty: false,
    });
    const atReceiver = (await getCase(receiver.session, id)).json();
    expect(atReceiver.abilities).toMatchObject({ object: true, accept: true, decideObjection: false });
    expect((await act(sender.session, id, { action: 'object', reason: '不是我们的' })).statusCode).toBe(403);

    c = await actOk(receiver.session, id, {
      action: 'object',
      reason: '该事项发生在东城镇辖区，不属本乡职权。',
    });
    expect(c.status).toBe('objected');
    expect((await act(receiver.session, id, { action: 'accept' })).statusCode).toBe(409);
    const again = (await getCase(sender.session, id)).json();
    expect(again.abilities.decideObjection).toBe(true);
    c = await actOk(sender.session, id, {
      action: 'decide_objection',
      uphold: false,
      note: '经核实属西山乡职权。',
    });
    expect(c).toMatchObject({ status: 'transferred', unitId: w.t.townB.id });
    // One objection per transfer.
    expect((await act(receiver.session, id, { action: 'object', reason: '仍有异议' })).statusCode).toBe(409);
    await actOk(receiver.session, id, { action: 'accept' });
    // Once accepted at the receiving unit, the sender no longer sees it.
    expect((await getCase(sender.session, id)).statusCode).toBe(404);

    const second = await register(sender.session, letter(w.t.townA.id, { receivedOn: '2026-10-30' }));
    await actOk(sender.session, second.id, { action: 'transfer', unitId: w.t.townB.id, note: '转西山乡' });
    await actOk(receiver.session, second.id, { action: 'object', reason: '不属本乡' });
    c = await actOk(sender.session, second.id, {
      action: 'decide_objection',
      uphold: true,
      note: '异议成立，收回。',
    });
    expect(c).toMatchObject({ status: 'registered', unitId: w.t.townA.id });
    expect((await getCase(receiver.session, second.id)).statusCode).toBe(404);
  });

  it('refuses an objection after the 5 working days (409 time_limit_passed)', async () => {
    const w = await petitionWorld(env());
    const sender = await w.people(w.t.townA.id, ['clerk']);
    const receiver = await w.people(w.t.townB.id, ['clerk']);
    const { id } = await register(sender.session, letter(w.t.townA.id, { receivedOn: '2026-10-30' }));
    await actOk(sender.session, id, {
      action: 'transfer',
      unitId: w.t.townB.id,
      note: '转西山乡',
      on: '2026-10-30',
    });
    const late = await act(receiver.session, id, { action: 'object', reason: '不属本乡', on: '2026-11-02' });
    expect(late.statusCode).toBe(200);
    const third = await register(sender.session, letter(w.t.townA.id, { receivedOn: '2026-10-20' }));
    await actOk(sender.session, third.id, {
      action: 'transfer',
      unitId: w.t.townB.id,
      note: '转',
      on: '2026-10-22',
    });
    expect((await getCase(receiver.session, third.id)).json().abilities.object).toBe(false);
    const res = await act(receiver.session, third.id, { action: 'object', reason: '不属本乡' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('time_limit_passed');
  });

  it('redirects to a statutory channel and rejects with a reason, both final', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const a = await register(clerk.session, letter(w.t.townA.id));
    const c = await actOk(clerk.session, a.id, {
      action: 'redirect',
      route: 'arbitration',
      note: '属劳动争议，请向县劳动人事争议仲裁委员会申请仲裁。',
    });
    expect(c.status).toBe('redirected');
    expect(c.redirect).toMatchObject({ route: 'arbitration', note: expect.stringContaining('仲裁委员会') });
    const open = Object.entries(c.abilities).filter(([, v]) => v === true);
    expect(open.map(([k]) => k).sort()).toEqual([
      'attach',
      'declareInterest',
      'downloadDocuments',
      'revealPersonal',
    ]);
    const b = await register(clerk.session, letter(w.t.townA.id));
    const r = await actOk(clerk.session, b.id, { action: 'reject', reason: '已由人民法院受理。' });
    expect(r).toMatchObject({ status: 'rejected', rejection: { reason: '已由人民法院受理。' } });
    expect((await act(clerk.session, b.id, { action: 'accept' })).statusCode).toBe(409);
  });

  it('extends only with a leader, once, by at most 30 days', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const leader = await w.people(w.t.townA.id, ['leader']);
    const handler = await w.people(w.t.townA.id, ['handler']);
    const { id } = await register(clerk.session, letter(w.t.townA.id));
    await actOk(clerk.session, id, { action: 'accept' });
    await actOk(clerk.session, id, { action: 'assign', handlerId: handler.id, opinion: '请办理' });
    await actOk(handler.session, id, { action: 'start' });
    expect(
      (await act(clerk.session, id, { action: 'extend', days: 20, reason: '情况复杂' })).statusCode,
    ).toBe(403);
    expect(
      (await act(handler.session, id, { action: 'extend', days: 20, reason: '情况复杂' })).statusCode,
    ).toBe(403);
    expect(
      (await act(leader.session, id, { action: 'extend', days: 31, reason: '情况复杂' })).statusCode,
    ).toBe(400);
    const before = (await getCase(leader.session, id)).json();
    const c = await actOk(leader.session, id, {
      action: 'extend',
      days: 30,
      reason: '涉及多个部门，情况复杂',
    });
    expect(c).toMatchObject({ status: 'extended', extendedDays: 30 });
    const due = (x: any) => x.deadlines.find((d: { kind: string }) => d.kind === 'handling').due;
    expect(due(c) > due(before)).toBe(true);
    expect(c.deadlines.find((d: { kind: string }) => d.kind === 'handling').rule).toContain('经批准延长30');
    expect((await act(leader.session, id, { action: 'extend', days: 5, reason: '再延' })).statusCode).toBe(
      409,
    );
    await actOk(handler.session, id, { action: 'answer', decision: 'explain', text: '已作解释说明。' });
  });

  it('keeps a user who declared an interest (回避) from being assigned or acting', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const handler = await w.people(w.t.townA.id, ['handler']);
    const other = await w.people(w.t.townA.id, ['handler']);
    const { id } = await register(clerk.session, letter(w.t.townA.id));
    await actOk(clerk.session, id, { action: 'accept' });
    const declared = await handler.session.inject({
      method: 'POST',
      url: `/api/v1/petitions/${id}/interests`,
      payload: { reason: '信访人是本人近亲属' },
    });
    expect(declared.statusCode, declared.body).toBe(201);
    expect(declared.json().interests).toEqual([
      { userId: handler.id, name: expect.any(String), declaredAt: expect.any(String) },
    ]);
    expect(declared.json().abilities.declareInterest).toBe(false);
    const twice = await handler.session.inject({
      method: 'POST',
      url: `/api/v1/petitions/${id}/interests`,
      payload: { reason: '再次申报' },
    });
    expect(twice.statusCode).toBe(409);
    const candidates = await clerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${id}/handler-candidates`,
    });
    const ids = candidates.json().items.map((u: { id: string }) => u.id);
    expect(ids).toContain(other.id);
    expect(ids).not.toContain(handler.id);
    const refused = await act(clerk.session, id, {
      action: 'assign',
      handlerId: handler.id,
      opinion: '请办理',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('conflict_of_interest');
    const asCo = await act(clerk.session, id, {
      action: 'assign',
      handlerId: other.id,
      coHandlerIds: [handler.id],
      opinion: '请办理',
    });
    expect(asCo.json().error.code).toBe('conflict_of_interest');
    await actOk(clerk.session, id, { action: 'assign', handlerId: other.id, opinion: '请办理' });
    // The declaring user's reason stays off the timeline and the audit trail.
    const c = (await getCase(clerk.session, id)).json();
    expect(JSON.stringify(c.events)).not.toContain('近亲属');
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select('after_json')
      .where('subject_id', '=', id)
      .execute();
    expect(JSON.stringify(audit)).not.toContain('近亲属');
  });

  it('closes, takes review only within 30 days, re-review one level higher, and then refuses the matter (不再受理)', async () => {
    const w = await petitionWorld(env());
    const villageClerk = await w.people(w.t.villageA1.id, ['clerk', 'handler']);
    const townLeader = await w.people(w.t.townA.id, ['leader']);
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    try {
      const { id } = await register(
        villageClerk.session,
        letter(w.t.villageA1.id, { receivedOn: '2026-10-01' }),
      );
      await actOk(villageClerk.session, id, { action: 'accept', on: '2026-10-08' });
      await actOk(villageClerk.session, id, {
        action: 'assign',
        handlerId: villageClerk.id,
        opinion: '自办',
        on: '2026-10-09',
      });
      await actOk(villageClerk.session, id, {
        action: 'answer',
        decision: 'not_support',
        text: '诉求缺乏政策依据，不予支持。',
        on: '2026-10-10',
      });
      let c = await actOk(villageClerk.session, id, { action: 'close' });
      expect(c.status).toBe('closed');
      expect(c.answer).toMatchObject({ reviewUnitName: '东城镇', reviewRequestDue: '2026-11-09' });
      // Eight days later: sessions of that day have expired, so everyone logs in again.
      env().clock.set('2026-11-10T02:00:00.000Z');
      villageClerk.session = await login(env().app, villageClerk.username, villageClerk.password);
      townLeader.session = await login(env().app, townLeader.username, townLeader.password);
      countyClerk.session = await login(env().app, countyClerk.username, countyClerk.password);
      const late = await act(villageClerk.session, id, { action: 'request_review', reason: '不服' });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('time_limit_passed');
      expect(late.json().error.message).toContain('2026-11-09');
      c = await actOk(villageClerk.session, id, {
        action: 'request_review',
        reason: '不服',
        on: '2026-11-09',
      });
      expect(c.review).toMatchObject({ unitId: w.t.townA.id, unitName: '东城镇' });
      await actOk(townLeader.session, id, { action: 'review', decision: 'upheld', text: '维持原处理意见。' });
      c = await actOk(townLeader.session, id, { action: 'request_rereview', reason: '仍不服' });
      expect(c.rereview).toMatchObject({ unitId: w.t.county.id, unitName: '测试县' });
      expect(
        (await act(townLeader.session, id, { action: 'rereview', decision: 'upheld', text: '维持' }))
          .statusCode,
      ).toBe(403);
      c = await actOk(countyClerk.session, id, {
        action: 'rereview',
        decision: 'upheld',
        text: '复核维持。',
      });
      expect(c.status).toBe('rereviewed');
      const refused = await act(countyClerk.session, id, { action: 'request_review', reason: '再次申请' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('matter_finalized');
      expect(refused.json().error.message).toContain('不再受理');
      c = await actOk(countyClerk.session, id, { action: 'finalize' });
      expect(c.status).toBe('finalized');
      expect(
        (await act(countyClerk.session, id, { action: 'request_rereview', reason: '再次' })).json().error
          .code,
      ).toBe('matter_finalized');
      // A new registration by the same petitioner points at the finalized case.
      const again = await register(
        villageClerk.session,
        letter(w.t.villageA1.id, { receivedOn: '2026-11-10' }),
      );
      expect(again.duplicateCandidates).toEqual([
        expect.objectContaining({ id, reason: expect.stringContaining('不再受理') }),
      ]);
    } finally {
      env().clock.set(NOW);
    }
  });

  it('names every deadline’s rule and flags years without a holiday schedule', async () => {
    try {
      env().clock.set('2026-12-20T02:00:00.000Z');
      const w = await petitionWorld(env());
      const clerk = await w.people(w.t.townA.id, ['clerk']);
      const { id } = await register(clerk.session, letter(w.t.townA.id, { receivedOn: '2026-12-20' }));
      const c = (await getCase(clerk.session, id)).json();
      const acceptance = c.deadlines.find((d: { kind: string }) => d.kind === 'acceptance');
      expect(acceptance.flags).toEqual(['calendar_missing:2027']);
      expect(c.calendarWarnings[0]).toContain('2027年度节假日安排尚未录入');
      const list = (await clerk.session.inject({ method: 'GET', url: '/api/v1/petitions' })).json();
      expect(list.items.find((i: { id: string }) => i.id === id).calendarWarning).toBe(true);

      // Once an administrator enters the 2027 schedule, the job it queues recomputes the stored
      // deadlines and the flag is gone (ADR 0005).
      const admin = await w.people(w.t.county.id, ['sysadmin']);
      const put = await admin.session.inject({
        method: 'PUT',
        url: '/api/v1/calendar/years/2027',
        payload: { holidays: [{ name: '元旦', dates: ['2027-01-01'] }], makeupWorkdays: [] },
      });
      expect(put.statusCode, put.body).toBe(200);
      const { db } = env().handle;
      expect(
        await runDueJobs({ db, config: env().config, clock: env().clock }, { workerId: 'test' }),
      ).toBeGreaterThan(0);
      const job = await db
        .selectFrom('jobs')
        .selectAll()
        .where('name', '=', 'petitions.recompute_deadlines')
        .executeTakeFirst();
      expect(job?.status).toBe('done');
      const after = (await getCase(clerk.session, id)).json();
      expect(after.calendarWarnings).toEqual([]);
      expect(after.deadlines.find((d: { kind: string }) => d.kind === 'acceptance')).toMatchObject({
        due: '2027-01-04',
        flags: [],
      });
    } finally {
      env().clock.set(NOW);
    }
  });

  it('reveals an ID number or phone to clerks, handlers and leaders, audited with the reason but never the value', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const supervisor = await w.people(w.t.townA.id, ['supervisor']);
    const admin = await w.people(w.t.county.id, ['sysadmin']);
    const { id } = await register(clerk.session, letter(w.t.townA.id));
    const petitioner = (await getCase(clerk.session, id)).json().petitioners[0];
    const url = `/api/v1/petitions/${id}/petitioners/${petitioner.id}/reveal`;
    const res = await clerk.session.inject({
      method: 'POST',
      url,
      payload: { field: 'idNumber', reason: '电话回访核实身份' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ value: '330102199001011234' });
    const phone = await clerk.session.inject({
      method: 'POST',
      url,
      payload: { field: 'phone', reason: '回访' },
    });
    expect(phone.json()).toEqual({ value: '13800135678' });
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select(['action', 'after_json', 'actor_id'])
      .where('subject_id', '=', id)
      .where('action', '=', 'petition.reveal_personal')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toEqual({
      petitionerId: petitioner.id,
      field: 'idNumber',
      reason: '电话回访核实身份',
    });
    expect(JSON.stringify(audit)).not.toContain('330102199001011234');
    expect(JSON.stringify(audit)).not.toContain('13800135678');
    expect(
      (await supervisor.session.inject({ method: 'POST', url, payload: { field: 'phone', reason: 'x' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await admin.session.inject({ method: 'POST', url, payload: { field: 'phone', reason: 'x' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await clerk.session.inject({ method: 'POST', url, payload: { field: 'phone' } })).statusCode,
    ).toBe(400);
    expect(
      (
        await clerk.session.inject({
          method: 'POST',
          url: `/api/v1/petitions/${id}/petitioners/unknown-id/reveal`,
          payload: { field: 'phone', reason: '回访' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await env().app.inject({ method: 'POST', url, payload: { field: 'phone', reason: '回访' } }))
        .statusCode,
    ).toBe(401);
  });

  it('takes the petitioner’s own review request through requestReview (the portal’s use case)', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk', 'handler']);
    const { id } = await register(clerk.session, letter(w.t.townA.id));
    const portal = (fn: (ctx: ReturnType<TestEnv['ctx']>) => Promise<unknown>) =>
      env()
        .handle.db.transaction()
        .execute((trx) => fn({ ...env().ctx(), db: trx }));
    await expect(portal((ctx) => requestReview(ctx, id, { reason: '不服' }))).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    await actOk(clerk.session, id, { action: 'accept' });
    await actOk(clerk.session, id, { action: 'assign', handlerId: clerk.id, opinion: '自办' });
    await actOk(clerk.session, id, { action: 'answer', decision: 'explain', text: '已解释。' });
    await expect(portal((ctx) => requestReview(ctx, id, { reason: '不服处理意见' }))).resolves.toEqual({
      action: 'request_review',
    });
    const c = (await getCase(clerk.session, id)).json();
    expect(c.status).toBe('review_requested');
    expect(c.events.at(-1)).toMatchObject({
      action: 'request_review',
      actorName: '信访人（网上提交）',
      note: '不服处理意见',
    });
    expect(c.review).toMatchObject({ unitName: '测试县', reason: '不服处理意见' });
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select(['actor_id', 'actor_name'])
      .where('subject_id', '=', id)
      .where('action', '=', 'petition.request_review')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_id: null, actor_name: '信访人（网上提交）' });
    await expect(portal((ctx) => requestReview(ctx, 'no-such-case', { reason: 'x' }))).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
