import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import {
  type CategoryRow,
  findCategoryByName,
  insertCategory,
  maxCategorySortOrder,
  updateCategory as updateCategoryRow,
} from '../petitions.repository.ts';

function snapshot(c: Pick<CategoryRow, 'name' | 'sort_order' | 'active'>) {
  return { name: c.name, sortOrder: c.sort_order, active: c.active === 1 };
}

/** Adds a category to the dictionary (names unique, 409), last unless an order is given; audited `petition_category.create`. */
export async function createCategory(
  ctx: Ctx,
  input: { name: string; sortOrder?: number },
): Promise<CategoryRow> {
  if (await findCategoryByName(ctx.db, input.name))
    throw new AppError('conflict', `类别“${input.name}”已经存在。`, { field: 'name' });
  const now = ctx.clock.now().toISOString();
  const row: CategoryRow = {
    id: newId(),
    name: input.name,
    sort_order: input.sortOrder ?? (await maxCategorySortOrder(ctx.db)) + 10,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  await insertCategory(ctx.db, row);
  await recordAudit(ctx, {
    action: 'petition_category.create',
    subjectType: 'petition_category',
    subjectId: row.id,
    after: snapshot(row),
  });
  return row;
}

/**
 * Renames, reorders, retires or restores a category (cases keep it: they refer to it by id, so
 * a rename shows on every case); names unique (409); audited `petition_category.update`.
 */
export async function updateCategory(
  ctx: Ctx,
  category: CategoryRow,
  input: { name?: string; sortOrder?: number; active?: boolean },
): Promise<CategoryRow> {
  if (input.name !== undefined && input.name !== category.name) {
    const other = await findCategoryByName(ctx.db, input.name);
    if (other) throw new AppError('conflict', `类别“${input.name}”已经存在。`, { field: 'name' });
  }
  const next: CategoryRow = {
    ...category,
    name: input.name ?? category.name,
    sort_order: input.sortOrder ?? category.sort_order,
    active: input.active === undefined ? category.active : input.active ? 1 : 0,
    updated_at: ctx.clock.now().toISOString(),
  };
  await updateCategoryRow(ctx.db, category.id, {
    name: next.name,
    sort_order: next.sort_order,
    active: next.active,
    updated_at: next.updated_at,
  });
  await recordAudit(ctx, {
    action: 'petition_category.update',
    subjectType: 'petition_category',
    subjectId: category.id,
    before: snapshot(category),
    after: snapshot(next),
  });
  return next;
}
