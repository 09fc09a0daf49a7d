import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { QUERY_CODE_ALPHABET } from './personal-data.ts';
import { getCase, letter, petitionWorld, register } from './petitions.test-helper.ts';

describeEachDialect('petitions: registration', (env) => {
  it('registers a letter: number, query code, acceptance deadline naming its rule, audit without personal data', async () => {
    env().clock.set('2026-09-21T02:00:00.000Z');
    try {
      const w = await petitionWorld(env());
      const clerk = await w.people(w.t.townA.id, ['clerk']);
      const res = await clerk.session.inject({
        method: 'POST',
        url: '/api/v1/petitions',
        payload: letter(w.t.townA.id, { receivedOn: '2026-09-20' }),
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        status: 'registered',
        number: '东城镇信〔2026〕1号',
        duplicateCandidates: [],
      });
      expect(body.queryCode).toHaveLength(12);
      expect([...body.queryCode].every((c: string) => QUERY_CODE_ALPHABET.includes(c))).toBe(true);
      const acceptance = body.deadlines.find((d: { kind: string }) => d.kind === 'acceptance');
      expect(acceptance).toMatchObject({
        due: '2026-10-08',
        ruleId: 'acceptance',
        status: 'open',
        duty: true,
      });
      expect(acceptance.rule).toContain('15个自然日');
      expect(acceptance.rule).toContain('信访工作条例第22、23条');

      const second = await register(clerk.session, letter(w.t.townA.id, { receivedOn: '2026-09-20' }));
      expect(second.number).toBe('东城镇信〔2026〕2号');
      expect(second.queryCode).not.toBe(body.queryCode);

      const audit = await env()
        .handle.db.selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', body.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['petition.register']);
      const after = audit[0]?.after_json ?? '';
      expect(after).toContain('"status":"registered"');
      for (const secret of ['330102199001011234', '13800135678', '张三', '东城一村3组', body.queryCode])
        expect(after).not.toContain(secret);
    } finally {
      env().clock.set('2026-11-02T02:00:00.000Z');
    }
  });

  it('numbers per unit and year: another unit starts at 1', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.county.id, ['clerk']);
    const a = await register(clerk.session, letter(w.t.townB.id));
    const b = await register(clerk.session, letter(w.t.townB.id));
    const c = await register(clerk.session, letter(w.t.dept.id));
    expect([a.number, b.number, c.number]).toEqual([
      '西山乡信〔2026〕1号',
      '西山乡信〔2026〕2号',
      '县人社局信〔2026〕1号',
    ]);
  });

  it('masks ID numbers and phones in every response and keeps them out of the raw database file', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const canaryId = '11010519491231002X';
    const canaryPhone = '13912345678';
    const created = await register(
      clerk.session,
      letter(w.t.townA.id, { petitioners: [{ name: '李四', idNumber: canaryId, phone: canaryPhone }] }),
    );
    const detail = await getCase(clerk.session, created.id);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().petitioners[0]).toMatchObject({
      idNumber: '1101**********002X',
      phone: '139****5678',
    });
    const list = await clerk.session.inject({ method: 'GET', url: '/api/v1/petitions?pageSize=200' });
    for (const body of [JSON.stringify(created), detail.body, list.body]) {
      expect(body).not.toContain(canaryId);
      expect(body).not.toContain(canaryPhone);
    }
    if (env().dialect === 'sqlite') {
      env().handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
      const dir = env().dataDir;
      const files = fs.readdirSync(dir).filter((f) => f.startsWith('huiyin.sqlite'));
      expect(files).toContain('huiyin.sqlite');
      for (const f of files) {
        const raw = fs.readFileSync(path.join(dir, f));
        expect(raw.includes(Buffer.from(canaryId)), f).toBe(false);
        expect(raw.includes(Buffer.from(canaryPhone)), f).toBe(false);
        expect(raw.includes(Buffer.from(created.queryCode)), f).toBe(false);
      }
    } else {
      const rows = await env().handle.db.selectFrom('petitioners').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(canaryId);
    }
  });

  it('refuses a future or impossible received date with 400 naming the field', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    for (const receivedOn of ['2026-11-03', '2026-02-30', '2026-13-01', 'yesterday']) {
      const res = await clerk.session.inject({
        method: 'POST',
        url: '/api/v1/petitions',
        payload: letter(w.t.townA.id, { receivedOn }),
      });
      expect(res.statusCode, receivedOn).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(JSON.stringify(res.json().error)).toContain('receivedOn');
    }
    // Today (China time: the clock is 2026-11-02T02:00Z, i.e. 10:00 in Beijing) is fine.
    await register(clerk.session, letter(w.t.townA.id, { receivedOn: '2026-11-02' }));
  });

  it('checks people, representatives, categories and accused with clear errors', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const post = (over: Record<string, unknown>) =>
      clerk.session.inject({ method: 'POST', url: '/api/v1/petitions', payload: letter(w.t.townA.id, over) });
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `代表${i}`, isRepresentative: true }));
    expect((await post({ peopleCount: 0 })).statusCode).toBe(400);
    expect((await post({ petitioners: [] })).statusCode).toBe(400);
    expect((await post({ peopleCount: 1, petitioners: six.slice(0, 2) })).statusCode).toBe(400);
    const tooMany = await post({ peopleCount: 30, petitioners: six });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toContain('不超过5人');
    const five = await post({ peopleCount: 30, petitioners: six.slice(0, 5) });
    expect(five.statusCode, five.body).toBe(201);
    const collective = await getCase(clerk.session, five.json().id);
    expect(
      collective.json().petitioners.every((p: { isRepresentative: boolean }) => p.isRepresentative),
    ).toBe(true);

    const unknown = await post({ category: '不存在的类别' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toContain('类别目录');
    const accusedOnAppeal = await post({ accused: { unitId: w.t.villageA1.id } });
    expect(accusedOnAppeal.statusCode).toBe(400);
    expect(JSON.stringify(accusedOnAppeal.json())).toContain('accused');
    expect((await post({ petitioners: [{ name: '王五', idNumber: '1234' }] })).statusCode).toBe(400);
  });

  it('refuses an accusation against the receiving unit or one above it, saying where it must go', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const accuse = (unitId: string) =>
      clerk.session.inject({
        method: 'POST',
        url: '/api/v1/petitions',
        payload: letter(w.t.townA.id, { classification: 'accusation', accused: { unitId, name: '某某' } }),
      });
    const self = await accuse(w.t.townA.id);
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('confidential_routing');
    expect(self.json().error.message).toContain('测试县');
    expect((await accuse(w.t.county.id)).statusCode).toBe(422);
    // A village below the township may be accused there.
    expect((await accuse(w.t.villageA1.id)).statusCode).toBe(201);
  });

  it('offers the same petitioner’s other visible cases as candidates with score 1', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const idNumber = '330102198502023456';
    const first = await register(
      clerk.session,
      letter(w.t.townA.id, { petitioners: [{ name: '赵六', idNumber: idNumber.toLowerCase() }] }),
    );
    const again = await register(
      clerk.session,
      letter(w.t.townA.id, { petitioners: [{ name: '赵六', idNumber }] }),
    );
    expect(again.duplicateCandidates).toEqual([
      { id: first.id, number: first.number, score: 1, reason: expect.stringMatching(/^同一信访人/) },
    ]);
    const other = await register(
      clerk.session,
      letter(w.t.townA.id, {
        title: '小区电梯长期故障',
        content: '三号楼电梯坏了两个月，物业一直不修。',
        demands: '请求督促物业维修电梯。',
      }),
    );
    expect(other.duplicateCandidates.map((c: { id: string }) => c.id)).not.toContain(first.id);
  });

  it('replays a registration with the same Idempotency-Key and creates nothing twice', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.villageA1.id, ['clerk']);
    const body = letter(w.t.villageA1.id);
    const send = () =>
      clerk.session.inject({
        method: 'POST',
        url: '/api/v1/petitions',
        payload: body,
        headers: { 'idempotency-key': 'register-once-1' },
      });
    const a = await send();
    const b = await send();
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    const list = await clerk.session.inject({ method: 'GET', url: '/api/v1/petitions' });
    expect(list.json().total).toBe(1);
  });

  it('answers 401 without a session, 403 to roles that do not register, 404 for a unit outside scope', async () => {
    const w = await petitionWorld(env());
    const anonymous = await env().app.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      payload: letter(w.t.townA.id),
    });
    expect(anonymous.statusCode).toBe(401);
    const handler = await w.people(w.t.townA.id, ['handler']);
    expect(
      (
        await handler.session.inject({
          method: 'POST',
          url: '/api/v1/petitions',
          payload: letter(w.t.townA.id),
        })
      ).statusCode,
    ).toBe(403);
    const villageClerk = await w.people(w.t.villageA1.id, ['clerk']);
    expect(
      (
        await villageClerk.session.inject({
          method: 'POST',
          url: '/api/v1/petitions',
          payload: letter(w.t.villageA2.id),
        })
      ).statusCode,
    ).toBe(404);
  });
});
