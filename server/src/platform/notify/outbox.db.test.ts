import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { runDueJobs } from '../jobs/queue.ts';
import { LoggingSmsGateway, smsGatewayFor } from './channels.ts';
import { MAX_DELIVERY_ATTEMPTS, useSmsGateway } from './deliver.job.ts';
import { enqueueSms } from './outbox.ts';

describeEachDialect('notify outbox: SMS', (env) => {
  const sent: { phone: string; text: string }[] = [];
  beforeAll(() => {
    useSmsGateway({ send: async (phone, text) => void sent.push({ phone, text }) });
  });
  afterAll(() => useSmsGateway(null));

  const run = () =>
    runDueJobs({ db: env().handle.db, config: env().config, clock: env().clock }, { workerId: 't' });

  it('sends a queued SMS once after commit, keeps phone and text encrypted, and ignores a repeated dedup key', async () => {
    const e = env();
    const key = `query-code:${Date.now()}`;
    const first = await e.handle.db
      .transaction()
      .execute((db) =>
        enqueueSms(
          { ...e.ctx(), db },
          { phone: '13912345678', text: '您的查询码是 ABCD2345EFGH', dedupKey: key },
        ),
      );
    const again = await e.handle.db
      .transaction()
      .execute((db) =>
        enqueueSms(
          { ...e.ctx(), db },
          { phone: '13912345678', text: '您的查询码是 ABCD2345EFGH', dedupKey: key },
        ),
      );
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    const row = await e.handle.db
      .selectFrom('notify_outbox')
      .selectAll()
      .where('id', '=', first!.id)
      .executeTakeFirstOrThrow();
    expect(row.summary).toBe('短信 139****5678');
    expect(row.payload_enc).not.toContain('13912345678');
    expect(row.payload_enc).not.toContain('ABCD');
    expect(row.status).toBe('pending');

    await run();
    await run();
    expect(sent.filter((s) => s.text.includes('ABCD2345EFGH'))).toEqual([
      { phone: '13912345678', text: '您的查询码是 ABCD2345EFGH' },
    ]);
    const after = await e.handle.db
      .selectFrom('notify_outbox')
      .selectAll()
      .where('id', '=', first!.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      status: 'delivered',
      attempts: 1,
      delivered_at: e.clock.now().toISOString(),
    });
  });

  it('rolls the SMS back with the transaction that caused it', async () => {
    const e = env();
    const key = `rolled-back:${Date.now()}`;
    await expect(
      e.handle.db.transaction().execute(async (db) => {
        await enqueueSms({ ...e.ctx(), db }, { phone: '13900000000', text: 'x', dedupKey: key });
        throw new Error('the registration failed');
      }),
    ).rejects.toThrow('the registration failed');
    const n = await e.handle.db
      .selectFrom('notify_outbox')
      .select('id')
      .where('dedup_key', '=', `sms:${key}`)
      .execute();
    expect(n).toEqual([]);
  });

  it('retries a failing gateway with a doubling backoff and marks the row failed at the end', async () => {
    const e = env();
    let calls = 0;
    useSmsGateway({
      send: async () => {
        calls++;
        throw new Error('gateway down');
      },
    });
    try {
      const r = await e.handle.db
        .transaction()
        .execute((db) =>
          enqueueSms({ ...e.ctx(), db }, { phone: '13700001111', text: 'x', dedupKey: `fail:${Date.now()}` }),
        );
      await run();
      let row = await e.handle.db
        .selectFrom('notify_outbox')
        .selectAll()
        .where('id', '=', r!.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.last_error).toContain('gateway down');
      await run();
      expect(calls).toBe(1);
      for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 2; i++) {
        e.clock.advance(24 * 3600 * 1000);
        await run();
      }
      row = await e.handle.db
        .selectFrom('notify_outbox')
        .selectAll()
        .where('id', '=', r!.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
      expect(calls).toBe(MAX_DELIVERY_ATTEMPTS);
    } finally {
      useSmsGateway({ send: async (phone, text) => void sent.push({ phone, text }) });
    }
  });
});

describeEachDialect('notify: SMS providers', () => {
  it('the logging provider logs a masked phone and the length, never the number or the text', async () => {
    const lines: unknown[] = [];
    const gw = new LoggingSmsGateway((entry, msg) => lines.push({ ...entry, msg }));
    await gw.send('13812345678', '查询码 XYZ');
    expect(lines).toEqual([{ phone: '138****5678', chars: 7, msg: 'SMS (logging provider, not sent)' }]);
    expect(JSON.stringify(lines)).not.toContain('XYZ');
  });

  it('the HTTP provider posts { phone, text } to HUIYIN_SMS_URL', async () => {
    const got: unknown[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push(JSON.parse(body));
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
      await smsGatewayFor({ smsUrl: url, logLevel: 'silent' }).send('13812345678', '您好');
      expect(got).toEqual([{ phone: '13812345678', text: '您好' }]);
    } finally {
      server.close();
    }
  });
});
