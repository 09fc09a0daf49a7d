import type { Db } from '../../platform/db/schema.ts';
import { settingsForPath } from './supervision.repository.ts';
import { DEFAULT_REMIND_DAYS, DEFAULT_REPLY_WORKING_DAYS } from './supervision.ts';

/** The supervision settings in force for a unit, and where they come from. */
export interface EffectiveSettings {
  remindDays: number;
  replyWorkingDays: number;
  /** The unit id whose row applies, '*' for the global row, null for the built-in defaults. */
  source: string | null;
}

/**
 * The settings of a unit: its own row, else the nearest ancestor's, else the global '*' row, else
 * the defaults (3 days' reminder, 5 working days to reply).
 */
export async function effectiveSettings(db: Db, unitPath: string): Promise<EffectiveSettings> {
  const rows = await settingsForPath(db, unitPath);
  const chain = unitPath.split('/').filter(Boolean).reverse();
  for (const id of [...chain, '*']) {
    const r = rows.find((x) => x.unit_id === id);
    if (r)
      return {
        remindDays: Number(r.remind_days),
        replyWorkingDays: Number(r.reply_working_days),
        source: id,
      };
  }
  return { remindDays: DEFAULT_REMIND_DAYS, replyWorkingDays: DEFAULT_REPLY_WORKING_DAYS, source: null };
}
