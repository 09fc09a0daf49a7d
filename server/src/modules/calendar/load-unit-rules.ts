import {
  DEFAULT_RULES,
  type DeadlineRule,
  type RuleOverride,
  unitRules,
} from '../../../../shared/deadlines/index.ts';
import type { Db } from '../../platform/db/schema.ts';
import { findEffectiveUnitSettings } from './calendar.repository.ts';

/** The deadline settings in force for a unit, and the unit they were set on (absent for the defaults). */
export interface EffectiveUnitSettings {
  rules: DeadlineRule[];
  simpleTrack: boolean;
  overrides: RuleOverride[];
  inheritedFrom?: string;
  /** The unit whose settings apply (the unit itself or an ancestor); absent when the defaults apply. */
  settingsUnitId?: string;
  /** When the settings in force were last saved. */
  updatedAt?: string;
}

const KNOWN_IDS = new Set(DEFAULT_RULES.map((r) => r.id));

/** Stored overrides, without those naming a rule the defaults no longer have (validated on write). */
export function storedOverrides(json: string): RuleOverride[] {
  const value = JSON.parse(json) as RuleOverride[];
  return Array.isArray(value) ? value.filter((o) => KNOWN_IDS.has(o.id)) : [];
}

/**
 * The settings in force for a unit: its own, else its nearest ancestor's that has settings, else
 * the defaults (DEFAULT_RULES, standard track); `inheritedFrom` names the ancestor when inherited.
 */
export async function effectiveUnitSettings(db: Db, unitId: string): Promise<EffectiveUnitSettings> {
  const row = await findEffectiveUnitSettings(db, unitId);
  if (!row) return { rules: unitRules([]), simpleTrack: false, overrides: [] };
  const overrides = storedOverrides(row.overrides_json);
  return {
    rules: unitRules(overrides),
    simpleTrack: row.simple_track === 1,
    overrides,
    settingsUnitId: row.unit_id,
    updatedAt: row.updated_at,
    ...(row.unit_id !== unitId ? { inheritedFrom: row.unit_id } : {}),
  };
}

/**
 * A unit's deadline rules (defaults merged with the overrides in force) and whether it uses the
 * simple track; pass both to `activeRules`/`computeCaseDeadlines` of shared/deadlines.
 */
export async function loadUnitRules(
  db: Db,
  unitId: string,
): Promise<{ rules: DeadlineRule[]; simpleTrack: boolean }> {
  const { rules, simpleTrack } = await effectiveUnitSettings(db, unitId);
  return { rules, simpleTrack };
}
