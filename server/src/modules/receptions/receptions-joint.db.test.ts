import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { letter, register } from '../petitions/petitions.test-helper.ts';
import { receptionWorld } from './receptions.test-helper.ts';

// Issue 5 item 5: a joint reception (联合接访) with several units' staff gives its case a lead
// unit and co-units; and every read path of receptions keeps an accusation from the accused.

describeEachDialect('joint receptions and confidentiality', (env) => {
  it('gives the case a lead unit and co-units and lists the staff of each unit', async () => {
    const w = await receptionWorld(env());
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    const deptStaff = await w.people(w.t.dept.id, ['handler']);
    const townStaff = await w.people(w.t.townA.id, ['clerk']);
    const {
      channel: _c,
      unitId: _u,
      receivedOn: _r,
      ...petition
    } = letter('x', { title: '联合接访的劳资纠纷' });
    const res = await countyClerk.session.inject({
      method: 'POST',
      url: '/api/v1/receptions',
      payload: {
        unitId: w.t.county.id,
        on: '2026-11-02',
        peopleCount: 8,
        staffIds: [countyClerk.id],
        units: [
          { unitId: w.t.county.id, role: 'lead', staffIds: [countyClerk.id] },
          { unitId: w.t.dept.id, role: 'co', staffIds: [deptStaff.id] },
          { unitId: w.t.townA.id, role: 'co', staffIds: [townStaff.id] },
        ],
        petition,
        note: '农民工讨薪',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const visit = res.json();
    expect(visit.units[0]).toMatchObject({ unitId: w.t.county.id, role: 'lead' });
    expect(visit.units).toEqual(
      expect.arrayContaining([
        { unitId: w.t.townA.id, unitName: '东城镇', role: 'co' },
        { unitId: w.t.dept.id, unitName: '县人社局', role: 'co' },
      ]),
    );
    expect(visit.units).toHaveLength(3);
    expect(visit.staff.map((s: { userId: string; unitId: string }) => [s.userId, s.unitId]).sort()).toEqual(
      [
        [countyClerk.id, w.t.county.id],
        [deptStaff.id, w.t.dept.id],
        [townStaff.id, w.t.townA.id],
      ].sort(),
    );
    const joint = await countyClerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${visit.petitionId}/joint-units`,
    });
    expect(joint.statusCode).toBe(200);
    const items = joint.json().items;
    expect(items[0]).toEqual({
      unitId: w.t.county.id,
      unitName: '测试县',
      role: 'lead',
      receptionId: visit.id,
    });
    expect(items.slice(1)).toEqual(
      expect.arrayContaining([
        { unitId: w.t.townA.id, unitName: '东城镇', role: 'co', receptionId: visit.id },
        { unitId: w.t.dept.id, unitName: '县人社局', role: 'co', receptionId: visit.id },
      ]),
    );
    expect(items).toHaveLength(3);

    const wrong = (units: unknown) =>
      countyClerk.session.inject({
        method: 'POST',
        url: '/api/v1/receptions',
        payload: { unitId: w.t.county.id, on: '2026-11-02', peopleCount: 2, note: '', units },
      });
    expect((await wrong([{ unitId: w.t.dept.id, role: 'co', staffIds: [] }])).statusCode).toBe(400);
    expect((await wrong([{ unitId: w.t.townA.id, role: 'lead', staffIds: [] }])).statusCode).toBe(400);
    const strangerStaff = await wrong([
      { unitId: w.t.county.id, role: 'lead', staffIds: [] },
      { unitId: w.t.dept.id, role: 'co', staffIds: [townStaff.id] },
    ]);
    expect(strangerStaff.statusCode).toBe(422);
    expect(strangerStaff.json().error.details.field).toBe('units.1.staffIds');
    expect(
      (
        await wrong([
          { unitId: w.t.county.id, role: 'lead', staffIds: [] },
          { unitId: 'no-such-unit', role: 'co', staffIds: [] },
        ])
      ).statusCode,
    ).toBe(422);
  });

  it('never shows an accusation to the accused unit through the reception log, field visits or joint units', async () => {
    const w = await receptionWorld(env());
    const townClerk = await w.people(w.t.townA.id, ['clerk', 'leader']);
    const cadre = await w.people(w.t.villageA1.id, ['clerk', 'handler', 'leader']);
    const accusation = await register(
      townClerk.session,
      letter(w.t.townA.id, {
        classification: 'accusation',
        title: '检举村干部挪用补偿款',
        accused: { unitId: w.t.villageA1.id, name: '东城一村村委会' },
      }),
    );
    // A visit logged at the village about the accusation, and an ordinary one there.
    const post = (body: Record<string, unknown>) =>
      townClerk.session.inject({
        method: 'POST',
        url: '/api/v1/receptions',
        payload: { unitId: w.t.villageA1.id, on: '2026-11-02', peopleCount: 1, note: '', ...body },
      });
    const secret = await post({ petitionId: accusation.id, note: '检举人再次来访' });
    expect(secret.statusCode, secret.body).toBe(201);
    const plain = await post({ note: '咨询低保政策' });
    expect(plain.statusCode).toBe(201);
    await townClerk.session.inject({
      method: 'POST',
      url: `/api/v1/petitions/${accusation.id}/field-visits`,
      payload: {
        kind: 'field',
        on: '2026-11-02',
        place: '东城镇',
        visitors: [townClerk.id],
        metWith: '检举人',
        promises: [{ text: '调查核实', dueOn: '2026-11-30' }],
      },
    });

    const log = (
      await cadre.session.inject({ method: 'GET', url: '/api/v1/receptions?pageSize=200' })
    ).json();
    const ids = log.items.map((r: { id: string }) => r.id);
    expect(ids).toContain(plain.json().id);
    expect(ids).not.toContain(secret.json().id);
    expect(JSON.stringify(log)).not.toContain('检举人再次来访');
    expect(log.total).toBe(log.items.length);
    for (const path of ['field-visits', 'promises', 'joint-units']) {
      const res = await cadre.session.inject({
        method: 'GET',
        url: `/api/v1/petitions/${accusation.id}/${path}`,
      });
      expect(res.statusCode).toBe(404);
    }
    const preview = await cadre.session.inject({
      method: 'GET',
      url: `/api/v1/units/${w.t.villageA1.id}/required-leader?peopleCount=1&petitionId=${accusation.id}`,
    });
    expect(preview.statusCode).toBe(404);
    // The town still sees both.
    const townLog = (
      await townClerk.session.inject({ method: 'GET', url: '/api/v1/receptions?pageSize=200' })
    ).json();
    expect(townLog.items.map((r: { id: string }) => r.id)).toContain(secret.json().id);

    // The accused village can take no part in a joint reception of the accusation.
    const joint = await townClerk.session.inject({
      method: 'POST',
      url: '/api/v1/receptions',
      payload: {
        unitId: w.t.townA.id,
        on: '2026-11-02',
        peopleCount: 1,
        petitionId: accusation.id,
        note: '',
        units: [
          { unitId: w.t.townA.id, role: 'lead', staffIds: [] },
          { unitId: w.t.villageA1.id, role: 'co', staffIds: [cadre.id] },
        ],
      },
    });
    expect(joint.statusCode).toBe(422);
    expect(joint.json().error.code).toBe('confidential_routing');
  });
});
