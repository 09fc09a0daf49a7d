import { expect, it } from 'vitest';
import type { Session } from '../../../test/harness.ts';
import { describeEachDialect } from '../../../test/harness.ts';
import { act, actOk, getCase, letter, petitionWorld, register } from './petitions.test-helper.ts';

/** Every read path a user has to a case: by id, list, search, filtered counts, and the side routes. */
async function readPaths(s: Session, id: string, title: string) {
  const list = (await s.inject({ method: 'GET', url: '/api/v1/petitions?pageSize=200' })).json();
  const search = (
    await s.inject({ method: 'GET', url: `/api/v1/petitions?q=${encodeURIComponent(title)}` })
  ).json();
  const accusations = (
    await s.inject({ method: 'GET', url: '/api/v1/petitions?classification=accusation' })
  ).json();
  return {
    byId: (await getCase(s, id)).statusCode,
    inList: list.items.some((i: { id: string }) => i.id === id),
    listTotal: list.total as number,
    searchTotal: search.total as number,
    accusationTotal: accusations.total as number,
    transferTargets: (await s.inject({ method: 'GET', url: `/api/v1/petitions/${id}/transfer-targets` }))
      .statusCode,
    handlerCandidates: (await s.inject({ method: 'GET', url: `/api/v1/petitions/${id}/handler-candidates` }))
      .statusCode,
    interests: (
      await s.inject({
        method: 'POST',
        url: `/api/v1/petitions/${id}/interests`,
        payload: { reason: '测试' },
      })
    ).statusCode,
    action: (await act(s, id, { action: 'accept' })).statusCode,
  };
}

describeEachDialect('petitions: scope and confidentiality', (env) => {
  it('keeps an accusation from the accused unit and its subtree through every read path', async () => {
    const w = await petitionWorld(env());
    const townClerk = await w.people(w.t.townA.id, ['clerk', 'leader']);
    const cadre = await w.people(w.t.villageA1.id, ['clerk', 'handler', 'leader']);
    const below = await w.makeUnit({ name: '东城一村调委会', kind: 'office', parentId: w.t.villageA1.id });
    const belowClerk = await w.people(below.id, ['clerk']);
    const accusation = await register(
      townClerk.session,
      letter(w.t.townA.id, {
        classification: 'accusation',
        title: '检举村干部挪用补偿款',
        accused: { unitId: w.t.villageA1.id, name: '东城一村村委会' },
        petitioners: [{ name: '检举人甲', idNumber: '330102197001015678' }],
      }),
    );
    // An ordinary case of the village, so that its lists are not simply empty.
    const own = await register(cadre.session, letter(w.t.villageA1.id, { title: '村道损坏' }));

    for (const viewer of [cadre, belowClerk]) {
      const seen = await readPaths(viewer.session, accusation.id, '挪用补偿款');
      expect(seen).toEqual({
        byId: 404,
        inList: false,
        listTotal: viewer === cadre ? 1 : 0,
        searchTotal: 0,
        accusationTotal: 0,
        transferTargets: 404,
        handlerCandidates: 404,
        interests: 404,
        action: 404,
      });
      const petitioner = 'x';
      const reveal = await viewer.session.inject({
        method: 'POST',
        url: `/api/v1/petitions/${accusation.id}/petitioners/${petitioner}/reveal`,
        payload: { field: 'idNumber', reason: '查看' },
      });
      expect(reveal.statusCode).toBe(404);
    }
    // The same petitioner registered again at the accused village: the accusation is no candidate.
    const again = await register(
      cadre.session,
      letter(w.t.villageA1.id, { petitioners: [{ name: '检举人甲', idNumber: '330102197001015678' }] }),
    );
    expect(again.duplicateCandidates.map((c: { id: string }) => c.id)).toEqual([own.id]);
    const onPage = await cadre.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${again.id}/duplicates`,
    });
    expect(onPage.json().items.map((c: { id: string }) => c.id)).not.toContain(accusation.id);
    expect((await getCase(cadre.session, own.id)).statusCode).toBe(200);

    // The township that registered it sees it, with the accused; the accusation cannot be routed into the village.
    const c = (await getCase(townClerk.session, accusation.id)).json();
    expect(c.accused).toMatchObject({ unitId: w.t.villageA1.id, unitName: '东城一村' });
    const targets = (
      await townClerk.session.inject({
        method: 'GET',
        url: `/api/v1/petitions/${accusation.id}/transfer-targets`,
      })
    ).json();
    const targetIds = targets.items.map((u: { id: string }) => u.id);
    expect(targetIds).toContain(w.t.townB.id);
    expect(targetIds).not.toContain(w.t.villageA1.id);
    expect(targetIds).not.toContain(below.id);
    const transfer = await act(townClerk.session, accusation.id, {
      action: 'transfer',
      unitId: w.t.villageA1.id,
      note: '转村处理',
    });
    expect(transfer.statusCode).toBe(422);
    expect(transfer.json().error.code).toBe('confidential_routing');
    await actOk(townClerk.session, accusation.id, { action: 'accept' });
    const candidates = (
      await townClerk.session.inject({
        method: 'GET',
        url: `/api/v1/petitions/${accusation.id}/handler-candidates`,
      })
    ).json();
    expect(candidates.items.map((u: { id: string }) => u.id)).not.toContain(cadre.id);
    const assign = await act(townClerk.session, accusation.id, {
      action: 'assign',
      handlerId: cadre.id,
      opinion: '请核查',
    });
    expect(assign.statusCode).toBe(422);
    expect(assign.json().error.code).toBe('confidential_routing');
  });

  it('hides an accusation from the accused unit in SQL even if a record routed it there', async () => {
    // The API refuses to route an accusation into the accused line (422 above); this proves the
    // read rule does not depend on that: a case handled inside the accused unit stays invisible to it.
    const w = await petitionWorld(env());
    const townClerk = await w.people(w.t.townA.id, ['clerk']);
    const cadre = await w.people(w.t.villageA1.id, ['clerk', 'handler']);
    const accusation = await register(
      townClerk.session,
      letter(w.t.townA.id, {
        classification: 'accusation',
        title: '检举村委会虚报冒领',
        accused: { unitId: w.t.villageA1.id },
      }),
    );
    const appeal = await register(townClerk.session, letter(w.t.townA.id, { title: '虚报冒领的申诉' }));
    for (const id of [accusation.id, appeal.id]) {
      await env()
        .handle.db.updateTable('petitions')
        .set({ handler_id: cadre.id, handling_unit_id: w.t.villageA1.id, status: 'assigned' })
        .where('id', '=', id)
        .execute();
      await env()
        .handle.db.insertInto('petition_co_handlers')
        .values({ petition_id: id, user_id: cadre.id })
        .execute();
    }
    // The appeal routed the same way is visible to the village, so the rule is what hides the accusation.
    expect((await getCase(cadre.session, appeal.id)).statusCode).toBe(200);
    const seen = await readPaths(cadre.session, accusation.id, '虚报冒领');
    expect(seen).toMatchObject({ byId: 404, inList: false, searchTotal: 1, accusationTotal: 0, action: 404 });
  });

  it('keeps an accusation from the accused person’s own account even where their unit could see it', async () => {
    const w = await petitionWorld(env());
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    const accusedPerson = await w.people(w.t.townA.id, ['clerk', 'leader']);
    const colleague = await w.people(w.t.townA.id, ['clerk']);
    const accusation = await register(
      countyClerk.session,
      letter(w.t.townA.id, {
        classification: 'accusation',
        title: '检举镇干部违规审批',
        accused: { unitId: w.t.villageA2.id, userId: accusedPerson.id, name: '某镇干部' },
      }),
    );
    const seen = await readPaths(accusedPerson.session, accusation.id, '违规审批');
    expect(seen).toMatchObject({ byId: 404, inList: false, searchTotal: 0, accusationTotal: 0, action: 404 });
    expect((await getCase(colleague.session, accusation.id)).statusCode).toBe(200);
    const assign = await act(colleague.session, accusation.id, { action: 'accept' });
    expect(assign.statusCode).toBe(200);
    const toAccused = await act(colleague.session, accusation.id, {
      action: 'assign',
      handlerId: accusedPerson.id,
      opinion: '请核查',
    });
    expect(toAccused.json().error.code).toBe('confidential_routing');
  });

  it('defaults the accused unit to the accused person’s unit', async () => {
    const w = await petitionWorld(env());
    const townClerk = await w.people(w.t.townA.id, ['clerk']);
    const villager = await w.people(w.t.villageA2.id, ['clerk']);
    const accusation = await register(
      townClerk.session,
      letter(w.t.townA.id, { classification: 'accusation', accused: { userId: villager.id } }),
    );
    const c = (await getCase(townClerk.session, accusation.id)).json();
    expect(c.accused).toMatchObject({ unitId: w.t.villageA2.id, userId: villager.id });
    const colleague = await w.people(w.t.villageA2.id, ['clerk']);
    expect((await getCase(colleague.session, accusation.id)).statusCode).toBe(404);
  });

  it('hides the accuser’s name from a supervisor reading along, not from those handling it', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const supervisor = await w.people(w.t.townA.id, ['supervisor']);
    const accusation = await register(
      clerk.session,
      letter(w.t.townA.id, {
        classification: 'accusation',
        accused: { unitId: w.t.villageA1.id },
        petitioners: [{ name: '欧阳举报', address: '东城镇某路1号' }],
      }),
    );
    expect((await getCase(clerk.session, accusation.id)).json().petitioners[0].name).toBe('欧阳举报');
    const bySupervisor = (await getCase(supervisor.session, accusation.id)).json();
    expect(bySupervisor.petitioners[0]).toMatchObject({ name: '欧***', address: null });
    expect(bySupervisor.queryCode).toBeNull();
    expect(
      Object.entries(bySupervisor.abilities)
        .filter(([, v]) => v === true)
        .map(([k]) => k),
    ).toEqual(['downloadDocuments', 'declareInterest']);
  });

  it('keeps a village from its sibling’s cases and shows a township its villages’ cases', async () => {
    const w = await petitionWorld(env());
    const one = await w.people(w.t.villageA1.id, ['clerk']);
    const two = await w.people(w.t.villageA2.id, ['clerk']);
    const town = await w.people(w.t.townA.id, ['clerk']);
    const other = await w.people(w.t.townB.id, ['clerk']);
    const c = await register(one.session, letter(w.t.villageA1.id, { title: '一村的事项' }));
    expect((await getCase(one.session, c.id)).statusCode).toBe(200);
    expect((await getCase(two.session, c.id)).statusCode).toBe(404);
    expect((await getCase(other.session, c.id)).statusCode).toBe(404);
    expect((await getCase(town.session, c.id)).statusCode).toBe(200);
    const twoList = (
      await two.session.inject({ method: 'GET', url: '/api/v1/petitions?q=一村的事项' })
    ).json();
    expect(twoList).toEqual({ items: [], total: 0 });
    expect((await act(two.session, c.id, { action: 'accept' })).statusCode).toBe(404);
    // Registering for the sibling is outside scope too, and so is filtering by it.
    expect(
      (
        await two.session.inject({
          method: 'POST',
          url: '/api/v1/petitions',
          payload: letter(w.t.villageA1.id),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await two.session.inject({ method: 'GET', url: `/api/v1/petitions?unitId=${w.t.villageA1.id}` }))
        .statusCode,
    ).toBe(404);
    const townList = (
      await town.session.inject({ method: 'GET', url: `/api/v1/petitions?unitId=${w.t.villageA1.id}` })
    ).json();
    expect(townList.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
  });

  it('answers 404 to the administrators and to a unit administrator on every petition route', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const c = await register(clerk.session, letter(w.t.townA.id));
    const petitionerId = (await getCase(clerk.session, c.id)).json().petitioners[0].id;
    for (const role of ['sysadmin', 'secadmin', 'auditor', 'unit_admin'] as const) {
      const admin = await w.people(w.t.county.id, [role]);
      expect((await getCase(admin.session, c.id)).statusCode, role).toBe(404);
      expect((await admin.session.inject({ method: 'GET', url: '/api/v1/petitions' })).json()).toEqual({
        items: [],
        total: 0,
      });
      expect((await act(admin.session, c.id, { action: 'accept' })).statusCode).toBe(404);
      expect(
        (
          await admin.session.inject({
            method: 'POST',
            url: `/api/v1/petitions/${c.id}/petitioners/${petitionerId}/reveal`,
            payload: { field: 'idNumber', reason: '查看' },
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await admin.session.inject({
            method: 'POST',
            url: '/api/v1/petitions',
            payload: letter(w.t.townA.id),
          })
        ).statusCode,
      ).toBe(403);
    }
  });

  it('shows a handler assigned from above the case they handle, and nothing else of the unit', async () => {
    const w = await petitionWorld(env());
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    const deptHandler = await w.people(w.t.dept.id, ['handler']);
    const c = await register(countyClerk.session, letter(w.t.townB.id));
    const unrelated = await register(countyClerk.session, letter(w.t.townB.id));
    await actOk(countyClerk.session, c.id, { action: 'accept' });
    await actOk(countyClerk.session, c.id, {
      action: 'assign',
      handlerId: deptHandler.id,
      opinion: '请人社局办理',
    });
    expect((await getCase(deptHandler.session, c.id)).statusCode).toBe(200);
    expect((await getCase(deptHandler.session, unrelated.id)).statusCode).toBe(404);
    const answered = await actOk(deptHandler.session, c.id, {
      action: 'answer',
      decision: 'explain',
      text: '已解释政策。',
    });
    expect(answered.answer).toMatchObject({ unitId: w.t.dept.id, reviewUnitName: '测试县' });
  });
});
