import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { deleteSavedFilter as deleteRow, type SavedFilterRow } from '../saved-filters.repository.ts';

/** Deletes one of the actor's own saved filters, audited with what it was. */
export async function deleteSavedFilter(ctx: Ctx, actor: Actor, row: SavedFilterRow): Promise<void> {
  await deleteRow(ctx.db, actor.userId, row.id);
  await recordAudit(ctx, {
    action: 'saved_filter.delete',
    subjectType: 'saved_filter',
    subjectId: row.id,
    unitId: actor.unitId,
    before: { name: row.name, query: JSON.parse(row.query_json) as unknown },
  });
}
