import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { runDueJobs } from '../../platform/jobs/queue.ts';
import { tickSchedules } from '../../platform/jobs/scheduler.ts';
import { remindLeaders, remindLeadersSchedule } from './jobs/remind-leaders.job.ts';
import { receptionWorld, slotBody } from './receptions.test-helper.ts';

describeEachDialect('leaders are reminded of tomorrow’s receptions', (env) => {
  it('records one reminder per slot of tomorrow, even when two instances tick and run', async () => {
    const e = env();
    const w = await receptionWorld(e);
    const make = async (date: string) => {
      const res = await w.clerk.session.inject({
        method: 'POST',
        url: '/api/v1/reception-slots',
        payload: slotBody(w.t.townA.id, w.leader.id, { date }),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const tomorrow = await make('2026-11-03');
    const later = await make('2026-11-04');
    // 2026-11-02 16:30 in China: the 16:00 run is due.
    e.clock.set('2026-11-02T08:30:00.000Z');
    const deps = { db: e.handle.db, config: e.config, clock: e.clock };
    const first = await tickSchedules(e.handle.db, e.clock, new Map(), [remindLeadersSchedule]);
    const second = await tickSchedules(e.handle.db, e.clock, new Map(), [remindLeadersSchedule]);
    expect(first).toEqual(['receptions-remind-leaders:2026-11-02T16:00']);
    expect(second).toEqual([]);
    await Promise.all([runDueJobs(deps, { workerId: 'a' }), runDueJobs(deps, { workerId: 'b' })]);
    const reminders = await e.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'reception.reminder')
      .where('subject_id', 'in', [tomorrow, later])
      .execute();
    expect(reminders.map((r) => r.subject_id)).toEqual([tomorrow]);
    expect(JSON.parse(reminders[0]?.after_json ?? '{}')).toMatchObject({
      leaderId: w.leader.id,
      date: '2026-11-03',
      start: '09:00',
    });
    // The leader sees it in-app, once.
    const bell = await e.handle.db
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('recipient_id', '=', w.leader.id)
      .where('subject_id', 'in', [tomorrow, later])
      .execute();
    expect(bell).toEqual([{ kind: 'reception_reminder', body: expect.stringContaining('2026-11-03') }]);
    // A manual re-run the same day reminds nobody twice.
    const again = await e.handle.db.transaction().execute((trx) => remindLeaders({ ...e.ctx(), db: trx }));
    expect(again).not.toContain(tomorrow);
    e.clock.set('2026-11-02T02:00:00.000Z');
  });
});
