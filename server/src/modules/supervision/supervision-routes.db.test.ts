import { afterEach, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/harness.ts';
import { assertWellFormedXml, unzipDocx } from '../petitions/documents/ooxml.test-helper.ts';
import { supervisionWorld, sweep } from './supervision.test-helper.ts';

describeEachDialect('supervision routes', (env) => {
  afterEach(() => env().clock.set(TEST_NOW));

  it('the leader reads and answers a notice; the supervisor closes it; an answered notice no longer escalates', async () => {
    const e = env();
    const w = await supervisionWorld(e);
    const late = await w.registerAt('2026-10-01');
    await sweep(e);

    const mine = (
      await w.leader.session.inject({ method: 'GET', url: '/api/v1/supervision/notices?mine=1' })
    ).json();
    const item = mine.items.find((n: any) => n.petitionId === late.id);
    expect(item).toMatchObject({
      level: 'supervise',
      levelLabel: '督办',
      status: 'open',
      statusLabel: '待答复',
      overdue: false,
      petitionNumber: late.number,
      issuedTo: { id: w.leader.id },
      abilities: { reply: true, close: false },
    });

    const clerkList = await w.clerk.session.inject({ method: 'GET', url: '/api/v1/supervision/notices' });
    expect(clerkList.statusCode).toBe(403);
    const other = await w.people(w.t.townA.id, ['leader']);
    const notMine = await other.session.inject({
      method: 'POST',
      url: `/api/v1/supervision/notices/${item.id}/reply`,
      payload: { text: '我来答复一下吧' },
    });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.message).toContain('责任领导');
    const short = await w.leader.session.inject({
      method: 'POST',
      url: `/api/v1/supervision/notices/${item.id}/reply`,
      payload: { text: '好' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('至少5个字');

    const replied = await w.leader.session.inject({
      method: 'POST',
      url: `/api/v1/supervision/notices/${item.id}/reply`,
      payload: { text: '已于11月3日受理并告知信访人，正在调查核实。' },
    });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json()).toMatchObject({
      status: 'replied',
      replyText: '已于11月3日受理并告知信访人，正在调查核实。',
      repliedAt: TEST_NOW,
    });
    const again = await w.leader.session.inject({
      method: 'POST',
      url: `/api/v1/supervision/notices/${item.id}/reply`,
      payload: { text: '再答复一次看看' },
    });
    expect(again.statusCode).toBe(409);

    const supNotes = (
      await w.supervisor.session.inject({ method: 'GET', url: '/api/v1/notifications' })
    ).json();
    expect(supNotes.items.some((n: any) => n.kind === 'supervision.replied' && n.subjectId === item.id)).toBe(
      true,
    );

    e.clock.set('2026-11-20T02:00:00.000Z');
    await sweep(e);
    // Back to the sessions' day (they would have expired after 18 days).
    e.clock.set(TEST_NOW);
    const d = (
      await w.supervisor.session.inject({ method: 'GET', url: `/api/v1/supervision/notices/${item.id}` })
    ).json();
    expect(d.steps).toHaveLength(1);
    expect(d.abilities).toEqual({ reply: false, close: true });

    const closed = await w.supervisor.session.inject({
      method: 'POST',
      url: `/api/v1/supervision/notices/${item.id}/close`,
      payload: { note: '答复属实，办结。' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closeNote: '答复属实，办结。' });
    const audit = await e.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', item.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'supervision.issue',
      'supervision.reply',
      'supervision.close',
    ]);
  });

  it('a supervisor issues a notice by hand (idempotent); one outside the case scope gets 404; bad input is a Chinese 400', async () => {
    const e = env();
    const w = await supervisionWorld(e);
    const c = await w.registerAt('2026-10-30');
    const payload = { petitionId: c.id, reason: '群众反映办理进度慢，请加快办理', replyWorkingDays: 3 };
    const headers = { 'idempotency-key': `issue-${c.id}` };
    const res = await w.supervisor.session.inject({
      method: 'POST',
      url: '/api/v1/supervision/notices',
      payload,
      headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      level: 'supervise',
      issuingUnit: { id: w.t.county.id },
      issuedTo: { id: w.leader.id },
      replyDue: '2026-11-05',
    });
    const again = await w.supervisor.session.inject({
      method: 'POST',
      url: '/api/v1/supervision/notices',
      payload,
      headers,
    });
    expect(again.json().id).toBe(res.json().id);
    expect(
      (
        await e.handle.db
          .selectFrom('supervision_notices')
          .select('id')
          .where('petition_id', '=', c.id)
          .execute()
      ).length,
    ).toBe(1);

    const townBSupervisor = await w.people(w.t.townB.id, ['supervisor']);
    const outside = await townBSupervisor.session.inject({
      method: 'POST',
      url: '/api/v1/supervision/notices',
      payload,
    });
    expect(outside.statusCode).toBe(404);
    expect(
      (
        await townBSupervisor.session.inject({
          method: 'GET',
          url: `/api/v1/supervision/notices/${res.json().id}`,
        })
      ).statusCode,
    ).toBe(404);
    const leaderIssue = await w.leader.session.inject({
      method: 'POST',
      url: '/api/v1/supervision/notices',
      payload,
    });
    expect(leaderIssue.statusCode).toBe(403);
    const bad = await w.supervisor.session.inject({
      method: 'POST',
      url: '/api/v1/supervision/notices',
      payload: { ...payload, replyWorkingDays: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('hides notices about an accusation from the accused unit line', async () => {
    const e = env();
    const w = await supervisionWorld(e);
    const villageLeader = await w.people(w.t.villageA1.id, ['leader', 'supervisor']);
    const acc = await w.registerAt('2026-10-04', {
      classification: 'accusation',
      accused: { unitId: w.t.villageA1.id },
    });
    await sweep(e);
    const countyView = (
      await w.supervisor.session.inject({
        method: 'GET',
        url: `/api/v1/supervision/notices?petitionId=${acc.id}`,
      })
    ).json();
    expect(countyView.total).toBe(1);
    const id = countyView.items[0].id;
    const villageList = (
      await villageLeader.session.inject({
        method: 'GET',
        url: `/api/v1/supervision/notices?petitionId=${acc.id}`,
      })
    ).json();
    expect(villageList.total).toBe(0);
    expect(
      (await villageLeader.session.inject({ method: 'GET', url: `/api/v1/supervision/notices/${id}` }))
        .statusCode,
    ).toBe(404);
  });

  it('settings: a unit administrator sets the unit, only sysadmin the global default; the sweep route queues one job a minute', async () => {
    const e = env();
    const w = await supervisionWorld(e);
    const admin = await w.people(w.t.townA.id, ['unit_admin']);
    const before = (
      await admin.session.inject({ method: 'GET', url: '/api/v1/supervision/settings' })
    ).json();
    expect(before).toMatchObject({ unitId: w.t.townA.id, remindDays: 3, replyWorkingDays: 5, source: null });
    const put = await admin.session.inject({
      method: 'PUT',
      url: '/api/v1/supervision/settings',
      payload: { unitId: w.t.townA.id, remindDays: 5, replyWorkingDays: 7 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const village = (
      await admin.session.inject({
        method: 'GET',
        url: `/api/v1/supervision/settings?unitId=${w.t.villageA1.id}`,
      })
    ).json();
    expect(village).toMatchObject({ remindDays: 5, replyWorkingDays: 7, source: w.t.townA.id });
    const global = await admin.session.inject({
      method: 'PUT',
      url: '/api/v1/supervision/settings',
      payload: { remindDays: 5, replyWorkingDays: 7 },
    });
    expect(global.statusCode).toBe(403);
    const outOfScope = await admin.session.inject({
      method: 'PUT',
      url: '/api/v1/supervision/settings',
      payload: { unitId: w.t.townB.id, remindDays: 5, replyWorkingDays: 7 },
    });
    expect(outOfScope.statusCode).toBe(422);

    const s1 = await w.supervisor.session.inject({ method: 'POST', url: '/api/v1/supervision/sweep' });
    const s2 = await w.supervisor.session.inject({ method: 'POST', url: '/api/v1/supervision/sweep' });
    expect(s1.statusCode).toBe(202);
    expect(s1.json()).toMatchObject({ enqueued: true });
    expect(s2.json()).toEqual({ jobId: s1.json().jobId, enqueued: false });
    expect(
      (await w.leader.session.inject({ method: 'POST', url: '/api/v1/supervision/sweep' })).statusCode,
    ).toBe(403);
  });

  it('prints the notice of an escalated step as a .docx naming the case, the earlier step and the reply date', async () => {
    const e = env();
    const w = await supervisionWorld(e);
    const late = await w.registerAt('2026-10-06');
    await sweep(e);
    e.clock.set('2026-11-10T02:00:00.000Z');
    await sweep(e);
    e.clock.set(TEST_NOW);
    const list = (
      await w.leader.session.inject({
        method: 'GET',
        url: `/api/v1/supervision/notices?petitionId=${late.id}&status=open`,
      })
    ).json();
    const interview = list.items[0];
    expect(interview.level).toBe('interview');
    const res = await w.leader.session.inject({
      method: 'GET',
      url: `/api/v1/supervision/notices/${interview.id}/document`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('信访事项约谈通知'));
    const parts = unzipDocx(res.rawPayload);
    const xml = parts.get('word/document.xml') as string;
    assertWellFormedXml(xml);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('信访事项约谈通知');
    expect(text).toContain(late.number);
    expect(text).toContain(interview.number);
    expect(text).toContain('2026年11月13日');
    expect(text).toMatch(/此前已发出督办（督〔2026〕\d+号）/);
    const clerk = await w.clerk.session.inject({
      method: 'GET',
      url: `/api/v1/supervision/notices/${interview.id}/document`,
    });
    expect(clerk.statusCode).toBe(403);
  });
});
