import { afterEach, expect, it } from 'vitest';
import { SCHEDULE_2027 } from '../../../../shared/calendar/test-fixtures.ts';
import { describeEachDialect, TEST_NOW, type TestEnv } from '../../../test/harness.ts';
import { newId } from '../../platform/crypto/ids.ts';
import '../../platform/jobs/catalogue.ts';
import { allSchedules, getJob } from '../../platform/jobs/registry.ts';
import { upsertCalendarYear } from './calendar.repository.ts';
import { checkMissingYears } from './jobs/check-missing-year.job.ts';

function runCheck(env: TestEnv) {
  return env.handle.db.transaction().execute((trx) => checkMissingYears({ ...env.ctx(), db: trx }));
}

async function missingYearAudits(env: TestEnv) {
  return env.handle.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'calendar.missing_year')
    .orderBy('seq')
    .execute();
}

describeEachDialect('calendar: daily missing-year check', (env) => {
  afterEach(() => env().clock.set(TEST_NOW));

  it('is a registered daily job', () => {
    expect(getJob('calendar.check_missing_year')).toBeDefined();
    expect(allSchedules().find((s) => s.jobName === 'calendar.check_missing_year')).toMatchObject({
      every: 'daily',
      at: '08:30',
    });
  });

  it('audits a missing next year once per China day from 1 December, and stops once it is imported', async () => {
    // 30 November 23:00 in China: nothing to report yet.
    env().clock.set('2026-11-30T15:00:00.000Z');
    expect(await runCheck(env())).toEqual([]);

    // 1 December 08:30 in China: 2027 is missing.
    env().clock.set('2026-12-01T00:30:00.000Z');
    expect(await runCheck(env())).toEqual([2027]);
    expect(await runCheck(env())).toEqual([]);
    const first = await missingYearAudits(env());
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ subject_type: 'calendar_year', subject_id: '2027', actor_id: null });
    expect(JSON.parse(first[0]!.after_json!)).toMatchObject({
      year: 2027,
      on: '2026-12-01',
      message: expect.stringMatching(/^2027年度节假日安排尚未录入/),
    });

    // Late that evening in China (still 1 December): no second entry.
    env().clock.set('2026-12-01T15:30:00.000Z');
    expect(await runCheck(env())).toEqual([]);
    // The next China day (16:00 UTC = 00:00 in China): reported again, through the registered job.
    env().clock.set('2026-12-01T16:00:00.000Z');
    await env()
      .handle.db.transaction()
      .execute((trx) => getJob('calendar.check_missing_year')!.handler({ ...env().ctx(), db: trx }, {}));
    expect(await missingYearAudits(env())).toHaveLength(2);

    await upsertCalendarYear(env().handle.db, {
      year: 2027,
      schedule_json: JSON.stringify(SCHEDULE_2027),
      source: 'import_json',
      revision: newId(),
      imported_at: env().clock.now().toISOString(),
      imported_by: null,
    });
    env().clock.set('2026-12-03T01:00:00.000Z');
    expect(await runCheck(env())).toEqual([]);
    expect(await missingYearAudits(env())).toHaveLength(2);
  });
});
