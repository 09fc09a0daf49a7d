import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, login } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { createDb, type DbHandle } from '../../platform/db/create-db.ts';
import { isTransient } from '../../platform/jobs/queue.ts';
import { startWorker, type Worker } from '../../platform/jobs/worker.ts';
import { letter, petitionWorld, register } from '../petitions/petitions.test-helper.ts';
import { sweepSupervision } from './use-cases/sweep.ts';

/** What the local robot receiver got: path, query and JSON body of every POST. */
interface Received {
  path: string;
  query: URLSearchParams;
  body: any;
}

/** Polls until `done` holds, for at most `limitMs`: deterministic waiting, no fixed sleeps. */
async function until(done: () => Promise<boolean> | boolean, limitMs = 30_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describeEachDialect('supervision: robot messages delivered exactly once with two app instances', (env) => {
  const received: Received[] = [];
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        received.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(raw) });
        // A little latency widens the window in which a second instance could send it again.
        setTimeout(() => {
          res.setHeader('content-type', 'application/json');
          res.end('{"errcode":0,"errmsg":"ok"}');
        }, 15);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the DingTalk and WeCom messages of one reminder and one 督办单 once each, while both instances sweep and deliver', async () => {
    const e = env();
    const w = await petitionWorld(e);
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    await w.people(w.t.townA.id, ['leader']);
    const admin = await w.people(w.t.townA.id, ['unit_admin']);
    const secret = 'SEC0123456789abcdef';
    for (const payload of [
      {
        unitId: w.t.townA.id,
        kind: 'dingtalk',
        name: '钉钉群',
        url: `${base}/dingtalk?access_token=tok1`,
        secret,
      },
      { unitId: w.t.townA.id, kind: 'wecom', name: '企业微信群', url: `${base}/wecom?key=key1` },
    ]) {
      const res = await admin.session.inject({ method: 'POST', url: '/api/v1/webhook-endpoints', payload });
      expect(res.statusCode, res.body).toBe(201);
    }
    const soon = await register(
      clerk.session,
      letter(w.t.townA.id, {
        receivedOn: '2026-10-19',
        content: '补偿款被村干部截留',
        petitioners: [{ name: '李四', phone: '13800001111' }],
      }),
    );
    const late = await register(
      clerk.session,
      letter(w.t.townA.id, {
        receivedOn: '2026-10-01',
        content: '补偿款被村干部截留',
        petitioners: [{ name: '李四', phone: '13800001111' }],
      }),
    );

    // The second instance: its own database handle and app on the same database.
    const handleB: DbHandle = createDb(e.config.database);
    handleB.sqlite?.pragma('busy_timeout = 0');
    e.handle.sqlite?.pragma('busy_timeout = 0');
    const appB: FastifyInstance = await buildApp({ config: e.config, handle: handleB, clock: e.clock });
    await appB.ready();
    const workers: Worker[] = [];
    try {
      // A session on instance B: the sessions table is shared, as behind a load balancer.
      await login(appB, clerk.username, clerk.password);
      const instances = [
        { handle: e.handle, id: 'A' },
        { handle: handleB, id: 'B' },
      ];
      for (const i of instances)
        workers.push(
          startWorker({ config: e.config, handle: i.handle, clock: e.clock }, e.app.log, {
            pollMs: 5,
            workerId: i.id,
            anchorOnStart: false,
          }),
        );
      // Besides the scheduled sweep each worker picks up, both instances sweep at once, repeatedly.
      const sweepOn = async (h: DbHandle) => {
        for (;;) {
          try {
            return await h.db.transaction().execute((db) => sweepSupervision({ ...e.ctx(), db }));
          } catch (err) {
            if (!isTransient(err)) throw err;
            await new Promise((r) => setTimeout(r, 10));
          }
        }
      };
      for (let round = 0; round < 3; round++) await Promise.all(instances.map((i) => sweepOn(i.handle)));

      const pending = async () =>
        Number(
          (
            await e.handle.db
              .selectFrom('notify_outbox')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('status', '!=', 'delivered')
              .where('channel', '=', 'webhook')
              .executeTakeFirstOrThrow()
          ).n,
        );
      await until(async () => received.length >= 4 && (await pending()) === 0);
      // Let both workers poll a while longer: nothing more may arrive.
      for (let round = 0; round < 2; round++) await Promise.all(instances.map((i) => sweepOn(i.handle)));
      await new Promise((r) => setTimeout(r, 300));
      await until(async () => (await pending()) === 0);
    } finally {
      for (const wk of workers) await wk.stop();
      await appB.close();
      await handleB.close();
    }

    const notice = await e.handle.db
      .selectFrom('supervision_notices')
      .selectAll()
      .where('petition_id', '=', late.id)
      .executeTakeFirstOrThrow();
    const ding = received.filter((r) => r.path === '/dingtalk');
    const wecom = received.filter((r) => r.path === '/wecom');
    const titles = (rs: Received[]) =>
      rs.map((r) => (r.body.markdown.title ?? r.body.markdown.content.split('\n')[0]) as string).sort();
    expect(received).toHaveLength(4);
    expect(titles(ding)).toEqual([`督办：${late.number}`, `期限提醒：${soon.number}`].sort());
    expect(titles(wecom)).toEqual([`**督办：${late.number}**`, `**期限提醒：${soon.number}**`].sort());

    for (const r of ding) {
      expect(r.body.msgtype).toBe('markdown');
      expect(Object.keys(r.body.markdown).sort()).toEqual(['text', 'title']);
      expect(r.query.get('access_token')).toBe('tok1');
      const ts = r.query.get('timestamp') as string;
      expect(ts).toBe(String(e.clock.now().getTime()));
      const sign = crypto.createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
      expect(r.query.get('sign')).toBe(sign);
    }
    for (const r of wecom) {
      expect(r.body.msgtype).toBe('markdown');
      expect(Object.keys(r.body.markdown)).toEqual(['content']);
      expect(r.query.get('key')).toBe('key1');
    }
    const noticeText = ding.find((r) => r.body.markdown.title.startsWith('督办'))!.body.markdown
      .text as string;
    expect(noticeText).toContain(notice.number);
    expect(noticeText).toContain(notice.reply_due);
    const reminderText = wecom.find((r) => r.body.markdown.content.includes('期限提醒'))!.body.markdown
      .content as string;
    expect(reminderText).toContain('2026-11-03');
    // Case number and deadline only: no petitioner, phone, title or content.
    const all = JSON.stringify(received.map((r) => r.body));
    for (const secretWord of ['李四', '13800001111', '截留', '征地补偿款'])
      expect(all).not.toContain(secretWord);

    const rows = await e.handle.db
      .selectFrom('notify_outbox')
      .selectAll()
      .where('channel', '=', 'webhook')
      .execute();
    expect(rows.map((r) => [r.status, Number(r.attempts)])).toEqual(rows.map(() => ['delivered', 1]));
    expect(rows).toHaveLength(4);
  });
});
