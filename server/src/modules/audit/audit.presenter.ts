import type { AuditEntry } from '../../../../shared/contracts/audit.ts';
import type { AuditLogTable } from '../../platform/db/schema.ts';

/** An audit row as the auditor sees it: `id` is the chain position, before/after parsed back to JSON. */
export function presentAuditEntry(row: AuditLogTable): AuditEntry {
  return {
    id: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    ip: row.ip,
    requestId: row.request_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    unitId: row.unit_id,
    before: parseJson(row.before_json),
    after: parseJson(row.after_json),
  };
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
