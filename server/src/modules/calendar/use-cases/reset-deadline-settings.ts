import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { deleteUnitSettings, findUnitSettings } from '../calendar.repository.ts';
import { storedOverrides } from '../load-unit-rules.ts';
import { requestDeadlineRecompute } from '../recompute.ts';

/**
 * Removes a unit's own deadline settings so that it inherits its nearest ancestor's (or the
 * defaults) again; audited as `deadline_settings.reset` with the settings removed. Idempotent.
 */
export async function resetDeadlineSettings(ctx: Ctx, unitId: string): Promise<void> {
  const before = await findUnitSettings(ctx.db, unitId);
  if (!before) return;
  await deleteUnitSettings(ctx.db, unitId);
  await recordAudit(ctx, {
    action: 'deadline_settings.reset',
    subjectType: 'unit',
    subjectId: unitId,
    unitId,
    before: { simpleTrack: before.simple_track === 1, overrides: storedOverrides(before.overrides_json) },
  });
  await requestDeadlineRecompute(ctx, `deadline settings reset ${unitId}`);
}
