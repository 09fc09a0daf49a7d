import { PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { indexText, type Phrase, queryPhrases } from './tokens.ts';

// The full-text index of petitions (ADR 0007, docs/search.md), one row per petition built from
// the same token string on both databases: SQLite a contentless FTS5 table `petition_search
// (tokens)` (unicode61 tokenizer, secure-delete) whose rowid `petition_search_docs` maps to the
// petition, PostgreSQL a table `petition_search(petition_id, vector)` with
// `to_tsvector('simple', tokens)` and a GIN index (migration 2026-11-29T15-00-00-search).
// Queries are parameters, never spliced into the SQL text.

/** The searchable text of a petition; ID numbers and phones are deliberately not part of it. */
export interface PetitionText {
  title: string;
  content: string;
  demands: string;
  /** Petitioners' names. */
  names: readonly string[];
}

/** Whether the connection (or transaction) talks to PostgreSQL. */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The token string of a petition: names first, then title, demands and content (the longest). */
export function petitionTokens(text: PetitionText): string {
  return indexText([...text.names, text.title, text.demands, text.content]);
}

/** Removes a petition from the index (FTS5 runs with secure-delete, so its text does not linger). */
export async function removeFromIndex(db: Db, petitionId: string): Promise<void> {
  if (isPostgres(db)) {
    await sql`DELETE FROM petition_search WHERE petition_id = ${petitionId}`.execute(db);
    return;
  }
  await sql`DELETE FROM petition_search WHERE rowid IN
    (SELECT doc FROM petition_search_docs WHERE petition_id = ${petitionId})`.execute(db);
  await sql`DELETE FROM petition_search_docs WHERE petition_id = ${petitionId}`.execute(db);
}

/** Indexes (or re-indexes) one petition; call it in the transaction that writes the petition. */
export async function indexPetition(db: Db, petitionId: string, text: PetitionText): Promise<void> {
  const tokens = petitionTokens(text);
  if (isPostgres(db)) {
    await sql`INSERT INTO petition_search (petition_id, vector)
      VALUES (${petitionId}, to_tsvector('simple', ${tokens}))
      ON CONFLICT (petition_id) DO UPDATE SET vector = excluded.vector`.execute(db);
    return;
  }
  await removeFromIndex(db, petitionId);
  const doc = await sql<{ doc: number }>`INSERT INTO petition_search_docs (petition_id)
    VALUES (${petitionId}) RETURNING doc`.execute(db);
  const rowid = (doc.rows[0] as { doc: number }).doc;
  await sql`INSERT INTO petition_search (rowid, tokens) VALUES (${rowid}, ${tokens})`.execute(db);
}

const REINDEX_BATCH = 500;

/**
 * Rebuilds the whole index from the petitions and their petitioners' names, in batches by id;
 * returns the number of petitions indexed. Used by the backfill job and by tests.
 */
export async function reindexAll(db: Db): Promise<number> {
  if (isPostgres(db)) await sql`DELETE FROM petition_search`.execute(db);
  else {
    await sql`INSERT INTO petition_search (petition_search) VALUES ('delete-all')`.execute(db);
    await sql`DELETE FROM petition_search_docs`.execute(db);
  }
  let after = '';
  let total = 0;
  for (;;) {
    const rows = await db
      .selectFrom('petitions')
      .select(['id', 'title', 'content', 'demands'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(REINDEX_BATCH)
      .execute();
    if (rows.length === 0) return total;
    const names = await db
      .selectFrom('petitioners')
      .select(['petition_id', 'name'])
      .where(
        'petition_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('petition_id')
      .orderBy('sort_order')
      .execute();
    const byPetition = new Map<string, string[]>();
    for (const n of names) byPetition.set(n.petition_id, [...(byPetition.get(n.petition_id) ?? []), n.name]);
    for (const r of rows) {
      await indexPetition(db, r.id, { ...r, names: byPetition.get(r.id) ?? [] });
    }
    total += rows.length;
    after = (rows[rows.length - 1] as { id: string }).id;
  }
}

/** An FTS5 string literal: the text in double quotes, inner quotes doubled. */
function fts5String(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** The FTS5 MATCH expression of the phrases: each a quoted phrase (prefix `*`), joined by AND. */
export function fts5Match(phrases: readonly Phrase[]): string {
  return phrases.map((p) => `${fts5String(p.tokens.join(' '))}${p.prefix ? '*' : ''}`).join(' AND ');
}

/** A tsquery operand: the lexeme in single quotes, inner quotes doubled and backslashes escaped. */
function tsLexeme(s: string): string {
  return `'${s.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** The to_tsquery text of the phrases: tokens joined by `<->` (last one `:*` for a prefix), phrases by `&`. */
export function tsQueryText(phrases: readonly Phrase[]): string {
  return phrases
    .map((p) => {
      const parts = p.tokens.map(tsLexeme);
      if (p.prefix) parts[parts.length - 1] = `${parts[parts.length - 1]}:*`;
      return `(${parts.join(' <-> ')})`;
    })
    .join(' & ');
}

/** Whether text contains a letter or digit at all. */
const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * The phrases of a user's query, or 400 validation_failed with a Chinese message when nothing in
 * it can be searched (only punctuation, or only ID/phone numbers, which are never indexed).
 */
export function parseSearchQuery(query: string): Phrase[] {
  const phrases = queryPhrases(query);
  if (phrases.length > 0) return phrases;
  const message = HAS_WORD.test(query)
    ? '身份证号、电话等号码不能用于全文检索，请输入标题、内容、诉求中的文字或信访人姓名；按身份证号查找请使用“查询信访人”。'
    : '检索词中没有可查找的文字，请输入汉字、字母或数字。';
  throw new AppError('validation_failed', message, {
    field: 'q',
    issues: [{ field: 'querystring.q', message }],
  });
}

/**
 * A subquery of the ids of petitions whose text matches every term of the query (400 when the
 * query has nothing searchable); combine it with the caller's visibility and sort.
 */
export function matchingPetitionIds(db: Db, query: string): RawBuilder<{ petition_id: string }> {
  const phrases = parseSearchQuery(query);
  // OFFSET 0 keeps PostgreSQL from walking the cases newest first and testing each one's tsvector
  // (detoasted per row: 234 ms for a name at 100,000 cases): it takes the matches from the GIN
  // index first, as SQLite does (docs/search.md).
  if (isPostgres(db))
    return sql`SELECT petition_id FROM petition_search
      WHERE vector @@ to_tsquery('simple', ${tsQueryText(phrases)}) OFFSET 0`;
  return sql`SELECT petition_id FROM petition_search_docs WHERE doc IN
    (SELECT rowid FROM petition_search WHERE petition_search MATCH ${fts5Match(phrases)})`;
}

/**
 * A parsed search with the sizes that choose its plan (see `walksCases`): how many documents of
 * the index match (SQLite: exact, from FTS5 in about 1 ms for 20,000 matches; PostgreSQL: the
 * planner's estimate, because an exact count reads the matching tsvectors) and how many cases exist.
 */
export interface PreparedSearch {
  phrases: Phrase[];
  matches: number;
  cases: number;
  /** How many cases the list order may probe for the cost of taking one match (`PROBE_ADVANTAGE`). */
  probeAdvantage: number;
}

/**
 * Cases probed in list order per match taken, at equal cost (measured at 100,000 cases): SQLite
 * probes a case with two index lookups (≈ 0.7 µs) and takes a match with a lookup and a sort
 * (≈ 1.9 µs); PostgreSQL probes a case by decompressing its tsvector (≈ 25 µs) and takes a match
 * for 8–22 µs. PostgreSQL's estimate of an AND of words is low (2,330 for 14,880), hence 0.8.
 */
const PROBE_ADVANTAGE = { sqlite: 2.5, postgres: 0.8 };

/** Parses the query (400 as `parseSearchQuery`) and measures its match set cheaply. */
export async function prepareSearch(db: Db, query: string): Promise<PreparedSearch> {
  const phrases = parseSearchQuery(query);
  if (isPostgres(db)) {
    const plan = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`EXPLAIN (FORMAT JSON)
      SELECT 1 FROM petition_search WHERE vector @@ to_tsquery('simple', ${tsQueryText(phrases)})`.execute(
      db,
    );
    const matches = plan.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0;
    const stats = await sql<{ n: number }>`SELECT reltuples::bigint AS n FROM pg_class
      WHERE oid = 'petitions'::regclass`.execute(db);
    let cases = Number(stats.rows[0]?.n ?? -1);
    if (cases <= 0)
      cases = Number(
        (await sql<{ n: number }>`SELECT count(*) AS n FROM petitions`.execute(db)).rows[0]?.n ?? 0,
      );
    return { phrases, matches, cases, probeAdvantage: PROBE_ADVANTAGE.postgres };
  }
  const counted = await sql<{ n: number }>`SELECT count(*) AS n FROM petition_search
    WHERE petition_search MATCH ${fts5Match(phrases)}`.execute(db);
  const highest = await sql<{ n: number | null }>`SELECT max(rowid) AS n FROM petitions`.execute(db);
  return {
    phrases,
    matches: Number(counted.rows[0]?.n ?? 0),
    cases: Number(highest.rows[0]?.n ?? 0),
    probeAdvantage: PROBE_ADVANTAGE.sqlite,
  };
}

/**
 * Whether to walk the cases in list order and test each against the matches (stopping after
 * `wanted` rows) rather than take every match and sort them: walking probes about
 * wanted × cases / hits cases, taking costs one lookup per match. `hits` is the number of visible
 * matches when known (the total), else the matches of the index. Never walks when nothing may be found.
 */
export function walksCases(search: PreparedSearch, wanted: number, hits = search.matches): boolean {
  if (search.matches === 0 || hits <= 0) return false;
  return wanted * search.cases <= search.probeAdvantage * search.matches * hits;
}

/**
 * The condition "petitions.id matches the search", shaped for one of two plans: `walk` = test
 * each case the list order reaches (SQLite looks up the case's document and probes the set of
 * matching documents, built once; PostgreSQL probes each case's tsvector), otherwise the matches
 * drive (as `matchingPetitionIds`). Both select exactly the same cases.
 */
export function searchCondition(db: Db, search: PreparedSearch, walk: boolean): RawBuilder<boolean> {
  if (isPostgres(db)) {
    const text = tsQueryText(search.phrases);
    return walk
      ? sql<boolean>`petitions.id IN (SELECT petition_id FROM petition_search
          WHERE vector @@ to_tsquery('simple', ${text}))`
      : sql<boolean>`petitions.id IN (SELECT petition_id FROM petition_search
          WHERE vector @@ to_tsquery('simple', ${text}) OFFSET 0)`;
  }
  const match = fts5Match(search.phrases);
  return walk
    ? sql<boolean>`(SELECT doc FROM petition_search_docs WHERE petition_search_docs.petition_id = petitions.id)
        IN (SELECT rowid FROM petition_search WHERE petition_search MATCH ${match})`
    : sql<boolean>`petitions.id IN (SELECT petition_id FROM petition_search_docs WHERE doc IN
        (SELECT rowid FROM petition_search WHERE petition_search MATCH ${match}))`;
}

/**
 * Runs a count over a search's matches with PostgreSQL's sequential scans disabled (SET LOCAL, in
 * a transaction of its own or the caller's): it then reads the matches through the GIN index
 * instead of decompressing every tsvector of the table, which its cost model does not charge
 * (the total of a word in 20 % of 100,000 cases: docs/search.md). SQLite runs `count` as it is.
 */
export async function countWithIndexes<T>(db: Db, count: (db: Db) => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return count(db);
  if (!db.isTransaction)
    return db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      return count(trx);
    });
  await sql`SET LOCAL enable_seqscan = off`.execute(db);
  try {
    return await count(db);
  } finally {
    await sql`SET LOCAL enable_seqscan = DEFAULT`.execute(db);
  }
}
