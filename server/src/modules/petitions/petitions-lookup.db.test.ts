import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { actOk, letter, petitionWorld, register } from './petitions.test-helper.ts';

const ID = '110101199003078515';
const PHONE = '13912345678';

describeEachDialect('petitions: petitioner lookup while registering', (env) => {
  it('finds the same petitioner by ID number or phone among the cases the clerk may see, and nothing personal', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const sibling = await w.people(w.t.townB.id, ['clerk']);
    const petitioners = [{ name: '王伟', idNumber: ID, phone: PHONE, address: '东城一村' }];
    const first = await register(
      clerk.session,
      letter(w.t.villageA1.id, { petitioners, title: '土地补偿款未发放' }),
    );
    await register(sibling.session, letter(w.t.townB.id, { petitioners, title: '西山乡的同一信访人' }));

    const byId = await clerk.session.inject({
      method: 'POST',
      url: '/api/v1/petitions/petitioner-lookup',
      payload: { idNumber: ID },
    });
    expect(byId.statusCode, byId.body).toBe(200);
    expect(byId.json().items).toEqual([
      expect.objectContaining({
        id: first.id,
        number: first.number,
        title: '土地补偿款未发放',
        status: 'registered',
        statusLabel: expect.any(String),
      }),
    ]);
    expect(byId.body).not.toContain(ID);
    expect(byId.body).not.toContain(PHONE);

    const byPhone = await clerk.session.inject({
      method: 'POST',
      url: '/api/v1/petitions/petitioner-lookup',
      payload: { phone: '139-1234-5678' },
    });
    expect(byPhone.json().items.map((i: { id: string }) => i.id)).toEqual([first.id]);
    const none = await clerk.session.inject({
      method: 'POST',
      url: '/api/v1/petitions/petitioner-lookup',
      payload: { idNumber: '11010119900307851X' },
    });
    expect(none.json().items).toEqual([]);
  });

  it('answers 401 without a session, 400 without an ID number or phone, 403 to a handler', async () => {
    const w = await petitionWorld(env());
    const handler = await w.people(w.t.townA.id, ['handler']);
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    expect(
      (
        await env().app.inject({
          method: 'POST',
          url: '/api/v1/petitions/petitioner-lookup',
          payload: { idNumber: ID },
        })
      ).statusCode,
    ).toBe(401);
    const empty = await clerk.session.inject({
      method: 'POST',
      url: '/api/v1/petitions/petitioner-lookup',
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('validation_failed');
    const bad = await clerk.session.inject({
      method: 'POST',
      url: '/api/v1/petitions/petitioner-lookup',
      payload: { idNumber: '12345' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await handler.session.inject({
          method: 'POST',
          url: '/api/v1/petitions/petitioner-lookup',
          payload: { idNumber: ID },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('offers as link targets the same petitioner’s cases being handled, and the link joins one', async () => {
    const w = await petitionWorld(env());
    const township = await w.people(w.t.townA.id, ['clerk']);
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    const petitioners = [
      { name: '李强', idNumber: '110101198506061234', phone: '13711112222', address: '东城二村' },
    ];
    const handled = await register(
      township.session,
      letter(w.t.townA.id, { petitioners, receivedOn: '2026-10-28' }),
    );
    await actOk(township.session, handled.id, { action: 'accept', on: '2026-10-29' });
    const raised = await register(
      countyClerk.session,
      letter(w.t.county.id, { petitioners, receivedOn: '2026-11-01' }),
    );

    const targets = await countyClerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${raised.id}/link-targets`,
    });
    expect(targets.statusCode, targets.body).toBe(200);
    expect(targets.json().items.map((i: { id: string }) => i.id)).toEqual([handled.id]);
    const linked = await actOk(countyClerk.session, raised.id, { action: 'link', intoId: handled.id });
    expect(linked.status).toBe('linked');
    expect(linked.linkedInto).toMatchObject({ id: handled.id, number: handled.number });

    expect(
      (await env().app.inject({ method: 'GET', url: `/api/v1/petitions/${raised.id}/link-targets` }))
        .statusCode,
    ).toBe(401);
    expect(
      (await township.session.inject({ method: 'GET', url: `/api/v1/petitions/${raised.id}/link-targets` }))
        .statusCode,
    ).toBe(404);
  });
});
