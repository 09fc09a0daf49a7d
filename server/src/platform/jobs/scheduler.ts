import type { Clock } from '../clock.ts';
import type { Db } from '../db/schema.ts';
import { addDays, chinaDate, chinaInstant, chinaTime } from './china-time.ts';
import { enqueue } from './queue.ts';
import { allSchedules, type ScheduleDefinition } from './registry.ts';

/**
 * The latest run of a daily schedule that is due at `now`, with its deterministic id
 * `${name}:${YYYY-MM-DDTHH:MM}` (China Standard Time): every instance computes the same id.
 */
export function dueRun(schedule: ScheduleDefinition, now: Date): { id: string; runAt: Date } {
  const today = chinaDate(now);
  const day = chinaTime(now) >= schedule.at ? today : addDays(today, -1);
  return { id: `${schedule.name}:${day}T${schedule.at}`, runAt: chinaInstant(day, schedule.at) };
}

/**
 * One scheduler tick: enqueues the due run of every schedule with insert-or-ignore, so several
 * instances ticking at once enqueue each run once. A run missed while every instance was down is
 * enqueued once at the next tick; older missed days are not replayed. `seen` (per instance)
 * remembers runs already enqueued so that a tick costs no write until the next run is due.
 * Returns the ids this tick enqueued.
 */
export async function tickSchedules(
  db: Db,
  clock: Clock,
  seen: Map<string, string> = new Map(),
  schedules: ScheduleDefinition[] = allSchedules(),
): Promise<string[]> {
  const out: string[] = [];
  for (const s of schedules) {
    const run = dueRun(s, clock.now());
    if (seen.get(s.name) === run.id) continue;
    const { enqueued } = await enqueue(db, s.jobName, s.payload, { id: run.id, runAt: run.runAt, clock });
    seen.set(s.name, run.id);
    if (enqueued) out.push(run.id);
  }
  return out;
}
