import { expect, it } from 'vitest';
import { makeTree, makeUser } from '../../../test/factories.ts';
import { describeEachDialect, login } from '../../../test/harness.ts';
import { decryptField, loadKeyRing } from '../crypto/sm4.ts';
import { endpointSecretAad } from './deliver.job.ts';
import { notifyUsers } from './notifications.ts';

describeEachDialect('notifications and webhook endpoints', (env) => {
  it('lists my notifications unread first, counts the unread, marks one and all read; others cannot touch mine', async () => {
    const e = env();
    const t = await makeTree(e);
    const me = await makeUser(e, { unitId: t.townA.id, roles: ['handler'] });
    const other = await makeUser(e, { unitId: t.townA.id, roles: ['handler'] });
    for (const i of [1, 2, 3]) {
      e.clock.advance(1000);
      await notifyUsers(e.ctx(), [me.id], { kind: 'test', title: `提醒${i}`, body: `内容${i}` });
    }
    const s = await login(e.app, me.username, me.password);
    const o = await login(e.app, other.username, other.password);
    expect((await s.inject({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json()).toEqual({
      count: 3,
    });
    const list = (await s.inject({ method: 'GET', url: '/api/v1/notifications' })).json();
    expect(list.items.map((n: any) => n.title)).toEqual(['提醒3', '提醒2', '提醒1']);
    expect(list).toMatchObject({ total: 3, unread: 3 });

    const oldest = list.items[2].id;
    expect((await o.inject({ method: 'POST', url: `/api/v1/notifications/${oldest}/read` })).statusCode).toBe(
      404,
    );
    const read = await s.inject({ method: 'POST', url: `/api/v1/notifications/${oldest}/read` });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(e.clock.now().toISOString());
    expect((await s.inject({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json()).toEqual({
      count: 2,
    });

    e.clock.advance(1000);
    await notifyUsers(e.ctx(), [me.id], { kind: 'test', title: '提醒4', body: '' });
    const again = (await s.inject({ method: 'GET', url: '/api/v1/notifications?pageSize=3' })).json();
    // Unread first (newest first among them), then the read one.
    expect(again.items.map((n: any) => n.title)).toEqual(['提醒4', '提醒3', '提醒2']);
    expect(again.total).toBe(4);
    expect((await s.inject({ method: 'GET', url: '/api/v1/notifications?unread=1' })).json().total).toBe(3);

    expect((await s.inject({ method: 'POST', url: '/api/v1/notifications/read-all' })).json()).toEqual({
      updated: 3,
    });
    expect((await s.inject({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json()).toEqual({
      count: 0,
    });
    expect((await o.inject({ method: 'GET', url: '/api/v1/notifications' })).json().total).toBe(0);
  });

  it('never notifies the accused unit line or the accused person, and dedups per recipient', async () => {
    const e = env();
    const t = await makeTree(e);
    const county = await makeUser(e, { unitId: t.county.id, roles: ['leader'] });
    const town = await makeUser(e, { unitId: t.townA.id, roles: ['leader'] });
    const village = await makeUser(e, { unitId: t.villageA1.id, roles: ['handler'] });
    const accusedPerson = await makeUser(e, { unitId: t.townB.id, roles: ['handler'] });
    const n = { kind: 'test', title: '举报', body: '', dedupKey: `acc:${t.county.id}` };
    const got = await notifyUsers(e.ctx(), [county.id, town.id, village.id, accusedPerson.id], n, {
      unitId: t.townA.id,
      userId: accusedPerson.id,
    });
    expect(got).toEqual([county.id]);
    expect(await notifyUsers(e.ctx(), [county.id], n)).toEqual([]);
  });

  it('lets a unit administrator add, list and change robot endpoints in scope; secrets stay encrypted and hidden', async () => {
    const e = env();
    const t = await makeTree(e);
    const admin = await makeUser(e, { unitId: t.townA.id, roles: ['unit_admin'] });
    const handler = await makeUser(e, { unitId: t.townA.id, roles: ['handler'] });
    const s = await login(e.app, admin.username, admin.password);
    const h = await login(e.app, handler.username, handler.password);
    const body = {
      unitId: t.townA.id,
      kind: 'dingtalk',
      name: '东城镇信访群',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef123456',
      secret: 'SECxyz',
    };
    const res = await s.inject({ method: 'POST', url: '/api/v1/webhook-endpoints', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const w = res.json();
    expect(w).toMatchObject({ kind: 'dingtalk', hasSecret: true, active: true, unitName: '东城镇' });
    expect(w.urlMasked).not.toContain('abcdef');
    expect(res.body).not.toContain('SECxyz');
    const row = await e.handle.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', w.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain('SECxyz');
    expect(decryptField(loadKeyRing(e.config), row.secret_enc!, endpointSecretAad(w.id))).toBe('SECxyz');

    expect(
      (await h.inject({ method: 'POST', url: '/api/v1/webhook-endpoints', payload: body })).statusCode,
    ).toBe(403);
    const outOfScope = await s.inject({
      method: 'POST',
      url: '/api/v1/webhook-endpoints',
      payload: { ...body, unitId: t.townB.id },
    });
    expect(outOfScope.statusCode).toBe(422);
    expect(outOfScope.json().error.message).toContain('管辖范围');
    const bad = await s.inject({
      method: 'POST',
      url: '/api/v1/webhook-endpoints',
      payload: { ...body, url: 'ftp://x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const wecomSecret = await s.inject({
      method: 'POST',
      url: '/api/v1/webhook-endpoints',
      payload: { ...body, kind: 'wecom' },
    });
    expect(wecomSecret.statusCode).toBe(400);

    const patched = await s.inject({
      method: 'PATCH',
      url: `/api/v1/webhook-endpoints/${w.id}`,
      payload: { active: false, secret: null },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ active: false, hasSecret: false });
    const list = (await s.inject({ method: 'GET', url: '/api/v1/webhook-endpoints' })).json();
    expect(list.items.map((x: any) => x.id)).toEqual([w.id]);
    const audit = await e.handle.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('subject_id', '=', w.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook.create', 'webhook.update']);
    expect(JSON.stringify(audit)).not.toContain('SECxyz');
  });
});
