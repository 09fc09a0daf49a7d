import type { UpdateUnitInput } from '../../../../../shared/contracts/org.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { unitSnapshot } from '../org.presenter.ts';
import { findSiblingNamed, type UnitRow, updateUnit as writeUnit } from '../org.repository.ts';

/**
 * Renames a unit (unique among its siblings, else 409) or changes whether it accepts online
 * petitions; audited as `unit.update` with before/after when anything changed.
 */
export async function updateUnit(ctx: Ctx, unit: UnitRow, input: UpdateUnitInput): Promise<UnitRow> {
  const next: UnitRow = {
    ...unit,
    name: input.name ?? unit.name,
    accepts_online: input.acceptsOnline === undefined ? unit.accepts_online : input.acceptsOnline ? 1 : 0,
  };
  if (next.name !== unit.name && (await findSiblingNamed(ctx.db, unit.parent_id, next.name, unit.id))) {
    throw new AppError('conflict', `同一上级单位下已有名为“${next.name}”的单位，请换一个名称。`, {
      field: 'name',
    });
  }
  if (next.name === unit.name && next.accepts_online === unit.accepts_online) return unit;
  await writeUnit(ctx.db, unit.id, { name: next.name, accepts_online: next.accepts_online });
  await recordAudit(ctx, {
    action: 'unit.update',
    subjectType: 'unit',
    subjectId: unit.id,
    unitId: unit.id,
    before: unitSnapshot(unit),
    after: unitSnapshot(next),
  });
  return next;
}
