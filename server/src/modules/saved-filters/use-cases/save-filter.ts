import { PetitionListQuery } from '../../../../../shared/contracts/petitions.ts';
import {
  type CreateSavedFilterInput,
  SAVED_FILTER_KEYS,
} from '../../../../../shared/contracts/saved-filters.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { insertSavedFilter, type SavedFilterRow, savedFilterStats } from '../saved-filters.repository.ts';

/** At most this many saved filters per user: they are quick tabs above the list, not an archive. */
export const MAX_SAVED_FILTERS = 20;

/**
 * The list parameters of a filter, checked against the list's own query schema (so a saved filter
 * always opens a valid list) and kept as given, without empty values; 400 naming the problem.
 */
export function checkFilterQuery(query: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!(SAVED_FILTER_KEYS as readonly string[]).includes(key))
      throw new AppError('validation_failed', `筛选条件中不能包含“${key}”，请只保存列表的筛选和排序条件。`, {
        field: `query.${key}`,
      });
    if (value.trim() !== '') kept[key] = value.trim();
  }
  const parsed = PetitionListQuery.safeParse(kept);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new AppError('validation_failed', `筛选条件“${field}”无效：${issue?.message ?? '格式不正确'}`, {
      field: `query.${field}`,
    });
  }
  return kept;
}

/** Saves a named filter for the actor (names unique per user, at most MAX_SAVED_FILTERS), audited. */
export async function saveFilter(
  ctx: Ctx,
  actor: Actor,
  input: CreateSavedFilterInput,
): Promise<SavedFilterRow> {
  const query = checkFilterQuery(input.query);
  const stats = await savedFilterStats(ctx.db, actor.userId, input.name);
  if (stats.nameTaken)
    throw new AppError('conflict', `已有名为“${input.name}”的筛选，请换一个名称或先删除原来的。`, {
      field: 'name',
    });
  if (stats.count >= MAX_SAVED_FILTERS)
    throw new AppError('conflict', `最多保存${MAX_SAVED_FILTERS}个筛选，请先删除不用的。`);
  const row: SavedFilterRow = {
    id: newId(),
    user_id: actor.userId,
    name: input.name,
    query_json: JSON.stringify(query),
    created_at: ctx.clock.now().toISOString(),
  };
  await insertSavedFilter(ctx.db, row);
  await recordAudit(ctx, {
    action: 'saved_filter.create',
    subjectType: 'saved_filter',
    subjectId: row.id,
    unitId: actor.unitId,
    after: { name: row.name, query },
  });
  return row;
}
