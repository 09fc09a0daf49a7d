import type { CreateUnitInput } from '../../../../../shared/contracts/org.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { UNIT_KIND_LABELS } from '../org.labels.ts';
import { CHILD_KINDS, defaultAcceptsOnline } from '../org.policy.ts';
import { unitSnapshot } from '../org.presenter.ts';
import { findSiblingNamed, insertUnit, type UnitRow } from '../org.repository.ts';

/**
 * Creates a unit below a parent already known to be in the actor's scope: its kind must be one
 * CHILD_KINDS allows under the parent (422 invalid_hierarchy), its name unique among the parent's
 * children (409 conflict); acceptsOnline defaults by kind (issue 2). Audited as `unit.create`.
 */
export async function createUnit(ctx: Ctx, parent: UnitRow, input: CreateUnitInput): Promise<UnitRow> {
  const allowed = CHILD_KINDS[parent.kind] ?? [];
  if (!allowed.includes(input.kind)) {
    const options = allowed.map((k) => UNIT_KIND_LABELS[k] ?? k).join('、');
    throw new AppError(
      'invalid_hierarchy',
      `“${parent.name}”（${UNIT_KIND_LABELS[parent.kind] ?? parent.kind}）之下不能设立${UNIT_KIND_LABELS[input.kind]}${
        options ? `，只能设立：${options}` : '，它不能再有下级单位'
      }。`,
      { parentKind: parent.kind, kind: input.kind, allowed },
    );
  }
  if (await findSiblingNamed(ctx.db, parent.id, input.name)) {
    throw new AppError('conflict', `“${parent.name}”下已有名为“${input.name}”的单位，请换一个名称。`, {
      field: 'name',
    });
  }
  const unit = await insertUnit(ctx.db, {
    id: newId(),
    name: input.name,
    kind: input.kind,
    parent,
    acceptsOnline: input.acceptsOnline ?? defaultAcceptsOnline(input.kind),
    createdAt: ctx.clock.now().toISOString(),
  });
  await recordAudit(ctx, {
    action: 'unit.create',
    subjectType: 'unit',
    subjectId: unit.id,
    unitId: unit.id,
    after: unitSnapshot(unit),
  });
  return unit;
}
