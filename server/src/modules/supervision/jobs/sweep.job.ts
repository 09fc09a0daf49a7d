import { z } from 'zod';
import { defineJob, defineSchedule } from '../../../platform/jobs/registry.ts';
import { sweepSupervision } from '../use-cases/sweep.ts';

/** The supervision sweep: deadline reminders, overdue notices and escalations (jobs, not route code). */
export const supervisionSweepJob = defineJob({
  name: 'supervision.sweep',
  schema: z.object({}).strict(),
  handler: async (ctx) => {
    await sweepSupervision(ctx);
  },
});

/** Every morning at 08:00 China Standard Time, before the working day begins. */
export const morningSweep = defineSchedule({
  name: 'supervision-sweep-morning',
  jobName: supervisionSweepJob.name,
  every: 'daily',
  at: '08:00',
  payload: {},
});

/** And at 14:00, so a deadline reached in the morning is noticed the same day. */
export const afternoonSweep = defineSchedule({
  name: 'supervision-sweep-afternoon',
  jobName: supervisionSweepJob.name,
  every: 'daily',
  at: '14:00',
  payload: {},
});
