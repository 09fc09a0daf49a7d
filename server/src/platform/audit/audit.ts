import { PostgresAdapter, sql } from 'kysely';
import { sm3Hex } from '../crypto/ids.ts';
import type { AuditLogTable, Db } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';

export const AUDIT_ALG = 'SM3';
export const GENESIS_HASH = '0'.repeat(64);

/** One event to record: what happened to which record, with before/after where it matters. */
export interface AuditEvent {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Overrides the actor for events without a session (login attempts, jobs). */
  actorId?: string | null;
  actorName?: string | null;
}

type Hashed = Omit<AuditLogTable, 'hash'>;

/** The hash of an entry: SM3 over its canonical content and the previous entry's hash (ADR 0003). */
export function hashEntry(e: Hashed): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.actor_id,
    e.actor_name,
    e.ip,
    e.request_id,
    e.action,
    e.subject_type,
    e.subject_id,
    e.unit_id,
    e.before_json,
    e.after_json,
    e.alg,
    e.prev_hash,
  ]);
  return sm3Hex(canonical);
}

/**
 * Appends an entry to the hash-chained audit trail inside the caller's transaction: the change
 * and its audit row commit together or not at all (fail-closed).
 */
export async function recordAudit(ctx: Ctx, event: AuditEvent): Promise<number> {
  return appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    actor_id: event.actorId !== undefined ? event.actorId : (ctx.actor?.userId ?? null),
    actor_name: event.actorName !== undefined ? event.actorName : (ctx.actor?.name ?? null),
    ip: ctx.meta.ip,
    request_id: ctx.meta.requestId,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId ?? null,
    unit_id: event.unitId ?? null,
    before_json: event.before === undefined ? null : JSON.stringify(event.before),
    after_json: event.after === undefined ? null : JSON.stringify(event.after),
  });
}

async function appendAudit(db: Db, row: Omit<Hashed, 'seq' | 'alg' | 'prev_hash'>): Promise<number> {
  // Lock the head row so concurrent transactions on PostgreSQL queue here and the chain never
  // forks; SQLite serialises writers already and ignores FOR UPDATE, so it is added for pg only.
  const head = await sql<{ seq: number; hash: string }>`SELECT seq, hash FROM audit_head WHERE id = 1 ${
    isPostgres(db) ? sql`FOR UPDATE` : sql``
  }`.execute(db);
  const prev = head.rows[0];
  if (!prev) throw new Error('audit_head is missing');
  const entry: Hashed = { ...row, seq: Number(prev.seq) + 1, alg: AUDIT_ALG, prev_hash: prev.hash };
  const hash = hashEntry(entry);
  await db
    .insertInto('audit_log')
    .values({ ...entry, hash })
    .execute();
  await db.updateTable('audit_head').set({ seq: entry.seq, hash }).where('id', '=', 1).execute();
  return entry.seq;
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
