import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { addDays, chinaDate } from '../../../platform/jobs/china-time.ts';
import { defineJob, defineSchedule } from '../../../platform/jobs/registry.ts';
import { notifyUsers } from '../../../platform/notify/notifications.ts';
import { hasAudit, listSlotsOn } from '../receptions.repository.ts';

/**
 * Reminds each leader of tomorrow's reception slots (China date) by an in-app notification and an
 * audit entry 'reception.reminder' per slot, at most once per slot even if the job runs again.
 * Returns the ids of the slots reminded.
 */
export async function remindLeaders(ctx: Ctx): Promise<string[]> {
  const tomorrow = addDays(chinaDate(ctx.clock.now()), 1);
  const reminded: string[] = [];
  for (const slot of await listSlotsOn(ctx.db, tomorrow)) {
    if (await hasAudit(ctx.db, 'reception.reminder', 'reception_slot', slot.id)) continue;
    const message = `${slot.leader_name}：您明天（${slot.date}）${slot.start_time}–${slot.end_time}在${slot.place}接访，已预约${Number(slot.booked)}人。`;
    await notifyUsers(ctx, [slot.leader_id], {
      kind: 'reception_reminder',
      title: `明天接访：${slot.start_time}–${slot.end_time} ${slot.place}`,
      body: message,
      link: '/receptions',
      subjectType: 'reception_slot',
      subjectId: slot.id,
      dedupKey: `reception-reminder:${slot.id}`,
    });
    await recordAudit(ctx, {
      action: 'reception.reminder',
      subjectType: 'reception_slot',
      subjectId: slot.id,
      unitId: slot.unit_id,
      actorId: null,
      actorName: null,
      after: {
        leaderId: slot.leader_id,
        date: slot.date,
        start: slot.start_time,
        end: slot.end_time,
        place: slot.place,
        booked: Number(slot.booked),
        message,
      },
    });
    reminded.push(slot.id);
  }
  return reminded;
}

/** The daily reminder of tomorrow's reception slots (issue 5: reminders to the leader the day before). */
export const remindLeadersJob = defineJob({
  name: 'receptions.remind_leaders',
  schema: z.object({}).strict(),
  handler: async (ctx) => {
    await remindLeaders(ctx);
  },
});

/** Every day at 16:00 China Standard Time, while leaders are still at work to plan tomorrow. */
export const remindLeadersSchedule = defineSchedule({
  name: 'receptions-remind-leaders',
  jobName: remindLeadersJob.name,
  every: 'daily',
  at: '16:00',
  payload: {},
});
