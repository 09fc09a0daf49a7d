import type { AuditLogTable, Db } from '../../platform/db/schema.ts';
import { addDays, chinaInstant } from '../../platform/jobs/china-time.ts';

/** Filters of the audit list; `from`/`to` are inclusive China Standard Time days (`YYYY-MM-DD`). */
export interface AuditFilter {
  actorId?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
}

/**
 * One page of the audit trail, newest first, filtered and paginated in SQL, with the total of
 * matching entries. The trail is institution-wide: the auditor role is not limited to a unit (ADR 0003).
 */
export async function listAuditEntries(
  db: Db,
  filter: AuditFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: AuditLogTable[]; total: number }> {
  let q = db.selectFrom('audit_log');
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.subjectType) q = q.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  // `at` is ISO-8601 UTC text of fixed width, so text comparison orders it in time.
  if (filter.from) q = q.where('at', '>=', chinaInstant(filter.from).toISOString());
  if (filter.to) q = q.where('at', '<', chinaInstant(addDays(filter.to, 1)).toISOString());
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
