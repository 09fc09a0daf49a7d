import type { PutDeadlineSettingsInput } from '../../../../../shared/contracts/calendar.ts';
import { parseRuleOverrides } from '../../../../../shared/deadlines/index.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { findUnitSettings, upsertUnitSettings } from '../calendar.repository.ts';
import { storedOverrides } from '../load-unit-rules.ts';
import { requestDeadlineRecompute } from '../recompute.ts';

/**
 * Saves a unit's own deadline settings (simple track, rule overrides validated by
 * `parseRuleOverrides`: 422 `invalid_deadline_rules` listing the problems in Chinese); they apply to
 * the unit and to every unit below it without settings of its own. Audited as
 * `deadline_settings.update` with before/after.
 */
export async function updateDeadlineSettings(
  ctx: Ctx,
  unitId: string,
  input: PutDeadlineSettingsInput,
): Promise<void> {
  const checked = parseRuleOverrides(input.overrides);
  if (!checked.ok) {
    throw new AppError('invalid_deadline_rules', `时限规则设置有误：${checked.errors.join('；')}`, {
      problems: checked.errors,
    });
  }
  const before = await findUnitSettings(ctx.db, unitId);
  const after = { simpleTrack: input.simpleTrack, overrides: checked.overrides };
  await upsertUnitSettings(ctx.db, {
    unit_id: unitId,
    simple_track: input.simpleTrack ? 1 : 0,
    overrides_json: JSON.stringify(checked.overrides),
    updated_at: ctx.clock.now().toISOString(),
    updated_by: ctx.actor?.userId ?? null,
  });
  await recordAudit(ctx, {
    action: 'deadline_settings.update',
    subjectType: 'unit',
    subjectId: unitId,
    unitId,
    before: before
      ? { simpleTrack: before.simple_track === 1, overrides: storedOverrides(before.overrides_json) }
      : undefined,
    after,
  });
  await requestDeadlineRecompute(ctx, `deadline settings ${unitId}`);
}
