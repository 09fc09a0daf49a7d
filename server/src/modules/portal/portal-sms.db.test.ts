import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { runDueJobs } from '../../platform/jobs/queue.ts';
import { LoggingSmsGateway } from '../../platform/notify/channels.ts';
import { useSmsGateway } from '../../platform/notify/deliver.job.ts';
import { readOutboxPayload } from '../../platform/notify/outbox.ts';
import { petitionWorld } from '../petitions/petitions.test-helper.ts';
import { caseIdOf, citizen, PERSON, submission, submitOk } from './portal.test-helper.ts';

// The query code by SMS on both databases: a successful online submission queues one text with the
// case number and the query code to the petitioner's phone in its own transaction (the outbox of
// platform/notify), the page is told the masked number, and the logging provider writes neither
// the full number nor the code. A refused submission sends nothing; a retried one sends once.

describeEachDialect('portal: query code by SMS', (env) => {
  const logged: { phone: string; chars: number }[] = [];
  beforeAll(() => useSmsGateway(new LoggingSmsGateway((entry) => void logged.push(entry))));
  afterAll(() => useSmsGateway(null));

  const outboxOf = (caseId: string) =>
    env()
      .handle.db.selectFrom('notify_outbox')
      .selectAll()
      .where('dedup_key', '=', `sms:portal-query-code:${caseId}`)
      .execute();

  it('texts the number and the query code to the petitioner once, and tells the page the masked number', async () => {
    const w = await petitionWorld(env());
    const c = citizen(env());
    const res = await c.post('/api/public/petitions', submission(w.t.townA.id), {
      'idempotency-key': 'sms-1',
    });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out.smsSentTo).toBe('139****5678');
    // A retry of the same request answers the same and queues nothing more.
    const retry = await c.post('/api/public/petitions', submission(w.t.townA.id), {
      'idempotency-key': 'sms-1',
    });
    expect(retry.json().queryCode).toBe(out.queryCode);

    const id = await caseIdOf(env(), out.queryCode);
    const rows = await outboxOf(id);
    expect(rows).toHaveLength(1);
    const row = rows[0] as (typeof rows)[number];
    expect(row).toMatchObject({ channel: 'sms', status: 'pending', summary: '短信 139****5678' });
    expect(row.payload_enc).not.toContain(out.queryCode);
    const payload = readOutboxPayload(env(), row) as { phone: string; text: string };
    expect(payload.phone).toBe(PERSON.phone);
    expect(payload.text).toContain(`事项编号${out.number}`);
    expect(payload.text).toContain(`查询码${out.queryCode}`);
    expect(payload.text).not.toContain(PERSON.name);

    const before = logged.length;
    await runDueJobs({ db: env().handle.db, config: env().config, clock: env().clock }, { workerId: 't' });
    const mine = logged.slice(before).filter((l) => l.chars === [...payload.text].length);
    expect(mine).toEqual([{ phone: '139****5678', chars: [...payload.text].length }]);
    expect(JSON.stringify(logged)).not.toContain(PERSON.phone);
    const [sent] = await outboxOf(id);
    expect(sent?.status).toBe('delivered');
  });

  it('sends nothing for a refused submission', async () => {
    const w = await petitionWorld(env());
    const c = citizen(env());
    const before = await env()
      .handle.db.selectFrom('notify_outbox')
      .select('id')
      .where('channel', '=', 'sms')
      .execute();
    const refused = await c.post(
      '/api/public/petitions',
      submission(w.t.townA.id, { attachments: ['B'.repeat(32)] }),
    );
    expect(refused.statusCode).toBe(422);
    const after = await env()
      .handle.db.selectFrom('notify_outbox')
      .select('id')
      .where('channel', '=', 'sms')
      .execute();
    expect(after).toHaveLength(before.length);
    expect((await submitOk(c, submission(w.t.townA.id))).smsSentTo).toBe('139****5678');
  });
});
