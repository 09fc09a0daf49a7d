import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { makeTree, makeUser } from '../../../test/factories.ts';
import { expectedKeys, generateCorpus, PLANTED } from '../../../test/fixtures/petition-corpus.ts';
import { registerCorpus } from '../../../test/fixtures/register-corpus.ts';
import { describeEachDialect, type TestEnv } from '../../../test/harness.ts';
import { listVisiblePetitions, visiblePetitionQuery } from '../../modules/petitions/petitions.repository.ts';
import type { Actor } from '../http/context.ts';
import { prepareSearch, walksCases } from './search-index.ts';

// The two plans of a search in the case list (docs/search.md): the matches drive (few matches),
// or the list order walks the cases and tests each against the matches (many matches). Both must
// give exactly the same cases in the same order, page by page, for every caller, on both databases.

const corpus = generateCorpus(400, 7);
const QUERIES = [...Object.values(PLANTED), '施', '尾矿', '违规审批', '不存在的词语'];

type Reader = Pick<Actor, 'userId' | 'unitPath' | 'roles'>;

interface World {
  keyOf: Map<string, number>;
  readers: Record<'county' | 'village' | 'accused' | 'colleague', Reader>;
}

/** Registers the corpus through the registration use case (accusations against a village and a cadre of town A). */
async function seed(env: TestEnv): Promise<World> {
  const t = await makeTree(env);
  const clerk = await makeUser(env, { unitId: t.county.id, roles: ['clerk'], name: '计划登记员' });
  const accused = await makeUser(env, { unitId: t.townA.id, roles: ['leader'], name: '计划被检举人' });
  const keyOf = await registerCorpus(env, t, corpus, { ...clerk, name: '计划登记员' }, accused.id);
  const leader = (id: string, unitPath: string): Reader => ({ userId: id, unitPath, roles: ['leader'] });
  return {
    keyOf,
    readers: {
      county: leader('plans-county', t.county.path),
      village: leader('plans-village', t.villageA1.path),
      accused: leader(accused.id, t.townA.path),
      colleague: leader('plans-colleague', t.townA.path),
    },
  };
}

describeEachDialect('search: both plans of the case list give the same pages', (env) => {
  let w: World;
  beforeAll(async () => {
    w = await seed(env());
  }, 240_000);

  /** One page of a search under a forced plan, as corpus keys. */
  async function page(
    reader: Reader,
    q: string,
    walk: boolean,
    sort: 'receivedOn' | 'nextDue',
    offset: number,
    limit: number,
  ): Promise<number[]> {
    const db = env().handle.db;
    const search = await prepareSearch(db, q);
    let rows = visiblePetitionQuery(
      db,
      reader,
      { q, mine: false, overdue: false, today: '2026-11-02' },
      {
        search,
        walk,
      },
    ).select('petitions.id');
    rows =
      sort === 'nextDue'
        ? rows.orderBy(sql`coalesce(petitions.next_due, '9999-12-31')`).orderBy('petitions.id')
        : rows.orderBy('petitions.received_on', 'desc').orderBy('petitions.id', 'desc');
    const ids = await rows.limit(limit).offset(offset).execute();
    return ids.map((r) => w.keyOf.get(r.id) ?? -1);
  }

  it('walking the list order and taking the matches return the same cases in the same order, page by page', async () => {
    for (const q of QUERIES) {
      const all = expectedKeys(corpus, q);
      expect(await page(w.readers.county, q, false, 'receivedOn', 0, 1000), q).toEqual(all);
      expect(await page(w.readers.county, q, true, 'receivedOn', 0, 1000), q).toEqual(all);
      for (const reader of Object.values(w.readers))
        for (const sort of ['receivedOn', 'nextDue'] as const)
          for (const [offset, limit] of [
            [0, 21],
            [20, 21],
            [60, 7],
          ] as const) {
            const taken = await page(reader, q, false, sort, offset, limit);
            expect(await page(reader, q, true, sort, offset, limit), `${q} ${sort} ${offset}`).toEqual(taken);
          }
    }
  });

  it('never walks to an accusation for the accused person, in either plan', async () => {
    const accusations = new Set(corpus.filter((c) => c.classification === 'accusation').map((c) => c.key));
    expect(accusations.size).toBeGreaterThan(0);
    for (const walk of [false, true]) {
      const seen = await page(w.readers.accused, '违规审批', walk, 'receivedOn', 0, 1000);
      expect(seen).toEqual([]);
      const colleague = await page(w.readers.colleague, '违规审批', walk, 'receivedOn', 0, 1000);
      expect(colleague.length).toBe(accusations.size);
    }
  });

  it('walks for a common word’s first page and takes the matches of a rare word, with the list’s answer either way', async () => {
    const db = env().handle.db;
    const common = await prepareSearch(db, PLANTED.common);
    const rare = await prepareSearch(db, PLANTED.rare);
    const commonHits = expectedKeys(corpus, PLANTED.common).length;
    if (env().dialect === 'sqlite') {
      expect(common.matches).toBe(commonHits);
      expect(walksCases(common, 21, commonHits)).toBe(true);
    }
    expect(walksCases(rare, 21, expectedKeys(corpus, PLANTED.rare).length)).toBe(false);
    expect(walksCases(common, 21, 0)).toBe(false);
    for (const q of [PLANTED.common, PLANTED.rare, PLANTED.twoTerms]) {
      const expected = expectedKeys(corpus, q);
      const first = await listVisiblePetitions(db, w.readers.county, {
        q,
        mine: false,
        overdue: false,
        today: '2026-11-02',
        sort: 'receivedOn',
        page: 1,
        pageSize: 20,
      });
      expect(first.total, q).toBe(expected.length);
      expect(
        first.rows.map((r) => w.keyOf.get(r.id)),
        q,
      ).toEqual(expected.slice(0, 20));
      const keyset = await listVisiblePetitions(db, w.readers.county, {
        q,
        mine: false,
        overdue: false,
        today: '2026-11-02',
        sort: 'receivedOn',
        page: 1,
        pageSize: 20,
        count: false,
        after: first.rows.length
          ? { key: first.rows.at(-1)?.sort_key as string, id: first.rows.at(-1)?.id as string }
          : undefined,
      });
      expect(keyset.total).toBeUndefined();
      expect(
        keyset.rows.map((r) => w.keyOf.get(r.id)),
        q,
      ).toEqual(first.rows.length ? expected.slice(20, 40) : []);
    }
  });

  it('counts a search inside the caller’s transaction too, and leaves that transaction’s settings as they were', async () => {
    const db = env().handle.db;
    const expected = expectedKeys(corpus, PLANTED.common);
    await db.transaction().execute(async (trx) => {
      const listed = await listVisiblePetitions(trx, w.readers.county, {
        q: PLANTED.common,
        mine: false,
        overdue: false,
        today: '2026-11-02',
        sort: 'receivedOn',
        page: 2,
        pageSize: 20,
      });
      expect(listed.total).toBe(expected.length);
      expect(listed.rows.map((r) => w.keyOf.get(r.id))).toEqual(expected.slice(20, 40));
      if (env().dialect === 'postgres') {
        const setting = await sql<{ enable_seqscan: string }>`SHOW enable_seqscan`.execute(trx);
        expect(setting.rows[0]?.enable_seqscan).toBe('on');
      }
    });
  });
});
