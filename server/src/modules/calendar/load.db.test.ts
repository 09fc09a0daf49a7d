import { expect, it } from 'vitest';
import { builtInCalendar } from '../../../../shared/calendar/index.ts';
import { SCHEDULE_2027 } from '../../../../shared/calendar/test-fixtures.ts';
import { DEFAULT_RULES } from '../../../../shared/deadlines/index.ts';
import { makeTree } from '../../../test/factories.ts';
import { describeEachDialect } from '../../../test/harness.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { createDb } from '../../platform/db/create-db.ts';
import { upsertCalendarYear, upsertUnitSettings } from './calendar.repository.ts';
import { loadCalendar, loadUnitRules, missingCalendarYears } from './index.ts';

describeEachDialect('calendar loading', (env) => {
  it('knows the built-in years and flags 2027 as missing until it is stored', async () => {
    const before = await loadCalendar(env().handle.db);
    expect(before.hasSchedule(2026)).toBe(true);
    expect(missingCalendarYears(before, new Date('2026-12-31T17:00:00Z'))).toEqual([2027, 2028]);
    expect(missingCalendarYears(before, '2026-11-02')).toEqual([2027]);
    expect(missingCalendarYears(builtInCalendar, '2026-11-02', 1)).toEqual([]);

    // An import made through another connection (another app instance) is seen by the next call.
    const other = createDb(env().config.database);
    try {
      await upsertCalendarYear(other.db, {
        year: 2027,
        schedule_json: JSON.stringify(SCHEDULE_2027),
        source: 'import_json',
        revision: newId(),
        imported_at: env().clock.now().toISOString(),
        imported_by: null,
      });
    } finally {
      await other.close();
    }
    const after = await loadCalendar(env().handle.db);
    expect(after.hasSchedule(2027)).toBe(true);
    expect(after.isRestDay('2027-02-08')).toBe(true);
    expect(after.isWorkday('2027-02-13')).toBe(true);
    expect(missingCalendarYears(after, '2026-11-02')).toEqual([]);
    expect(await loadCalendar(env().handle.db)).toBe(after);
  });

  it('gives a unit its own settings, else the nearest ancestor’s, else the defaults', async () => {
    const t = await makeTree(env());
    const now = env().clock.now().toISOString();
    expect(await loadUnitRules(env().handle.db, t.villageA1.id)).toEqual({
      rules: DEFAULT_RULES.map((r) => ({ ...r })),
      simpleTrack: false,
    });
    await upsertUnitSettings(env().handle.db, {
      unit_id: t.county.id,
      simple_track: 0,
      overrides_json: JSON.stringify([{ id: 'acceptance', count: 10 }]),
      updated_at: now,
      updated_by: null,
    });
    await upsertUnitSettings(env().handle.db, {
      unit_id: t.townA.id,
      simple_track: 1,
      overrides_json: JSON.stringify([{ id: 'handling', unit: 'working_days' }]),
      updated_at: now,
      updated_by: null,
    });
    const village = await loadUnitRules(env().handle.db, t.villageA1.id);
    expect(village.simpleTrack).toBe(true);
    expect(village.rules.find((r) => r.id === 'handling')?.unit).toBe('working_days');
    expect(village.rules.find((r) => r.id === 'acceptance')?.count).toBe(15);
    const west = await loadUnitRules(env().handle.db, t.villageB1.id);
    expect(west.simpleTrack).toBe(false);
    expect(west.rules.find((r) => r.id === 'acceptance')?.count).toBe(10);
  });
});
