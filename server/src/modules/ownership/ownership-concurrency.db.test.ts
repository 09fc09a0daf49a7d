import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { getCase } from '../petitions/petitions.test-helper.ts';
import { expectStatus, ownershipWorld, patchPlan, progress, take } from './ownership.test-helper.ts';

// Requests racing on one case: one owner wins, one plan change per version, and progress entries
// of concurrent requests all land on the timeline with distinct numbers.

describeEachDialect('ownership: concurrent requests', (env) => {
  it('two leaders taking the same case at once: one owns it, the other is told 409', async () => {
    const w = await ownershipWorld(env());
    const id = await w.newCase();
    const res = await Promise.all([take(w.leader.session, id), take(w.deputy.session, id)]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const loser = res.find((r) => r.statusCode === 409);
    expect(loser?.json().error.code).toBe('conflict');
    const rows = await env()
      .handle.db.selectFrom('ownerships')
      .select('leader_id')
      .where('petition_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('two plan changes from the same version: one is saved, the other gets version_conflict', async () => {
    const w = await ownershipWorld(env());
    const id = await w.newCase();
    expectStatus(await take(w.leader.session, id), 201);
    const res = await Promise.all([
      patchPlan(w.leader.session, id, { version: 1, demand: '甲' }),
      patchPlan(w.leader.session, id, { version: 1, demand: '乙' }),
    ]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(res.find((r) => r.statusCode === 409)?.json().error.code).toBe('version_conflict');
  });

  it('concurrent progress entries are all kept, each with its own timeline entry', async () => {
    const w = await ownershipWorld(env());
    const id = await w.newCase();
    expectStatus(await take(w.leader.session, id), 201);
    const res = await Promise.all(
      ['一', '二', '三', '四'].map((n) =>
        progress(w.leader.session, id, { on: '2026-11-02', text: `第${n}次联系` }),
      ),
    );
    expect(res.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const events = expectStatus(await getCase(w.clerk.session, id), 200).events as Array<{ action: string }>;
    expect(events.filter((e) => e.action === 'ownership_progress')).toHaveLength(4);
    const seqs = await env()
      .handle.db.selectFrom('petition_events')
      .select('seq')
      .where('petition_id', '=', id)
      .execute();
    expect(new Set(seqs.map((s) => s.seq)).size).toBe(seqs.length);
  });
});
