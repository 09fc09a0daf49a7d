import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { SAMPLES } from '../../platform/files/sample-files.test-helper.ts';
import { act, actOk, getCase, letter, petitionWorld, register } from './petitions.test-helper.ts';

describeEachDialect('petitions: concurrent requests', (env) => {
  it('gives concurrent registrations at one unit distinct, consecutive numbers', async () => {
    const w = await petitionWorld(env());
    const a = await w.people(w.t.townB.id, ['clerk']);
    const b = await w.people(w.t.townB.id, ['clerk']);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).session.inject({
          method: 'POST',
          url: '/api/v1/petitions',
          payload: letter(w.t.townB.id),
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const numbers = results.map((r) => r.json().number as string).sort();
    expect(new Set(numbers).size).toBe(8);
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `西山乡信〔2026〕${i + 1}号`).sort());
  });

  it('lets one of two simultaneous decisions win and answers the other 409, leaving one timeline entry', async () => {
    const w = await petitionWorld(env());
    const a = await w.people(w.t.townA.id, ['clerk']);
    const b = await w.people(w.t.townA.id, ['clerk']);
    const { id } = await register(a.session, letter(w.t.townA.id));
    const [x, y] = await Promise.all([
      act(a.session, id, { action: 'accept' }),
      act(b.session, id, { action: 'reject', reason: '不属于信访事项' }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const c = (await getCase(a.session, id)).json();
    expect(
      c.events.map((e: { action: string }) => e.action).filter((e: string) => e !== 'register'),
    ).toHaveLength(1);
    expect(c.documents).toHaveLength(1);
  });

  it('numbers timeline entries of an attachment and a decision made at the same moment', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const handler = await w.people(w.t.townA.id, ['handler']);
    const { id } = await register(clerk.session, letter(w.t.townA.id));
    const boundary = '----concurrent';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      SAMPLES.pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const [upload, accept] = await Promise.all([
      handler.session.inject({
        method: 'POST',
        url: `/api/v1/petitions/${id}/attachments`,
        payload: body,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      }),
      act(clerk.session, id, { action: 'accept' }),
    ]);
    expect([upload.statusCode, accept.statusCode]).toEqual([201, 200]);
    const rows = await env()
      .handle.db.selectFrom('petition_events')
      .select('seq')
      .where('petition_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it('lists a handler’s own cases with mine=true', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const handler = await w.people(w.t.townA.id, ['handler']);
    const helper = await w.people(w.t.townA.id, ['handler']);
    const mineCase = await register(clerk.session, letter(w.t.townA.id));
    await register(clerk.session, letter(w.t.townA.id));
    await actOk(clerk.session, mineCase.id, { action: 'accept' });
    await actOk(clerk.session, mineCase.id, {
      action: 'assign',
      handlerId: handler.id,
      coHandlerIds: [helper.id],
      opinion: '请办理',
    });
    for (const who of [handler, helper]) {
      const list = (await who.session.inject({ method: 'GET', url: '/api/v1/petitions?mine=true' })).json();
      expect(list.items.map((i: { id: string }) => i.id)).toEqual([mineCase.id]);
      expect(list.items[0].handlerName).toBeTruthy();
    }
    const all = (await handler.session.inject({ method: 'GET', url: '/api/v1/petitions' })).json();
    expect(all.total).toBe(2);
  });
});
