import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { citizenAddress, receptionWorld, slotBody } from './receptions.test-helper.ts';

const appt = (slotId: string, over: Record<string, unknown> = {}) => ({
  slotId,
  name: '李四',
  phone: '13912345678',
  topic: '宅基地纠纷',
  ...over,
});

describeEachDialect('reception slots and appointments', (env) => {
  it('schedules a slot for a leader and lists it with booked and remaining places', async () => {
    const w = await receptionWorld(env());
    const res = await w.clerk.session.inject({
      method: 'POST',
      url: '/api/v1/reception-slots',
      payload: slotBody(w.t.townA.id, w.leader.id, { capacity: 3 }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const slot = res.json();
    expect(slot).toMatchObject({
      unitId: w.t.townA.id,
      unitName: '东城镇',
      leaderId: w.leader.id,
      date: '2026-11-10',
      start: '09:00',
      end: '11:30',
      capacity: 3,
      booked: 0,
      remaining: 3,
    });
    const list = await w.leader.session.inject({
      method: 'GET',
      url: `/api/v1/reception-slots?unitId=${w.t.townA.id}&from=2026-11-01&to=2026-11-30`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([slot.id]);
    const second = await w.clerk.session.inject({
      method: 'POST',
      url: '/api/v1/reception-slots',
      payload: slotBody(w.t.townA.id, w.leader.id, { date: '2026-11-11' }),
    });
    const paged = await w.leader.session.inject({
      method: 'GET',
      url: `/api/v1/reception-slots?unitId=${w.t.townA.id}&pageSize=1&page=2`,
    });
    expect(paged.json()).toMatchObject({ total: 2, items: [{ id: second.json().id }] });
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/reception-slots', '/api/public/appointments', '/api/v1/receptions']),
    );
    const outside = await w.people(w.t.townB.id, ['clerk']);
    const theirs = await outside.session.inject({ method: 'GET', url: '/api/v1/reception-slots' });
    expect(theirs.json().items.map((s: { id: string }) => s.id)).not.toContain(slot.id);
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'reception.slot_create')
      .where('subject_id', '=', slot.id)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('answers 401, 400, 403, 404 and 422 for wrong slot requests', async () => {
    const w = await receptionWorld(env());
    const body = slotBody(w.t.townA.id, w.leader.id);
    const anon = await env().app.inject({ method: 'POST', url: '/api/v1/reception-slots', payload: body });
    expect(anon.statusCode).toBe(401);
    const post = (s: typeof w.clerk, over: Record<string, unknown>) =>
      s.session.inject({ method: 'POST', url: '/api/v1/reception-slots', payload: { ...body, ...over } });
    for (const [over, field] of [
      [{ date: '2026-11-01' }, 'date'],
      [{ end: '08:00' }, 'end'],
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 201 }, 'capacity'],
      [{ start: '9:00' }, 'start'],
    ] as const) {
      const res = await post(w.clerk, over);
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(JSON.stringify(res.json().error)).toContain(field);
    }
    const handler = await w.people(w.t.townA.id, ['handler']);
    expect((await post(handler, {})).statusCode).toBe(403);
    const outside = await w.people(w.t.townB.id, ['clerk']);
    expect((await post(outside, {})).json().error.code).toBe('not_found');
    const notLeader = await w.people(w.t.townA.id, ['clerk']);
    const res = await post(w.clerk, { leaderId: notLeader.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('invalid_reference');
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/reception-slots' })).statusCode).toBe(401);
    const gone = await w.people(w.t.townA.id, ['leader']);
    await env().handle.db.updateTable('users').set({ disabled: 1 }).where('id', '=', gone.id).execute();
    expect((await post(w.clerk, { leaderId: gone.id })).statusCode).toBe(422);
  });

  it('returns the first code to a retried booking and closes a slot once its day has passed', async () => {
    const w = await receptionWorld(env());
    const slot = (
      await w.clerk.session.inject({
        method: 'POST',
        url: '/api/v1/reception-slots',
        payload: slotBody(w.t.townA.id, w.leader.id, { date: '2026-11-02', capacity: 5 }),
      })
    ).json();
    const ip = citizenAddress();
    const book = () =>
      env().app.inject({
        method: 'POST',
        url: '/api/public/appointments',
        remoteAddress: ip,
        headers: { 'idempotency-key': `retry-${slot.id}` },
        payload: appt(slot.id),
      });
    const first = await book();
    const retry = await book();
    expect(first.statusCode, first.body).toBe(201);
    expect(retry.json().code).toBe(first.json().code);
    const row = await env()
      .handle.db.selectFrom('reception_slots')
      .select('booked')
      .where('id', '=', slot.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.booked)).toBe(1);
    env().clock.set('2026-11-02T16:30:00.000Z'); // 3 November in China
    try {
      const late = await env().app.inject({
        method: 'POST',
        url: '/api/public/appointments',
        remoteAddress: citizenAddress(),
        payload: appt(slot.id),
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('slot_full');
      const pub = await env().app.inject({
        method: 'GET',
        url: `/api/public/reception-slots?unitId=${w.t.townA.id}`,
      });
      expect(pub.json().items.map((s: { id: string }) => s.id)).not.toContain(slot.id);
    } finally {
      env().clock.set('2026-11-02T02:00:00.000Z');
    }
  });

  it('lets a citizen see upcoming slots and book one, the phone masked for staff', async () => {
    const w = await receptionWorld(env());
    const make = async (over: Record<string, unknown>) =>
      (
        await w.clerk.session.inject({
          method: 'POST',
          url: '/api/v1/reception-slots',
          payload: slotBody(w.t.townA.id, w.leader.id, over),
        })
      ).json();
    const slot = await make({ capacity: 2 });
    const today = await make({ date: '2026-11-02', capacity: 1 });
    const pub = await env().app.inject({
      method: 'GET',
      url: `/api/public/reception-slots?unitId=${w.t.townA.id}`,
    });
    expect(pub.statusCode).toBe(200);
    const items = pub.json().items;
    expect(items.map((s: { id: string }) => s.id)).toEqual([today.id, slot.id]);
    expect(items[1]).toEqual({
      id: slot.id,
      date: '2026-11-10',
      start: '09:00',
      end: '11:30',
      place: '东城镇信访接待室',
      leaderName: expect.any(String),
      remaining: 2,
    });
    expect(
      (await env().app.inject({ method: 'GET', url: '/api/public/reception-slots?unitId=nope' })).statusCode,
    ).toBe(404);
    expect((await env().app.inject({ method: 'GET', url: '/api/public/reception-slots' })).statusCode).toBe(
      400,
    );

    const booked = await env().app.inject({
      method: 'POST',
      url: '/api/public/appointments',
      remoteAddress: citizenAddress(),
      payload: appt(slot.id),
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json().code).toMatch(/^[2-9A-Z]{12}$/);
    const bad = await env().app.inject({
      method: 'POST',
      url: '/api/public/appointments',
      remoteAddress: citizenAddress(),
      payload: appt(slot.id, { phone: '12345678901' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('phone');
    const missing = await env().app.inject({
      method: 'POST',
      url: '/api/public/appointments',
      remoteAddress: citizenAddress(),
      payload: appt('nope'),
    });
    expect(missing.statusCode).toBe(404);

    const row = await env()
      .handle.db.selectFrom('reception_appointments')
      .selectAll()
      .where('slot_id', '=', slot.id)
      .executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13912345678');
    const list = await w.leader.session.inject({
      method: 'GET',
      url: `/api/v1/reception-slots/${slot.id}/appointments`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        code: booked.json().code,
        name: '李四',
        phone: '139****5678',
        channel: 'portal',
      }),
    ]);
    expect(list.body).not.toContain('13912345678');
    const after = await env().app.inject({
      method: 'GET',
      url: `/api/public/reception-slots?unitId=${w.t.townA.id}`,
    });
    expect(after.json().items[1].remaining).toBe(1);
  });

  it('books by phone for staff in scope and refuses a full slot with 409 slot_full', async () => {
    const w = await receptionWorld(env());
    const slot = (
      await w.clerk.session.inject({
        method: 'POST',
        url: '/api/v1/reception-slots',
        payload: slotBody(w.t.townA.id, w.leader.id, { capacity: 1 }),
      })
    ).json();
    const post = (s: typeof w.clerk, body: Record<string, unknown>) =>
      s.session.inject({ method: 'POST', url: '/api/v1/appointments', payload: body });
    expect(
      (await env().app.inject({ method: 'POST', url: '/api/v1/appointments', payload: appt(slot.id) }))
        .statusCode,
    ).toBe(401);
    expect((await post(w.clerk, appt(slot.id, { name: '' }))).statusCode).toBe(400);
    const handler = await w.people(w.t.townA.id, ['handler']);
    expect((await post(handler, appt(slot.id))).statusCode).toBe(403);
    const outside = await w.people(w.t.townB.id, ['clerk']);
    expect((await post(outside, appt(slot.id))).statusCode).toBe(404);
    const ok = await post(w.clerk, appt(slot.id));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ slotId: slot.id, code: expect.any(String) });
    const full = await post(w.clerk, appt(slot.id));
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('slot_full');
    const pubFull = await env().app.inject({
      method: 'POST',
      url: '/api/public/appointments',
      remoteAddress: citizenAddress(),
      payload: appt(slot.id),
    });
    expect(pubFull.json().error.code).toBe('slot_full');
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'reception.appointment_book')
      .where('subject_id', '=', ok.json().id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(w.clerk.id);
    expect(audit.after_json).not.toContain('13912345678');
    const list = await outside.session.inject({
      method: 'GET',
      url: `/api/v1/reception-slots/${slot.id}/appointments`,
    });
    expect(list.statusCode).toBe(404);
    const adminUser = await w.people(w.t.townA.id, ['sysadmin']);
    const denied = await adminUser.session.inject({
      method: 'GET',
      url: `/api/v1/reception-slots/${slot.id}/appointments`,
    });
    expect(denied.statusCode).toBe(403);
  });
});
