import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { getCase, letter, register } from '../petitions/petitions.test-helper.ts';
import { citizenAddress, receptionWorld, slotBody } from './receptions.test-helper.ts';

// Issue 5 items 3–4: an appointment whose citizen shows up becomes a visit (creating or joining a
// case) and is marked attended; one who does not is marked no-show; public bookings are limited
// per address.

describeEachDialect('appointments that arrive or do not', (env) => {
  async function bookedToday(w: Awaited<ReturnType<typeof receptionWorld>>, date = '2026-11-02') {
    const slot = await w.clerk.session.inject({
      method: 'POST',
      url: '/api/v1/reception-slots',
      payload: slotBody(w.t.townA.id, w.leader.id, { date, capacity: 5 }),
    });
    expect(slot.statusCode, slot.body).toBe(201);
    const booking = await w.clerk.session.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      payload: {
        slotId: slot.json().id,
        name: '王五',
        phone: '13700001111',
        topic: '宅基地审批迟迟没有结果',
      },
    });
    expect(booking.statusCode, booking.body).toBe(201);
    return { slotId: slot.json().id as string, appointmentId: booking.json().id as string };
  }

  it('turns an arrival into a visit with a new case from the appointment, received by the slot leader', async () => {
    const w = await receptionWorld(env());
    const { slotId, appointmentId } = await bookedToday(w);
    const arrive = await w.clerk.session.inject({
      method: 'POST',
      url: `/api/v1/appointments/${appointmentId}/arrive`,
      payload: { peopleCount: 1, petition: { classification: 'appeal', category: '征地拆迁' } },
    });
    expect(arrive.statusCode, arrive.body).toBe(201);
    const visit = arrive.json();
    expect(visit).toMatchObject({
      unitId: w.t.townA.id,
      on: '2026-11-02',
      leaderId: w.leader.id,
      appointmentId,
      note: '预约接访：宅基地审批迟迟没有结果',
    });
    const c = (await getCase(w.clerk.session, visit.createdPetition.id)).json();
    expect(c).toMatchObject({ channel: 'visit', title: '宅基地审批迟迟没有结果' });
    expect(c.petitioners[0].name).toBe('王五');
    expect(c.petitioners[0].phone).toBe('137****1111');

    const list = await w.clerk.session.inject({
      method: 'GET',
      url: `/api/v1/reception-slots/${slotId}/appointments`,
    });
    expect(list.json().items[0]).toMatchObject({ status: 'attended', receptionId: visit.id });
    const again = await w.clerk.session.inject({
      method: 'POST',
      url: `/api/v1/appointments/${appointmentId}/arrive`,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已登记到访');
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', appointmentId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('reception.appointment_arrive');
  });

  it('joins an existing case on arrival, marks no-shows, and refuses both before the day', async () => {
    const w = await receptionWorld(env());
    const petition = await register(w.clerk.session, letter(w.t.townA.id));
    const first = await bookedToday(w);
    const joined = await w.clerk.session.inject({
      method: 'POST',
      url: `/api/v1/appointments/${first.appointmentId}/arrive`,
      payload: { petitionId: petition.id, peopleCount: 2 },
    });
    expect(joined.statusCode, joined.body).toBe(201);
    expect(joined.json().petitionId).toBe(petition.id);
    const events = (await getCase(w.clerk.session, petition.id)).json().events;
    expect(events.some((e: { action: string }) => e.action === 'reception')).toBe(true);

    const second = await bookedToday(w);
    const noShow = await w.clerk.session.inject({
      method: 'POST',
      url: `/api/v1/appointments/${second.appointmentId}/no-show`,
    });
    expect(noShow.statusCode, noShow.body).toBe(200);
    expect(noShow.json()).toMatchObject({ status: 'no_show', statusAt: '2026-11-02T02:00:00.000Z' });
    const late = await w.clerk.session.inject({
      method: 'POST',
      url: `/api/v1/appointments/${second.appointmentId}/arrive`,
      payload: {},
    });
    expect(late.statusCode).toBe(409);

    const future = await bookedToday(w, '2026-11-10');
    for (const step of ['arrive', 'no-show']) {
      const early = await w.clerk.session.inject({
        method: 'POST',
        url: `/api/v1/appointments/${future.appointmentId}/${step}`,
        payload: {},
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toContain('2026-11-10');
    }
    const outside = await w.people(w.t.townB.id, ['clerk']);
    const theirs = await outside.session.inject({
      method: 'POST',
      url: `/api/v1/appointments/${future.appointmentId}/no-show`,
    });
    expect(theirs.statusCode).toBe(404);
    const handler = await w.people(w.t.townA.id, ['handler']);
    const notAllowed = await handler.session.inject({
      method: 'POST',
      url: `/api/v1/appointments/${future.appointmentId}/no-show`,
    });
    expect(notAllowed.statusCode).toBe(403);
  });

  it('limits public bookings to 5 an hour per address with 429 rate_limited and Retry-After', async () => {
    const w = await receptionWorld(env());
    const slot = await w.clerk.session.inject({
      method: 'POST',
      url: '/api/v1/reception-slots',
      payload: slotBody(w.t.townA.id, w.leader.id, { capacity: 50 }),
    });
    const ip = citizenAddress();
    const book = (address: string) =>
      env().app.inject({
        method: 'POST',
        url: '/api/public/appointments',
        remoteAddress: address,
        payload: { slotId: slot.json().id, name: '赵六', phone: '13600002222', topic: '低保申请' },
      });
    for (let i = 0; i < 5; i++) expect((await book(ip)).statusCode).toBe(201);
    const sixth = await book(ip);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('rate_limited');
    expect(sixth.json().error.message).toContain('每小时最多预约5次');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(3000);
    expect((await book(citizenAddress())).statusCode).toBe(201); // another address is not affected
    env().clock.advance(61 * 60 * 1000);
    expect((await book(ip)).statusCode).toBe(201);
    const rows = await env()
      .handle.db.selectFrom('reception_slots')
      .select('booked')
      .where('id', '=', slot.json().id)
      .executeTakeFirstOrThrow();
    expect(Number(rows.booked)).toBe(7);
  });
});
