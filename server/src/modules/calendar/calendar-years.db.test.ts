import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { builtInCalendar } from '../../../../shared/calendar/index.ts';
import { SCHEDULE_2027 } from '../../../../shared/calendar/test-fixtures.ts';
import { makeTree, makeUser } from '../../../test/factories.ts';
import { describeEachDialect, login, type TestEnv } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { createDb } from '../../platform/db/create-db.ts';
import type { Role } from '../../platform/http/context.ts';
import { loadCalendar } from './index.ts';

const HOLIDAYS_ICS = readFileSync(
  new URL('../../../../node_modules/chinese-days/dist/holidays.ics', import.meta.url),
  'utf8',
);

async function sessionAs(env: TestEnv, roles: Role[], unitId?: string) {
  const unit = unitId ?? (await makeTree(env)).county.id;
  const u = await makeUser(env, { unitId: unit, roles });
  return login(env.app, u.username, u.password);
}

async function auditOf(env: TestEnv, action: string, subjectId: string) {
  return env.handle.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
}

/** A schedule for a year no test of this file imports otherwise. */
function scheduleFor(year: number) {
  return {
    year,
    holidays: [{ name: '国庆节', dates: [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`] }],
    makeupWorkdays: [] as string[],
  };
}

describeEachDialect('calendar: years, import and days', (env) => {
  it('answers 401 to every calendar endpoint without a session, before looking at the body', async () => {
    const calls = [
      { method: 'GET' as const, url: '/api/v1/calendar/years' },
      { method: 'GET' as const, url: '/api/v1/calendar/years/2026' },
      { method: 'PUT' as const, url: '/api/v1/calendar/years/2030', payload: { nonsense: true } },
      { method: 'POST' as const, url: '/api/v1/calendar/import', payload: { format: 'xml' } },
      { method: 'GET' as const, url: '/api/v1/calendar/days?from=2026-10-01&to=2026-10-31' },
    ];
    for (const call of calls) {
      const res = await env().app.inject({
        ...call,
        headers: { host: 'localhost:80', origin: 'http://localhost:80' },
      });
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('lists the built-in years to any staff member and warns that next year is missing', async () => {
    const clerk = await sessionAs(env(), ['clerk']);
    const res = await clerk.inject({ method: 'GET', url: '/api/v1/calendar/years' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { year: number }) => i.year)).toEqual(builtInCalendar.years());
    expect(body.total).toBe(builtInCalendar.years().length);
    expect(body.items.find((i: { year: number }) => i.year === 2026)).toEqual({
      year: 2026,
      source: 'built_in',
      holidays: 7,
      restDays: 33,
      makeupWorkdays: 6,
      replacesBuiltIn: false,
    });
    // The fixed clock stands at 2026-11-02: this year is scheduled, next year is not.
    expect(body.missing).toEqual([2027]);
    expect(body.warning).toMatch(/^2027年度节假日安排尚未录入/);
    expect(body.abilities).toEqual({ import: false });

    const auditor = await sessionAs(env(), ['auditor']);
    const asAuditor = await auditor.inject({ method: 'GET', url: '/api/v1/calendar/years' });
    expect(asAuditor.statusCode).toBe(200);
    const admin = await sessionAs(env(), ['sysadmin']);
    const asAdmin = await admin.inject({ method: 'GET', url: '/api/v1/calendar/years' });
    expect(asAdmin.json().abilities).toEqual({ import: true });
  });

  it('shows one year’s schedule, 404 for a year without one, 400 for a year that is not a year', async () => {
    const clerk = await sessionAs(env(), ['clerk']);
    const res = await clerk.inject({ method: 'GET', url: '/api/v1/calendar/years/2026' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2026, source: 'built_in', replacesBuiltIn: false });
    expect(res.json().holidays.find((h: { name: string }) => h.name === '春节').dates).toContain(
      '2026-02-17',
    );
    expect(res.json().makeupWorkdays).toContain('2026-02-14');

    const missing = await clerk.inject({ method: 'GET', url: '/api/v1/calendar/years/2040' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('2040');
    for (const bad of ['abc', '1800', '2026.5']) {
      const res400 = await clerk.inject({ method: 'GET', url: `/api/v1/calendar/years/${bad}` });
      expect(res400.statusCode, bad).toBe(400);
      expect(res400.json().error.code).toBe('validation_failed');
    }
  });

  it('lets only a system administrator enter a year, audited with its counts', async () => {
    const schedule = scheduleFor(2030);
    for (const roles of [['clerk'], ['unit_admin'], ['secadmin']] as Role[][]) {
      const s = await sessionAs(env(), roles);
      const res = await s.inject({ method: 'PUT', url: '/api/v1/calendar/years/2030', payload: schedule });
      expect(res.statusCode, roles.join()).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const admin = await sessionAs(env(), ['sysadmin']);
    const res = await admin.inject({ method: 'PUT', url: '/api/v1/calendar/years/2030', payload: schedule });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      year: 2030,
      source: 'manual',
      replacesBuiltIn: false,
      importedBy: admin.userId,
      holidays: schedule.holidays,
    });
    expect((await loadCalendar(env().handle.db)).isRestDay('2030-10-02')).toBe(true);
    const audit = await auditOf(env(), 'calendar.import', '2030');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(admin.userId);
    expect(JSON.parse(audit[0]!.after_json!)).toEqual({
      year: 2030,
      source: 'manual',
      holidays: 1,
      restDays: 3,
      makeupWorkdays: 0,
    });
    expect(audit[0]!.before_json).toBeNull();

    // An entered year may be corrected by entering it again; the audit keeps what it replaced.
    const corrected = { ...schedule, makeupWorkdays: ['2030-09-29'] };
    const again = await admin.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2030',
      payload: corrected,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().makeupWorkdays).toEqual(['2030-09-29']);
    const audits = await auditOf(env(), 'calendar.import', '2030');
    expect(JSON.parse(audits[1]!.before_json!)).toMatchObject({ source: 'manual', makeupWorkdays: 0 });
  });

  it('refuses an invalid entry with every problem in Chinese: 400 for the structure, 422 for the dates', async () => {
    const admin = await sessionAs(env(), ['sysadmin']);
    const structure = await admin.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2031',
      payload: { holidays: '春节' },
    });
    expect(structure.statusCode).toBe(400);
    expect(structure.json().error.code).toBe('validation_failed');
    expect(structure.json().error.message).toMatch(/holidays|makeupWorkdays/);

    const dates = await admin.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2031',
      payload: {
        holidays: [{ name: '春节', dates: ['2031-02-30', '2031-01-23'] }],
        makeupWorkdays: ['2031-01-23', '2031-03-05'],
      },
    });
    expect(dates.statusCode).toBe(422);
    const { code, details } = dates.json().error;
    expect(code).toBe('invalid_schedule');
    expect(details.problems).toEqual([
      expect.stringContaining('“2031-02-30”不是有效日期'),
      expect.stringContaining('2031-01-23 既列为“春节”的放假日又列为调休上班日'),
      expect.stringContaining('2031-03-05 是星期三，本来就是工作日'),
    ]);

    const mismatch = await admin.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2031',
      payload: { ...scheduleFor(2032) },
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.message).toContain('2032');
    expect((await loadCalendar(env().handle.db)).hasSchedule(2031)).toBe(false);
  });

  it('replaces a built-in year only when told to', async () => {
    const admin = await sessionAs(env(), ['sysadmin']);
    const y2025 = builtInCalendar.schedule(2025)!;
    const payload = { holidays: y2025.holidays, makeupWorkdays: y2025.makeupWorkdays };
    const refused = await admin.inject({ method: 'PUT', url: '/api/v1/calendar/years/2025', payload });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'calendar_year_exists', details: { years: [2025] } });
    expect(refused.json().error.message).toContain('替换');
    const replaced = await admin.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2025?replace=true',
      payload,
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ year: 2025, source: 'manual', replacesBuiltIn: true });
  });

  it('imports chinese-days’ holidays.ics only with replace, since its years are built in', async () => {
    const admin = await sessionAs(env(), ['sysadmin']);
    const unitAdmin = await sessionAs(env(), ['unit_admin']);
    const body = { format: 'ics', content: HOLIDAYS_ICS };
    const forbidden = await unitAdmin.inject({
      method: 'POST',
      url: '/api/v1/calendar/import',
      payload: body,
    });
    expect(forbidden.statusCode).toBe(403);

    const refused = await admin.inject({ method: 'POST', url: '/api/v1/calendar/import', payload: body });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('calendar_year_exists');
    expect(refused.json().error.details.years).toEqual([2024, 2025, 2026]);
    expect(refused.json().error.message).toMatch(/^2024、2025、2026 年的节假日安排已经存在/);
    expect(await auditOf(env(), 'calendar.import', '2024')).toHaveLength(0);

    const res = await admin.inject({
      method: 'POST',
      url: '/api/v1/calendar/import',
      payload: { ...body, replace: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().imported).toEqual([2024, 2025, 2026]);
    expect(res.json().warnings).toContainEqual(
      expect.stringContaining('2026 年原有的节假日安排（系统内置）已被替换'),
    );
    const list = (await admin.inject({ method: 'GET', url: '/api/v1/calendar/years' })).json();
    expect(list.items.find((i: { year: number }) => i.year === 2026)).toMatchObject({
      source: 'import_ics',
      replacesBuiltIn: true,
      holidays: 7,
      makeupWorkdays: 6,
      importedBy: admin.userId,
    });
    // The same schedule as chinese-days: the days did not change.
    const calendar = await loadCalendar(env().handle.db);
    expect(calendar.schedule(2026)).toEqual(builtInCalendar.schedule(2026));
    expect(calendar.isWorkday('2026-02-14')).toBe(true);
    expect(await auditOf(env(), 'calendar.import', '2026')).toHaveLength(1);
  });

  it('imports a 2027 JSON: the calendar knows 2027 and the warning disappears; importing it again needs replace', async () => {
    const admin = await sessionAs(env(), ['sysadmin']);
    const before = (await admin.inject({ method: 'GET', url: '/api/v1/calendar/years' })).json();
    expect(before.missing).toEqual([2027]);
    const payload = { format: 'json', content: JSON.stringify(SCHEDULE_2027) };
    const res = await admin.inject({ method: 'POST', url: '/api/v1/calendar/import', payload });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: [2027], warnings: [] });

    const calendar = await loadCalendar(env().handle.db);
    expect(calendar.hasSchedule(2027)).toBe(true);
    expect(calendar.isRestDay('2027-02-10')).toBe(true);
    expect(calendar.isWorkday('2027-02-13')).toBe(true);
    const after = (await admin.inject({ method: 'GET', url: '/api/v1/calendar/years' })).json();
    expect(after.missing).toEqual([]);
    expect(after.warning).toBeUndefined();
    expect(after.items.find((i: { year: number }) => i.year === 2027)).toMatchObject({
      source: 'import_json',
      replacesBuiltIn: false,
      holidays: 3,
    });

    const again = await admin.inject({ method: 'POST', url: '/api/v1/calendar/import', payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.years).toEqual([2027]);
  });

  it('answers a retried import with the same Idempotency-Key with the first result, importing once', async () => {
    const admin = await sessionAs(env(), ['sysadmin']);
    const send = () =>
      admin.inject({
        method: 'POST',
        url: '/api/v1/calendar/import',
        headers: { 'idempotency-key': 'calendar-2036' },
        payload: { format: 'json', content: JSON.stringify(scheduleFor(2036)) },
      });
    const first = await send();
    expect(first.statusCode).toBe(200);
    const retry = await send();
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replay']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await auditOf(env(), 'calendar.import', '2036')).toHaveLength(1);
  });

  it('refuses a bad import file with its problems in Chinese and stores nothing', async () => {
    const admin = await sessionAs(env(), ['sysadmin']);
    const notJson = await admin.inject({
      method: 'POST',
      url: '/api/v1/calendar/import',
      payload: { format: 'json', content: '{"year": 2033,' },
    });
    expect(notJson.statusCode).toBe(422);
    expect(notJson.json().error.code).toBe('invalid_schedule');
    expect(notJson.json().error.details.problems[0]).toContain('不是有效的 JSON');

    const badDates = await admin.inject({
      method: 'POST',
      url: '/api/v1/calendar/import',
      payload: {
        format: 'json',
        content: JSON.stringify([
          scheduleFor(2033),
          { year: 2034, holidays: [{ name: '春节', dates: ['2034-13-01'] }], makeupWorkdays: [], extra: 1 },
        ]),
      },
    });
    expect(badDates.statusCode).toBe(422);
    const problems: string[] = badDates.json().error.details.problems;
    expect(
      problems.some((p) => p.includes('第 2 个年度安排（2034 年）') && p.includes('不认识的字段 extra')),
    ).toBe(true);
    expect(problems.some((p) => p.includes('“2034-13-01”不是有效日期'))).toBe(true);
    expect((await loadCalendar(env().handle.db)).hasSchedule(2033)).toBe(false);

    const notIcs = await admin.inject({
      method: 'POST',
      url: '/api/v1/calendar/import',
      payload: { format: 'ics', content: 'hello' },
    });
    expect(notIcs.statusCode).toBe(422);
    expect(notIcs.json().error.details.problems).toContain(
      '这不是 iCalendar（.ics）文件：没有找到 BEGIN:VCALENDAR。',
    );

    for (const payload of [
      { format: 'xml', content: 'x' },
      { format: 'json' },
      { format: 'json', content: '' },
    ]) {
      const res = await admin.inject({ method: 'POST', url: '/api/v1/calendar/import', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('shows the days of a range with holidays, make-up workdays and unscheduled years', async () => {
    const clerk = await sessionAs(env(), ['clerk']);
    const res = await clerk.inject({
      method: 'GET',
      url: '/api/v1/calendar/days?from=2026-09-30&to=2026-10-10',
    });
    expect(res.statusCode).toBe(200);
    const { items, missing } = res.json();
    expect(items).toHaveLength(11);
    expect(missing).toEqual([]);
    expect(items[0]).toEqual({
      date: '2026-09-30',
      weekday: 3,
      restDay: false,
      reason: 'weekday',
      scheduled: true,
    });
    expect(items[1]).toMatchObject({
      date: '2026-10-01',
      restDay: true,
      reason: 'holiday',
      holiday: '国庆节',
    });
    expect(items[10]).toMatchObject({
      date: '2026-10-10',
      weekday: 6,
      restDay: false,
      reason: 'makeup_workday',
    });

    const future = await clerk.inject({
      method: 'GET',
      url: '/api/v1/calendar/days?from=2040-01-01&to=2040-01-07',
    });
    expect(future.json().missing).toEqual([2040]);
    expect(future.json().items[0]).toMatchObject({
      date: '2040-01-01',
      restDay: true,
      reason: 'weekend',
      scheduled: false,
    });

    const longest = await clerk.inject({
      method: 'GET',
      url: '/api/v1/calendar/days?from=2026-01-01&to=2027-02-04',
    });
    expect(longest.statusCode).toBe(200);
    expect(longest.json().items).toHaveLength(400);
    for (const query of [
      'from=2026-01-01&to=2027-02-05',
      'from=2026-10-10&to=2026-10-01',
      'from=2026-02-30&to=2026-03-01',
      'from=2026-10-01',
    ]) {
      const bad = await clerk.inject({ method: 'GET', url: `/api/v1/calendar/days?${query}` });
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json().error.code).toBe('validation_failed');
    }
  });

  it('sees at once a year imported through another app instance on the same database', async () => {
    const admin = await sessionAs(env(), ['sysadmin']);
    const other = createDb(env().config.database);
    const otherApp = await buildApp({ config: env().config, handle: other, clock: env().clock });
    try {
      // Warm this instance's cache first, so that a stale cache would show.
      expect((await loadCalendar(env().handle.db)).hasSchedule(2035)).toBe(false);
      const res = await otherApp.inject({
        method: 'POST',
        url: '/api/v1/calendar/import',
        headers: { host: 'localhost:80', origin: 'http://localhost:80', cookie: admin.cookie },
        payload: { format: 'json', content: JSON.stringify(scheduleFor(2035)) },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await otherApp.close();
      await other.close();
    }
    const here = await admin.inject({ method: 'GET', url: '/api/v1/calendar/years/2035' });
    expect(here.statusCode).toBe(200);
    expect(here.json()).toMatchObject({ year: 2035, source: 'import_json' });
    expect((await loadCalendar(env().handle.db)).isRestDay('2035-10-03')).toBe(true);
  });

  it('documents the calendar routes in OpenAPI', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/v1/calendar/years',
      '/api/v1/calendar/years/{year}',
      '/api/v1/calendar/import',
      '/api/v1/calendar/days',
      '/api/v1/units/{id}/deadline-settings',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
  });
});
