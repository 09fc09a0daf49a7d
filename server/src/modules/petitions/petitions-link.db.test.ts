import { expect, it } from 'vitest';
import { describeEachDialect, type TestEnv } from '../../../test/harness.ts';
import { citizen } from '../portal/portal.test-helper.ts';
import { act, actOk, getCase, letter, petitionWorld, register } from './petitions.test-helper.ts';

// Linking (信访工作条例 Art 19 ¶3) on both databases: while a township handles a matter within its
// limits, the same petitioner's letter registered at the county is linked into it instead of being
// handled twice; the county's registration ends as `linked`, shows where the matter stands (also
// to the petitioner through its query code), and both timelines and the audit trail record it.

type World = Awaited<ReturnType<typeof petitionWorld>>;

/** A case at `unitId` accepted on `acceptOn` and assigned to a handler there. */
async function caseBeingHandled(
  w: World,
  unitId: string,
  receivedOn = '2026-10-20',
  acceptOn = '2026-10-21',
) {
  const clerk = await w.people(unitId, ['clerk']);
  const handler = await w.people(unitId, ['handler']);
  const { id, number } = await register(clerk.session, letter(unitId, { receivedOn }));
  await actOk(clerk.session, id, { action: 'accept', on: acceptOn });
  await actOk(clerk.session, id, { action: 'assign', handlerId: handler.id, opinion: '请核实并答复。' });
  return { id, number, clerk, handler };
}

async function auditOf(env: TestEnv, subjectId: string) {
  return env.handle.db
    .selectFrom('audit_log')
    .select(['action', 'after_json', 'actor_id'])
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
}

describeEachDialect('petitions: linking a higher-level registration', (env) => {
  it('links the county registration into the township case, which the petitioner is told about', async () => {
    const w = await petitionWorld(env());
    const township = await caseBeingHandled(w, w.t.townA.id);
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    const dup = await register(countyClerk.session, letter(w.t.county.id, { receivedOn: '2026-11-01' }));

    const before = (await getCase(countyClerk.session, dup.id)).json();
    expect(before.abilities.link).toBe(true);
    expect((await getCase(township.clerk.session, township.id)).json().abilities.link).toBe(false);

    const c = await actOk(countyClerk.session, dup.id, {
      action: 'link',
      intoId: township.id,
      note: '东城镇已受理同一事项，正在办理。',
    });
    const target = (await getCase(township.clerk.session, township.id)).json();
    expect(c.status).toBe('linked');
    expect(c.statusLabel).toMatch(/[\u4e00-\u9fff]/);
    expect(c.linkedInto).toEqual({
      id: township.id,
      number: township.number,
      unitName: '东城镇',
      status: 'assigned',
      statusLabel: '已交办',
      nextDue: { kind: 'handling', due: target.deadlines.find((d: any) => d.kind === 'handling').due },
    });
    expect(c.deadlines.filter((d: any) => d.status !== 'met')).toEqual([]);
    expect(c.deadlines.find((d: any) => d.kind === 'acceptance')).toMatchObject({
      status: 'met',
      metOn: '2026-11-02',
    });
    expect(
      Object.entries(c.abilities).filter(
        ([k, v]) => v && !['revealPersonal', 'downloadDocuments', 'declareInterest', 'attach'].includes(k),
      ),
    ).toEqual([]);
    expect(c.events.at(-1)).toMatchObject({
      action: 'link',
      note: '东城镇已受理同一事项，正在办理。',
      data: { intoId: township.id, intoNumber: township.number, intoUnitName: '东城镇' },
    });

    // The township's timeline notes the higher-level registration; the county case itself stays the county's.
    expect(target.status).toBe('assigned');
    expect(target.events.at(-1)).toMatchObject({
      action: 'linked_from',
      label: '上级机关登记的同一事项已关联至本事项',
      data: { fromId: dup.id, fromNumber: dup.number, fromUnitName: '测试县' },
    });
    expect((await getCase(township.clerk.session, dup.id)).statusCode).toBe(404);

    // No open deadline: the linked case is neither due nor overdue in the worklist, and stays so.
    const list = await countyClerk.session.inject({ method: 'GET', url: '/api/v1/petitions?status=linked' });
    const item = list.json().items.find((i: any) => i.id === dup.id);
    expect(item).toMatchObject({ status: 'linked', overdue: false, dueSoon: false });
    expect(item.nextDue).toBeUndefined();
    expect((await act(countyClerk.session, dup.id, { action: 'accept' })).statusCode).toBe(409);

    const linkAudit = (await auditOf(env(), dup.id)).at(-1);
    expect(linkAudit).toMatchObject({ action: 'petition.link', actor_id: countyClerk.id });
    expect(JSON.parse(linkAudit?.after_json ?? '{}')).toMatchObject({
      status: 'linked',
      data: { intoId: township.id },
    });
    const fromAudit = (await auditOf(env(), township.id)).at(-1);
    expect(fromAudit).toMatchObject({ action: 'petition.linked_from', actor_id: countyClerk.id });
    expect(JSON.parse(fromAudit?.after_json ?? '{}')).toMatchObject({
      status: 'assigned',
      data: { fromId: dup.id, fromNumber: dup.number },
    });
    expect(fromAudit?.after_json).not.toContain('东城镇已受理');

    // The petitioner's query code of the county registration shows the township case's progress.
    const pub = await citizen(env()).get(`/api/public/petitions/${encodeURIComponent(dup.queryCode)}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ number: dup.number, status: 'linked', unitName: '东城镇' });
    expect(pub.json().statusLabel).toContain(township.number);
    expect(pub.json().statusLabel).toContain('正在办理');
    expect(pub.json().deadlines.map((d: any) => d.kind)).toContain('handling');
  });

  it('refuses a case already answered or past its handling deadline (409 saying what to do instead)', async () => {
    const w = await petitionWorld(env());
    const answered = await caseBeingHandled(w, w.t.townA.id);
    await actOk(answered.handler.session, answered.id, {
      action: 'answer',
      decision: 'explain',
      text: '已解释。',
    });
    const overdue = await caseBeingHandled(w, w.t.townB.id, '2026-07-20', '2026-07-22');
    const countyClerk = await w.people(w.t.county.id, ['leader']);
    const dup = await register(countyClerk.session, letter(w.t.county.id));

    const late = await act(countyClerk.session, dup.id, { action: 'link', intoId: answered.id });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('已答复');
    expect(late.json().error.message).toContain('复查');
    expect(late.json().error.message).toContain('新事项');

    const expired = await act(countyClerk.session, dup.id, { action: 'link', intoId: overdue.id });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error.code).toBe('time_limit_passed');
    expect(expired.json().error.message).toContain('办理期限');

    const c = (await getCase(countyClerk.session, dup.id)).json();
    expect(c.status).toBe('registered');
    expect(c.events.map((e: any) => e.action)).toEqual(['register']);
    const t = (await getCase(answered.clerk.session, answered.id)).json();
    expect(t.events.map((e: any) => e.action)).not.toContain('linked_from');
  });

  it('answers 404 for a case the clerk cannot see and 422 for the case itself or one not below it', async () => {
    const w = await petitionWorld(env());
    const elsewhere = await petitionWorld(env());
    const other = await caseBeingHandled(elsewhere, elsewhere.t.townA.id);
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    const dup = await register(countyClerk.session, letter(w.t.county.id));

    const hidden = await act(countyClerk.session, dup.id, { action: 'link', intoId: other.id });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('not_found');

    const self = await act(countyClerk.session, dup.id, { action: 'link', intoId: dup.id });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.details.field).toBe('intoId');

    // A township's registration cannot be linked into a case of its sibling or of the county.
    const sibling = await caseBeingHandled(w, w.t.townB.id);
    const townClerk = await w.people(w.t.townA.id, ['clerk']);
    const low = await register(townClerk.session, letter(w.t.townA.id));
    expect((await act(townClerk.session, low.id, { action: 'link', intoId: sibling.id })).statusCode).toBe(
      404,
    );
    const countyCase = await caseBeingHandled(w, w.t.county.id);
    const up = await act(countyCase.clerk.session, dup.id, { action: 'link', intoId: countyCase.id });
    expect(up.statusCode).toBe(422);
    expect(up.json().error.message).toContain('合并');
    expect((await getCase(countyClerk.session, dup.id)).json().status).toBe('registered');
  });

  it('links only a new registration (409 invalid_transition) and only by a clerk or leader (403)', async () => {
    const w = await petitionWorld(env());
    const township = await caseBeingHandled(w, w.t.townA.id);
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    const countyHandler = await w.people(w.t.county.id, ['handler']);
    const dup = await register(countyClerk.session, letter(w.t.county.id));

    const handler = await act(countyHandler.session, dup.id, { action: 'link', intoId: township.id });
    expect(handler.statusCode).toBe(403);
    expect((await getCase(countyHandler.session, dup.id)).json().abilities.link).toBe(false);

    await actOk(countyClerk.session, dup.id, { action: 'accept' });
    const wrong = await act(countyClerk.session, dup.id, { action: 'link', intoId: township.id });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('invalid_transition');
    expect(wrong.json().error.message).toContain('已受理');
    expect((await getCase(countyClerk.session, dup.id)).json().abilities.link).toBe(false);
  });

  it('never links an accusation into a case handled in the accused unit’s line (422 confidential_routing)', async () => {
    const w = await petitionWorld(env());
    const village = await caseBeingHandled(w, w.t.villageA1.id);
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    const accusation = await register(
      countyClerk.session,
      letter(w.t.county.id, {
        classification: 'accusation',
        accused: { unitId: w.t.townA.id, name: '某干部' },
      }),
    );
    const res = await act(countyClerk.session, accusation.id, { action: 'link', intoId: village.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('confidential_routing');
    const t = (await getCase(village.clerk.session, village.id)).json();
    expect(t.events.map((e: any) => e.action)).not.toContain('linked_from');
    expect((await getCase(countyClerk.session, accusation.id)).json().status).toBe('registered');

    // Outside the accused line the same accusation may join a case being handled.
    const elsewhere = await caseBeingHandled(w, w.t.villageB1.id);
    expect(
      (await actOk(countyClerk.session, accusation.id, { action: 'link', intoId: elsewhere.id })).status,
    ).toBe('linked');
  });
});
