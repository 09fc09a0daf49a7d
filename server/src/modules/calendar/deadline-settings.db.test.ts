import { expect, it } from 'vitest';
import { activeRules } from '../../../../shared/deadlines/index.ts';
import { makeTree, makeUser } from '../../../test/factories.ts';
import { describeEachDialect, login, type TestEnv } from '../../../test/harness.ts';
import type { Role } from '../../platform/http/context.ts';
import { loadUnitRules } from './index.ts';

async function sessionAs(env: TestEnv, unitId: string, roles: Role[]) {
  const u = await makeUser(env, { unitId, roles });
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

const url = (unitId: string) => `/api/v1/units/${unitId}/deadline-settings`;
type RuleWire = {
  id: string;
  count: number;
  unit: string;
  active: boolean;
  overridden: boolean;
  text: string;
};
const rule = (body: { rules: RuleWire[] }, id: string) => body.rules.find((r) => r.id === id)!;

describeEachDialect('calendar: unit deadline settings', (env) => {
  it('answers 401 without a session, before looking at the body', async () => {
    const t = await makeTree(env());
    for (const call of [
      { method: 'GET' as const, url: url(t.townA.id) },
      { method: 'PUT' as const, url: url(t.townA.id), payload: { nonsense: 1 } },
      { method: 'DELETE' as const, url: url(t.townA.id) },
    ]) {
      const res = await env().app.inject({
        ...call,
        headers: { host: 'localhost:80', origin: 'http://localhost:80' },
      });
      expect(res.statusCode, call.method).toBe(401);
    }
  });

  it('shows the default rules with their article to any staff member in scope, 404 outside it', async () => {
    const t = await makeTree(env());
    const clerk = await sessionAs(env(), t.townA.id, ['clerk']);
    const res = await clerk.inject({ method: 'GET', url: url(t.villageA1.id) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unitId: t.villageA1.id, own: false, simpleTrack: false, overrides: [] });
    expect(body.inheritedFrom).toBeUndefined();
    expect(body.abilities).toEqual({ edit: false });
    expect(rule(body, 'acceptance')).toMatchObject({
      count: 15,
      unit: 'calendar_days',
      label: '受理告知期限',
      article: '信访工作条例第22、23条',
      active: true,
      overridden: false,
    });
    expect(rule(body, 'acceptance').text).toContain('自收到信访事项次日起15个自然日');
    expect(rule(body, 'simple_acceptance').active).toBe(false);

    for (const id of [t.villageB1.id, t.county.id, 'no-such-unit']) {
      const out = await clerk.inject({ method: 'GET', url: url(id) });
      expect(out.statusCode, id).toBe(404);
      expect(out.json().error.code).toBe('not_found');
    }
    const bad = await clerk.inject({ method: 'GET', url: url('bad id!') });
    expect(bad.statusCode).toBe(400);
  });

  it('lets sysadmin and a unit_admin in scope change the settings, audited with before and after', async () => {
    const t = await makeTree(env());
    const body = { simpleTrack: true, overrides: [{ id: 'handling', unit: 'working_days', count: 40 }] };
    for (const roles of [['clerk'], ['leader'], ['secadmin'], ['auditor']] as Role[][]) {
      const s = await sessionAs(env(), t.townA.id, roles);
      const res = await s.inject({ method: 'PUT', url: url(t.townA.id), payload: body });
      expect(res.statusCode, roles.join()).toBe(403);
      const del = await s.inject({ method: 'DELETE', url: url(t.townA.id) });
      expect(del.statusCode, roles.join()).toBe(403);
    }
    const townAdmin = await sessionAs(env(), t.townA.id, ['unit_admin']);
    const outside = await townAdmin.inject({ method: 'PUT', url: url(t.townB.id), payload: body });
    expect(outside.statusCode).toBe(404);

    const res = await townAdmin.inject({ method: 'PUT', url: url(t.townA.id), payload: body });
    expect(res.statusCode).toBe(200);
    const saved = res.json();
    expect(saved).toMatchObject({
      unitId: t.townA.id,
      own: true,
      simpleTrack: true,
      abilities: { edit: true },
    });
    expect(saved.overrides).toEqual(body.overrides);
    expect(rule(saved, 'handling')).toMatchObject({
      count: 40,
      unit: 'working_days',
      overridden: true,
      active: false,
    });
    expect(rule(saved, 'simple_handling').active).toBe(true);
    expect(rule(saved, 'simple_acceptance').active).toBe(true);
    expect(rule(saved, 'objection').active).toBe(true);

    const audit = await auditOf(env(), 'deadline_settings.update', t.townA.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before_json).toBeNull();
    expect(JSON.parse(audit[0]!.after_json!)).toEqual(body);

    const sysadmin = await sessionAs(env(), t.county.id, ['sysadmin']);
    const changed = await sysadmin.inject({
      method: 'PUT',
      url: url(t.townA.id),
      payload: { simpleTrack: false, overrides: [] },
    });
    expect(changed.statusCode).toBe(200);
    const audits = await auditOf(env(), 'deadline_settings.update', t.townA.id);
    expect(audits).toHaveLength(2);
    expect(JSON.parse(audits[1]!.before_json!)).toEqual(body);
    expect(JSON.parse(audits[1]!.after_json!)).toEqual({ simpleTrack: false, overrides: [] });
  });

  it('refuses invalid overrides: 400 for a bad field, 422 in Chinese for an unknown or repeated rule', async () => {
    const t = await makeTree(env());
    const admin = await sessionAs(env(), t.county.id, ['sysadmin']);
    for (const payload of [
      { simpleTrack: true },
      { simpleTrack: 'yes', overrides: [] },
      { simpleTrack: false, overrides: [{ id: 'acceptance', count: 0 }] },
      { simpleTrack: false, overrides: [{ id: 'acceptance', kind: 'review' }] },
      { simpleTrack: false, overrides: [{ id: 'acceptance', unit: 'weeks' }] },
    ]) {
      const res = await admin.inject({ method: 'PUT', url: url(t.townB.id), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const res = await admin.inject({
      method: 'PUT',
      url: url(t.townB.id),
      payload: {
        simpleTrack: false,
        overrides: [
          { id: 'acceptence', count: 10 },
          { id: 'handling', count: 50 },
          { id: 'handling', count: 45 },
        ],
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('invalid_deadline_rules');
    expect(res.json().error.details.problems).toEqual([
      expect.stringContaining('第 1 条修改：没有编号为“acceptence”的规则'),
      expect.stringContaining('第 3 条修改：规则“handling”被修改了不止一次'),
    ]);
    const after = await admin.inject({ method: 'GET', url: url(t.townB.id) });
    expect(after.json().own).toBe(false);
  });

  it('applies the nearest ancestor’s settings to units without their own, and the reset restores inheritance', async () => {
    const t = await makeTree(env());
    const admin = await sessionAs(env(), t.county.id, ['sysadmin']);
    const put = (unitId: string, payload: Record<string, unknown>) =>
      admin.inject({ method: 'PUT', url: url(unitId), payload });
    expect(
      (await put(t.county.id, { simpleTrack: false, overrides: [{ id: 'acceptance', count: 10 }] }))
        .statusCode,
    ).toBe(200);
    expect(
      (await put(t.townA.id, { simpleTrack: true, overrides: [{ id: 'handling', unit: 'working_days' }] }))
        .statusCode,
    ).toBe(200);

    const villageA = (await admin.inject({ method: 'GET', url: url(t.villageA1.id) })).json();
    expect(villageA).toMatchObject({
      inheritedFrom: t.townA.id,
      inheritedFromName: '东城镇',
      own: false,
      simpleTrack: true,
    });
    // The nearest settings apply as a whole: the township's do not take the county's acceptance change.
    expect(rule(villageA, 'acceptance').count).toBe(15);
    expect(rule(villageA, 'handling').unit).toBe('working_days');

    const villageB = (await admin.inject({ method: 'GET', url: url(t.villageB1.id) })).json();
    expect(villageB).toMatchObject({ inheritedFrom: t.county.id, simpleTrack: false });
    expect(rule(villageB, 'acceptance')).toMatchObject({ count: 10, overridden: true });

    // The petitions module sees the same rules.
    const loaded = await loadUnitRules(env().handle.db, t.villageA1.id);
    expect(loaded.simpleTrack).toBe(true);
    expect(activeRules(loaded.rules, { simpleTrack: true }).map((r) => r.id)).toContain('simple_acceptance');
    expect(
      (await loadUnitRules(env().handle.db, t.dept.id)).rules.find((r) => r.id === 'acceptance')?.count,
    ).toBe(10);

    const townAdmin = await sessionAs(env(), t.townA.id, ['unit_admin']);
    const del = await townAdmin.inject({ method: 'DELETE', url: url(t.townA.id) });
    expect(del.statusCode).toBe(204);
    const reset = await auditOf(env(), 'deadline_settings.reset', t.townA.id);
    expect(reset).toHaveLength(1);
    expect(JSON.parse(reset[0]!.before_json!)).toMatchObject({ simpleTrack: true });
    const inherited = (await admin.inject({ method: 'GET', url: url(t.villageA1.id) })).json();
    expect(inherited).toMatchObject({ inheritedFrom: t.county.id, simpleTrack: false });
    expect(rule(inherited, 'acceptance').count).toBe(10);
    // Resetting again changes nothing and records nothing.
    expect((await townAdmin.inject({ method: 'DELETE', url: url(t.townA.id) })).statusCode).toBe(204);
    expect(await auditOf(env(), 'deadline_settings.reset', t.townA.id)).toHaveLength(1);
  });
});
