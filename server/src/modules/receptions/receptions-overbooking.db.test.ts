import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { createDb } from '../../platform/db/create-db.ts';
import { citizenAddress, receptionWorld, slotBody } from './receptions.test-helper.ts';

// issue 5 "Done means": 50 parallel bookings for 10 places → exactly 10 × 201 and 40 × 409.

const booking = (slotId: string, i: number) => ({
  method: 'POST' as const,
  url: '/api/public/appointments',
  remoteAddress: citizenAddress(),
  payload: { slotId, name: `预约人${i}`, phone: `139${String(10000000 + i).slice(-8)}`, topic: '土地承包' },
});

describeEachDialect('reception slots are never overbooked', (env) => {
  async function tenPlaceSlot() {
    const w = await receptionWorld(env());
    const res = await w.clerk.session.inject({
      method: 'POST',
      url: '/api/v1/reception-slots',
      payload: slotBody(w.t.townA.id, w.leader.id, { capacity: 10 }),
    });
    expect(res.statusCode, res.body).toBe(201);
    return { w, slotId: res.json().id as string };
  }

  async function expectTenBooked(slotId: string, statuses: number[], codes: string[]) {
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    expect(codes.filter((c) => c !== 'slot_full')).toEqual([]);
    const slot = await env()
      .handle.db.selectFrom('reception_slots')
      .select(['booked', 'capacity'])
      .where('id', '=', slotId)
      .executeTakeFirstOrThrow();
    expect(Number(slot.booked)).toBe(10);
    const rows = await env()
      .handle.db.selectFrom('reception_appointments')
      .select('id')
      .where('slot_id', '=', slotId)
      .execute();
    expect(rows).toHaveLength(10);
  }

  it('gives 10 of 50 parallel bookings a place and answers slot_full to the other 40', async () => {
    const { slotId } = await tenPlaceSlot();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => env().app.inject(booking(slotId, i))),
    );
    const codes = results.filter((r) => r.statusCode !== 201).map((r) => r.json().error.code);
    await expectTenBooked(
      slotId,
      results.map((r) => r.statusCode),
      codes,
    );
  }, 60_000);

  it('holds with two app instances on one database', async () => {
    const { slotId } = await tenPlaceSlot();
    const e = env();
    // A second connection to the same database (the same SQLite file, or the same PostgreSQL database).
    const second = createDb(e.config.database);
    const other = await buildApp({ config: e.config, handle: second, clock: e.clock });
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? other : e.app).inject(booking(slotId, i))),
      );
      const codes = results.filter((r) => r.statusCode !== 201).map((r) => r.json().error?.code ?? r.body);
      await expectTenBooked(
        slotId,
        results.map((r) => r.statusCode),
        codes,
      );
    } finally {
      await other.close();
      await second.close();
    }
  }, 60_000);
});
