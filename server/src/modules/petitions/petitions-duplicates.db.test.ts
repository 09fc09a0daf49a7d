import { expect, it } from 'vitest';
import { describeEachDialect, type TestEnv } from '../../../test/harness.ts';
import { loadKeyRing } from '../../platform/crypto/sm4.ts';
import type { Actor } from '../../platform/http/context.ts';
import { enqueue, runDueJobs } from '../../platform/jobs/queue.ts';
import './duplicates/backfill.job.ts';
import { type CorpusPetition, generateCorpus, scorePairs } from './duplicates/corpus.ts';
import { corpusRows, insertCorpusRows } from './duplicates/corpus-rows.ts';
import { samePetitionerIds } from './duplicates/duplicates.repository.ts';
import { duplicateCandidates, similarCases } from './duplicates/find-duplicates.ts';
import { fingerprintOf } from './duplicates/fingerprint.ts';
import { getCase, letter, petitionWorld, register } from './petitions.test-helper.ts';

// Candidates of the same matter at registration and on the case page, on both databases: the
// same petitioner (ID number, or name with phone) scores 1, near-identical text scores its
// similarity; only cases the clerk may see, never an accusation to the accused unit's line. And
// the measured quality of the detector on 1,200 generated petitions with planted near-duplicates.

const NOISE = {
  title: '反映宏达建筑公司拖欠农民工工资',
  content:
    '我们十二名工人从去年三月起在宏达建筑公司的工地上干活。工程完工后老板以资金紧张为由一直拖欠工资，共计八万六千元。包工头已经联系不上，公司说工资已经结给了包工头。年底了家里等着这笔钱过年，孩子的学费也交不上。',
  demands: '请求责令公司支付拖欠的工资。',
};

/** The same letter re-told: a few characters changed, one sentence moved. */
const RETOLD = {
  title: '反映宏达建筑公司拖欠农民工的工资',
  content:
    '年底了家里等着这笔钱过年，孩子学费也交不上。我们十二名工人从去年三月起在宏达建筑公司工地上干活。工程完工后老板以资金紧张为理由一直拖欠工资，共计八万六千元钱。包工头已联系不上，公司说工资已经结给包工头了。',
  demands: '请求责令公司支付拖欠工资。',
};

const OTHER = {
  title: '小区电梯长期故障',
  content: '三号楼电梯坏了两个月，物业一直不修，老人上下楼很困难。',
  demands: '请求督促物业维修电梯。',
};

function person(name: string, idNumber?: string, phone?: string) {
  return [{ name, ...(idNumber ? { idNumber } : {}), ...(phone ? { phone } : {}) }];
}

describeEachDialect('petitions: duplicate candidates', (env) => {
  it('offers near-identical text with its similarity and the same petitioner with score 1, best first', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const original = await register(
      clerk.session,
      letter(w.t.townA.id, { ...NOISE, petitioners: person('王建国', '330102196501017777') }),
    );
    const samePerson = await register(
      clerk.session,
      letter(w.t.townA.id, { ...OTHER, petitioners: person('李秀英', undefined, '13900001111') }),
    );
    const unrelated = await register(
      clerk.session,
      letter(w.t.townA.id, { ...OTHER, title: '路灯不亮', petitioners: person('赵强') }),
    );

    // Another petitioner tells the same matter again; the same 李秀英 (name + phone) comes back too.
    const retold = await register(
      clerk.session,
      letter(w.t.townA.id, {
        ...RETOLD,
        petitioners: [...person('陈平'), ...person('李秀英', undefined, '139-0000-1111')],
        peopleCount: 2,
      }),
    );
    const byId = Object.fromEntries(retold.duplicateCandidates.map((c) => [c.id, c]));
    expect(byId[samePerson.id]).toMatchObject({ score: 1, reason: '同一信访人' });
    expect(byId[original.id].score).toBeGreaterThanOrEqual(0.58);
    expect(byId[original.id].score).toBeLessThan(1);
    expect(byId[original.id].reason).toBe(`内容相近（相似度 ${byId[original.id].score.toFixed(2)}）`);
    expect(retold.duplicateCandidates.map((c) => c.id)).toEqual([samePerson.id, original.id]);
    expect(byId[unrelated.id]).toBeUndefined();

    // The same phone under another name is not the same petitioner.
    const otherName = await register(
      clerk.session,
      letter(w.t.townA.id, {
        title: '噪音',
        content: '夜里施工。',
        demands: '',
        petitioners: person('周杰', undefined, '13900001111'),
      }),
    );
    expect(otherName.duplicateCandidates).toEqual([]);

    // The fingerprint was written with the registration.
    const fp = await env()
      .handle.db.selectFrom('petition_fingerprints')
      .select('shingle_count')
      .where('petition_id', '=', retold.id)
      .executeTakeFirst();
    expect(fp?.shingle_count).toBeGreaterThan(10);

    // The case page lists the same candidates, saying which could be merged into.
    const page = await clerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${retold.id}/duplicates`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.json().items.map((c: any) => c.id)).toEqual([samePerson.id, original.id]);
    expect(page.json().items[1]).toMatchObject({
      number: original.number,
      status: 'registered',
      statusLabel: '已登记',
      unitName: '东城镇',
      mergeable: true,
    });
    const back = await clerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${original.id}/duplicates`,
    });
    expect(back.json().items.map((c: any) => c.id)).toEqual([retold.id]);
  });

  it('shows only cases the clerk may see: not another township’s, never an accusation against the clerk’s line', async () => {
    const w = await petitionWorld(env());
    const countyClerk = await w.people(w.t.county.id, ['clerk']);
    const townClerk = await w.people(w.t.townA.id, ['clerk']);
    const siblingClerk = await w.people(w.t.townB.id, ['clerk']);
    const accusation = await register(
      countyClerk.session,
      letter(w.t.county.id, {
        ...NOISE,
        classification: 'accusation',
        accused: { unitId: w.t.townA.id, name: '某干部' },
        petitioners: person('王建国', '330102196501018888'),
      }),
    );
    const sibling = await register(siblingClerk.session, letter(w.t.townB.id, { ...NOISE }));
    const mine = await register(
      townClerk.session,
      letter(w.t.townA.id, { ...RETOLD, petitioners: person('王建国', '330102196501018888') }),
    );
    const ids = mine.duplicateCandidates.map((c) => c.id);
    expect(ids).not.toContain(accusation.id);
    expect(ids).not.toContain(sibling.id);
    const page = await townClerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${mine.id}/duplicates`,
    });
    expect(page.json().items.map((c: any) => c.id)).not.toContain(accusation.id);

    // The county sees both, the accusation as the same petitioner and near-identical text.
    const county = await countyClerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${mine.id}/duplicates`,
    });
    const found = county.json().items.find((c: any) => c.id === accusation.id);
    expect(found).toMatchObject({ score: 1, mergeable: false });
    expect(found.reason).toMatch(/^同一信访人；内容相近（相似度 0\.\d\d）$/);
    expect(county.json().items.map((c: any) => c.id)).toContain(sibling.id);

    // 404 for a case out of the clerk's scope, as for the case itself.
    const hidden = await townClerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${sibling.id}/duplicates`,
    });
    expect(hidden.statusCode).toBe(404);
    expect((await getCase(townClerk.session, accusation.id)).statusCode).toBe(404);
  });

  it('fingerprints petitions that reached the table without one in the nightly backfill job', async () => {
    const e: TestEnv = env();
    const w = await petitionWorld(e);
    const clerk = await w.people(w.t.townB.id, ['clerk']);
    const category = await e.handle.db
      .selectFrom('petition_categories')
      .select('id')
      .executeTakeFirstOrThrow();
    const [old] = generateCorpus({ size: 1, seed: 77 });
    const rows = corpusRows(loadKeyRing(e.config), old as CorpusPetition, {
      unitId: w.t.townB.id,
      categoryId: category.id,
      now: e.clock.now().toISOString(),
      prefix: '旧台账',
    });
    await e.handle.db.insertInto('petitions').values(rows.petition).execute();
    await e.handle.db.insertInto('petitioners').values(rows.petitioner).execute();
    const retold = { ...NOISE, ...(old as { title: string; content: string; demands: string }) };
    expect(await similarCases(e.handle.db, fingerprintOf(retold))).toEqual([]);

    await enqueue(e.handle.db, 'duplicates.backfill', {}, { clock: e.clock });
    expect(
      await runDueJobs({ db: e.handle.db, config: e.config, clock: e.clock }, { workerId: 'dup-test' }),
    ).toBeGreaterThan(0);
    expect((await similarCases(e.handle.db, fingerprintOf(retold))).map((s) => s.petitionId)).toContain(
      rows.petition.id,
    );
    const again = await register(
      clerk.session,
      letter(w.t.townB.id, { ...retold, petitioners: [{ name: '新信访人' }] }),
    );
    expect(again.duplicateCandidates.map((c) => c.id)).toContain(rows.petition.id);
  });

  it('finds ≥ 95 % of planted near-duplicates with ≥ 90 % precision and every same-ID repeat among 1,200 petitions', async () => {
    const e: TestEnv = env();
    const w = await petitionWorld(e);
    const clerk = await w.people(w.t.county.id, ['clerk']);
    const actor: Actor = {
      userId: clerk.id,
      username: clerk.username,
      name: '测试',
      unitId: w.t.county.id,
      unitPath: w.t.county.path,
      roles: ['clerk'],
      sessionId: 'test',
    };
    const category = await e.handle.db
      .selectFrom('petition_categories')
      .select('id')
      .executeTakeFirstOrThrow();
    const keys = loadKeyRing(e.config);
    const corpus = generateCorpus({ size: 1200, seed: 4242 });
    const ids: string[] = [];
    const detected: Array<[number, number]> = [];
    const indexOf = new Map<string, number>();
    let sameFound = 0;
    let sameTotal = 0;
    let shownFound = 0;
    let shownTotal = 0;
    const now = e.clock.now().toISOString();
    for (const p of corpus) {
      const row = corpusRows(keys, p, {
        unitId: w.t.county.id,
        categoryId: category.id,
        now,
        prefix: `测${e.dialect}`,
      });
      const fp = fingerprintOf(p);
      // Detection for the new petition against all earlier ones, before it is stored.
      for (const s of await similarCases(e.handle.db, fp))
        detected.push([p.index, indexOf.get(s.petitionId) as number]);
      if (p.samePetitionerAs !== null) {
        sameTotal++;
        const same = await samePetitionerIds(e.handle.db, {
          idNumbers: [row.petitioner.id_number_index as string],
          namePhones: [],
        });
        if (same.includes(ids[p.samePetitionerAs] as string)) sameFound++;
      }
      if (p.duplicateOf !== null && p.index % 4 === 0) {
        // Through the whole candidate path (visibility included), as at registration.
        const shown = await duplicateCandidates(
          e.ctx(),
          actor,
          { id: row.petition.id, unitId: w.t.county.id, receivedOn: row.petition.received_on },
          [row.petitioner],
          fp,
        );
        shownTotal++;
        if (shown.some((c) => c.id === ids[p.duplicateOf as number])) shownFound++;
      }
      await insertCorpusRows(e.handle.db, [{ ...row, fp }], now);
      ids.push(row.petition.id);
      indexOf.set(row.petition.id, p.index);
    }
    const score = scorePairs(corpus, detected);
    expect(score.planted).toBeGreaterThanOrEqual(60);
    expect(score.recall, JSON.stringify(score)).toBeGreaterThanOrEqual(0.95);
    expect(score.precision, JSON.stringify(score)).toBeGreaterThanOrEqual(0.9);
    expect(sameTotal).toBeGreaterThanOrEqual(20);
    expect(sameFound).toBe(sameTotal);
    expect(shownTotal).toBeGreaterThanOrEqual(15);
    expect(shownFound / shownTotal).toBeGreaterThanOrEqual(0.95);
  }, 240_000);
});
