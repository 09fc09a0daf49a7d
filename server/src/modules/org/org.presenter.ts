import type { LeadershipGroup, Position, Unit, UnitKind, User } from '../../../../shared/contracts/org.ts';
import { POSITIONS } from '../../../../shared/contracts/org.ts';
import type { Actor, Role } from '../../platform/http/context.ts';
import {
  canChangeRoles,
  canCreateChildUnit,
  canEditUnit,
  canEditUser,
  canManageLeadershipGroups,
  canResetSecondFactor,
} from './org.policy.ts';
import type { compositionsOf, LeadershipGroupRow, UnitRow, UserView } from './org.repository.ts';

// Rows → wire shapes (camelCase), each with the caller's abilities on the record so the web app
// shows actions from them and never re-derives permissions (architecture: presenters).

/** A unit as the API shows it, with what the actor may do to it. */
export function presentUnit(actor: Actor, u: UnitRow): Unit {
  return {
    id: u.id,
    parentId: u.parent_id,
    name: u.name,
    kind: u.kind as UnitKind,
    acceptsOnline: !!u.accepts_online,
    abilities: { edit: canEditUnit(actor, u), createChild: canCreateChildUnit(actor, u) },
  };
}

/** What the audit trail keeps of a unit. */
export function unitSnapshot(u: UnitRow) {
  return { name: u.name, kind: u.kind, parentId: u.parent_id, acceptsOnline: !!u.accepts_online };
}

/** A user as the API shows it (never the password hash or TOTP secret), with the actor's abilities. */
export function presentUser(actor: Actor, u: UserView, roles: readonly Role[], now: Date): User {
  const target = { id: u.id, roles };
  const lockedUntil = u.locked_until && u.locked_until > now.toISOString() ? u.locked_until : null;
  const edit = canEditUser(actor, target);
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    unitId: u.unit_id,
    unitName: u.unit_name,
    roles: [...roles],
    disabled: !!u.disabled,
    locked: lockedUntil !== null,
    lockedUntil,
    totpEnabled: !!u.totp_enabled,
    mustChangePassword: !!u.must_change_password,
    createdAt: u.created_at,
    abilities: {
      edit,
      grantRoles: canChangeRoles(actor, target),
      resetPassword: edit,
      disable: edit,
      resetSecondFactor: !!u.totp_enabled && canResetSecondFactor(actor, target),
    },
  };
}

/** What the audit trail keeps of a user. */
export function userSnapshot(u: Pick<UserView, 'username' | 'name' | 'unit_id' | 'disabled'>) {
  return { username: u.username, name: u.name, unitId: u.unit_id, disabled: !!u.disabled };
}

type Compositions = Awaited<ReturnType<typeof compositionsOf>>;

const POSITION_RANK = new Map<string, number>(POSITIONS.map((p, i) => [p, i]));
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');

/** Leadership groups with members (组长 first, then 副组长 …) and work groups in their given order. */
export function presentLeadershipGroups(
  actor: Actor,
  rows: readonly LeadershipGroupRow[],
  comp: Compositions,
): LeadershipGroup[] {
  return rows.map((g) => ({
    id: g.id,
    unitId: g.unit_id,
    unitName: g.unit_name,
    title: g.title,
    campaign: g.campaign,
    members: comp.members
      .filter((m) => m.group_id === g.id)
      .sort(
        (a, b) => (POSITION_RANK.get(a.position) ?? 9) - (POSITION_RANK.get(b.position) ?? 9) || byName(a, b),
      )
      .map((m) => ({ userId: m.user_id, name: m.name, position: m.position as Position })),
    workGroups: comp.workGroups
      .filter((w) => w.group_id === g.id)
      .map((w) => ({
        id: w.id,
        name: w.name,
        duties: w.duties,
        members: comp.workGroupMembers
          .filter((m) => m.work_group_id === w.id)
          .sort(byName)
          .map((m) => ({ userId: m.user_id, name: m.name })),
      })),
    createdAt: g.created_at,
    abilities: { edit: canManageLeadershipGroups(actor) },
  }));
}

/** What the audit trail keeps of a leadership group: its composition without abilities. */
export function groupSnapshot(g: LeadershipGroup) {
  const { abilities: _abilities, unitName: _unitName, ...rest } = g;
  return rest;
}
