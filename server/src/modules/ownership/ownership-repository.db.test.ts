import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { letter, petitionWorld, register } from '../petitions/petitions.test-helper.ts';
import { findOwningLeader } from './ownership.repository.ts';

describeEachDialect('ownership repository', (env) => {
  it('findOwningLeader names the leader of an owned case and nothing for a case nobody owns', async () => {
    const { t, people } = await petitionWorld(env());
    const clerk = await people(t.townA.id, ['clerk']);
    const leader = await people(t.townA.id, ['leader']);
    const owned = await register(clerk.session, letter(t.townA.id));
    const free = await register(clerk.session, letter(t.townA.id));
    const db = env().handle.db;
    const now = env().clock.now().toISOString();
    await db
      .insertInto('ownerships')
      .values({
        petition_id: owned.id,
        leader_id: leader.id,
        open: 1,
        version: 1,
        demand: '',
        policy_basis: '',
        next_contact_on: null,
        last_progress_on: null,
        outcome_type: null,
        outcome_assistance_kind: null,
        outcome_amount: null,
        outcome_note: null,
        outcome_on: null,
        outcome_by: null,
        taken_on: '2026-11-02',
        taken_by: leader.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const found = await findOwningLeader(db, owned.id);
    expect(found?.userId).toBe(leader.id);
    expect(found?.name).toMatch(/^人员/);
    expect(await findOwningLeader(db, free.id)).toBeUndefined();
  });
});
