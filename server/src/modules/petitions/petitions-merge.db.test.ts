import { expect, it } from 'vitest';
import { describeEachDialect, type TestEnv } from '../../../test/harness.ts';
import { citizen } from '../portal/portal.test-helper.ts';
import { act, actOk, getCase, letter, petitionWorld, register } from './petitions.test-helper.ts';

// Merging (domain: Duplicates) on both databases: the same matter registered twice at a unit joins
// the earlier case — one file, one answer, both histories kept. The merged case ends as `merged`
// with no open deadline and points to the case it joined; that case's timeline says "合并了 X",
// shows the merged registration and its petitioners, and both are audited as petition.merge.

type World = Awaited<ReturnType<typeof petitionWorld>>;

const ORIGINAL = {
  title: '反映宏达建筑公司拖欠农民工工资',
  content:
    '我们十二名工人从去年三月起在宏达建筑公司的工地上干活。工程完工后老板以资金紧张为由一直拖欠工资，共计八万六千元。包工头已经联系不上，公司说工资已经结给了包工头。',
  demands: '请求责令公司支付拖欠的工资。',
};
const REPEATED = {
  title: '宏达建筑公司拖欠我们农民工工资',
  content:
    '我们十二名工人从去年三月起在宏达建筑公司的工地干活。工程完工后老板以资金紧张为由拖欠工资，共计八万六千元。包工头已经联系不上，公司说工资已结给包工头。',
  demands: '请求责令公司支付拖欠工资。',
};

async function auditOf(env: TestEnv, subjectId: string) {
  return env.handle.db
    .selectFrom('audit_log')
    .select(['action', 'after_json', 'actor_id'])
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
}

/** An original case at a unit, accepted and assigned, and a later repeated registration of the same matter there. */
async function pair(w: World, unitId: string) {
  const clerk = await w.people(unitId, ['clerk']);
  const handler = await w.people(unitId, ['handler']);
  const original = await register(
    clerk.session,
    letter(unitId, { ...ORIGINAL, receivedOn: '2026-10-10', petitioners: [{ name: '王建国' }] }),
  );
  await actOk(clerk.session, original.id, { action: 'accept', on: '2026-10-12' });
  await actOk(clerk.session, original.id, { action: 'assign', handlerId: handler.id, opinion: '请核实。' });
  const repeated = await register(
    clerk.session,
    letter(unitId, {
      ...REPEATED,
      receivedOn: '2026-10-25',
      petitioners: [{ name: '李秀英', idNumber: '330102197003034321', phone: '13912345678' }],
    }),
  );
  return { clerk, handler, original, repeated };
}

describeEachDialect('petitions: merging a repeated registration', (env) => {
  it('joins the earlier case: one file with both petitioners, the merged case closed to further steps, both audited', async () => {
    const w = await petitionWorld(env());
    const { clerk, handler, original, repeated } = await pair(w, w.t.townA.id);
    expect(repeated.duplicateCandidates.map((c) => c.id)).toContain(original.id);

    const before = (await getCase(clerk.session, repeated.id)).json();
    expect(before.abilities.merge).toBe(true);
    expect((await getCase(handler.session, repeated.id)).json().abilities.merge).toBe(false);

    const c = await actOk(clerk.session, repeated.id, {
      action: 'merge',
      intoId: original.id,
      note: '与先前登记的事项为同一事项。',
    });
    expect(c.status).toBe('merged');
    expect(c.statusLabel).toBe('已合并');
    expect(c.mergedInto).toEqual({
      id: original.id,
      number: original.number,
      unitName: '东城镇',
      status: 'assigned',
      statusLabel: '已交办',
    });
    expect(c.deadlines.filter((d: any) => d.status !== 'met')).toEqual([]);
    expect(
      Object.entries(c.abilities).filter(
        ([k, v]) => v && !['revealPersonal', 'downloadDocuments', 'declareInterest', 'attach'].includes(k),
      ),
    ).toEqual([]);
    expect(c.events.map((e: any) => e.action)).toEqual(['register', 'merge']);
    expect(c.events.at(-1)).toMatchObject({
      label: '合并至先前登记的同一事项',
      note: '与先前登记的事项为同一事项。',
      data: { intoId: original.id, intoNumber: original.number },
    });
    expect((await act(clerk.session, repeated.id, { action: 'accept' })).statusCode).toBe(409);

    // The earlier case keeps its state and deadlines, notes the merge and shows the second petitioner.
    const target = (await getCase(clerk.session, original.id)).json();
    expect(target.status).toBe('assigned');
    expect(target.deadlines.find((d: any) => d.kind === 'handling').status).toBe('open');
    expect(target.events.at(-1)).toMatchObject({
      action: 'merged_from',
      label: '合并了重复登记的同一事项',
      note: `合并了${repeated.number}：与先前登记的事项为同一事项。`,
      data: { fromId: repeated.id, fromNumber: repeated.number },
    });
    expect(target.mergedFrom).toEqual([
      {
        id: repeated.id,
        number: repeated.number,
        receivedOn: '2026-10-25',
        petitioners: [
          { id: expect.any(String), name: '李秀英', idNumber: '3301**********4321', phone: '139****5678' },
        ],
      },
    ]);
    expect(target.mergedInto).toBeUndefined();
    // The handler answers once, on the earlier case.
    const answered = await actOk(handler.session, original.id, {
      action: 'answer',
      decision: 'support',
      text: '已责令公司于月底前支付。',
    });
    expect(answered.status).toBe('answered');

    // The petitioner of the merged registration follows the joined case with their own query code.
    const pub = await citizen(env()).get(`/api/public/petitions/${encodeURIComponent(repeated.queryCode)}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ number: repeated.number, status: 'merged', unitName: '东城镇' });
    expect(pub.json().statusLabel).toContain('已与其他信访事项合并办理');
    expect(pub.json().statusLabel).toContain(original.number);
    expect(pub.json().statusLabel).toContain('已答复');

    // Nothing left open in the worklist for the merged registration; no longer a candidate.
    const list = await clerk.session.inject({ method: 'GET', url: '/api/v1/petitions?status=merged' });
    const item = list.json().items.find((i: any) => i.id === repeated.id);
    expect(item).toMatchObject({ status: 'merged', overdue: false, dueSoon: false });
    const dups = await clerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${original.id}/duplicates`,
    });
    expect(dups.json().items.map((x: any) => x.id)).not.toContain(repeated.id);

    const own = (await auditOf(env(), repeated.id)).at(-1);
    expect(own).toMatchObject({ action: 'petition.merge', actor_id: clerk.id });
    expect(JSON.parse(own?.after_json ?? '{}')).toMatchObject({
      status: 'merged',
      data: { intoId: original.id },
    });
    const joined = (await auditOf(env(), original.id)).find((a) => a.action === 'petition.merge');
    expect(joined).toMatchObject({ actor_id: clerk.id });
    expect(JSON.parse(joined?.after_json ?? '{}')).toMatchObject({
      status: 'assigned',
      data: { fromId: repeated.id, fromNumber: repeated.number, role: 'target' },
    });
    expect(joined?.after_json).not.toContain('同一事项。');
  });

  it('refuses a target already answered, already merged, received later, itself, or at another unit — saying what to do', async () => {
    const w = await petitionWorld(env());
    const { clerk, handler, original, repeated } = await pair(w, w.t.townA.id);

    const self = await act(clerk.session, repeated.id, { action: 'merge', intoId: repeated.id });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.details.field).toBe('intoId');

    const backwards = await act(clerk.session, original.id, { action: 'merge', intoId: repeated.id });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().error.message).toContain('先前的事项');

    // A case of the village below is linked, not merged; a sibling township's case is not even visible.
    const village = await pair(w, w.t.villageA1.id);
    const townLeader = await w.people(w.t.townA.id, ['leader']);
    const below = await act(townLeader.session, repeated.id, {
      action: 'merge',
      intoId: village.original.id,
    });
    expect(below.statusCode).toBe(422);
    expect(below.json().error.message).toContain('关联');
    const sibling = await pair(w, w.t.townB.id);
    const hidden = await act(clerk.session, repeated.id, { action: 'merge', intoId: sibling.original.id });
    expect(hidden.statusCode).toBe(404);

    // A handler may not merge (403); nor can an answered registration be merged (409).
    const forbidden = await act(handler.session, repeated.id, { action: 'merge', intoId: original.id });
    expect(forbidden.statusCode).toBe(403);

    await actOk(handler.session, original.id, { action: 'answer', decision: 'explain', text: '已解释。' });
    const late = await act(clerk.session, repeated.id, { action: 'merge', intoId: original.id });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('invalid_transition');
    expect(late.json().error.message).toContain('已答复');
    expect(late.json().error.message).toContain('复查');

    const again = await pair(w, w.t.townA.id);
    await actOk(again.clerk.session, again.repeated.id, { action: 'merge', intoId: again.original.id });
    const third = await register(
      again.clerk.session,
      letter(w.t.townA.id, { ...REPEATED, receivedOn: '2026-10-30', petitioners: [{ name: '赵强' }] }),
    );
    const chained = await act(again.clerk.session, third.id, { action: 'merge', intoId: again.repeated.id });
    expect(chained.statusCode).toBe(409);
    expect(chained.json().error.message).toContain(again.original.number);
    const answeredSource = await act(again.handler.session, again.original.id, {
      action: 'answer',
      decision: 'explain',
      text: '已解释。',
    });
    expect(answeredSource.statusCode).toBe(200);
    expect(
      (await act(clerk.session, original.id, { action: 'merge', intoId: again.original.id })).statusCode,
    ).toBe(409);

    for (const id of [repeated.id, third.id])
      expect((await getCase(clerk.session, id)).json().status).toBe('registered');
    const t = (await getCase(clerk.session, original.id)).json();
    expect(t.events.map((e: any) => e.action)).not.toContain('merged_from');
  });

  it('never merges an accusation with a case handled in the accused unit’s line (422 confidential_routing)', async () => {
    const w = await petitionWorld(env());
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    const townHandler = await w.people(w.t.townA.id, ['handler']);
    const countyHandler = await w.people(w.t.county.id, ['handler']);
    const handledBelow = await register(
      countyClerk.session,
      letter(w.t.county.id, { ...ORIGINAL, receivedOn: '2026-10-01' }),
    );
    await actOk(countyClerk.session, handledBelow.id, { action: 'accept' });
    await actOk(countyClerk.session, handledBelow.id, {
      action: 'assign',
      handlerId: townHandler.id,
      opinion: '请核实。',
    });
    const accusation = await register(
      countyClerk.session,
      letter(w.t.county.id, {
        ...REPEATED,
        classification: 'accusation',
        accused: { unitId: w.t.townA.id, name: '某干部' },
      }),
    );
    const res = await act(countyClerk.session, accusation.id, { action: 'merge', intoId: handledBelow.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('confidential_routing');
    // Nor the other way round: the ordinary case does not join the accusation.
    const reverse = await register(
      countyClerk.session,
      letter(w.t.county.id, { ...REPEATED, receivedOn: '2026-10-28' }),
    );
    await actOk(countyClerk.session, reverse.id, { action: 'accept' });
    await actOk(countyClerk.session, reverse.id, {
      action: 'assign',
      handlerId: townHandler.id,
      opinion: '请核实。',
    });
    const intoAccusation = await act(countyClerk.session, reverse.id, {
      action: 'merge',
      intoId: accusation.id,
    });
    expect(intoAccusation.statusCode).toBe(422);
    expect(intoAccusation.json().error.code).toBe('confidential_routing');
    expect(
      (await getCase(countyClerk.session, handledBelow.id)).json().events.map((e: any) => e.action),
    ).not.toContain('merged_from');

    // Handled at the county itself, an accusation may join an earlier case; the accused person,
    // who sees that case, does not see the accusation among the registrations merged into it.
    const accusedLeader = await w.people(w.t.county.id, ['leader']);
    const aboutLeader = await register(
      countyClerk.session,
      letter(w.t.county.id, {
        ...REPEATED,
        classification: 'accusation',
        accused: { unitId: w.t.villageB1.id, userId: accusedLeader.id, name: '某领导' },
      }),
    );
    const countyCase = await register(
      countyClerk.session,
      letter(w.t.county.id, { ...ORIGINAL, receivedOn: '2026-10-02' }),
    );
    await actOk(countyClerk.session, countyCase.id, { action: 'accept' });
    await actOk(countyClerk.session, countyCase.id, {
      action: 'assign',
      handlerId: countyHandler.id,
      opinion: '请核实。',
    });
    expect(
      (await actOk(countyClerk.session, aboutLeader.id, { action: 'merge', intoId: countyCase.id })).status,
    ).toBe('merged');
    expect(
      (await getCase(countyClerk.session, countyCase.id)).json().mergedFrom.map((m: any) => m.id),
    ).toEqual([aboutLeader.id]);
    const seen = await getCase(accusedLeader.session, countyCase.id);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().mergedFrom).toEqual([]);
    expect(JSON.stringify(seen.json())).not.toContain(aboutLeader.number);
  });
});
