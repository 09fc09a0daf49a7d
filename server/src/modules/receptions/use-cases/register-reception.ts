import type { z } from 'zod';
import type { CreatePetitionInput } from '../../../../../shared/contracts/petitions.ts';
import type { JointUnitInput, VisitPetitionInput } from '../../../../../shared/contracts/receptions.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { findUnitById, findUnitInScope, type UnitRow } from '../../org/org.repository.ts';
import { canRegisterPetitions } from '../../petitions/petitions.policy.ts';
import {
  findPetitionViewById,
  findVisiblePetition,
  insertEvent,
  touchPetition,
} from '../../petitions/petitions.repository.ts';
import { registerPetition } from '../../petitions/use-cases/register-petition.ts';
import { canManageReceptions, jointUnitsProblem } from '../receptions.policy.ts';
import {
  addJointUnits,
  findActiveUsers,
  findLeaderInScope,
  findReceptionById,
  insertReception,
  insertReceptionStaff,
  insertReceptionUnits,
  type ReceptionView,
} from '../receptions.repository.ts';
import { requiredLeaderFor } from '../receptions.rules.ts';
import type { ReceptionStaffTable } from '../receptions.tables.ts';

const LEVEL_NAMES = { principal: '主要领导', deputy: '分管领导', owner: '包案领导' } as const;

/** A visit as the use case takes it (from POST /receptions, or an appointment that arrived). */
export interface VisitInput {
  unitId: string;
  on: string;
  peopleCount: number;
  petitionId?: string;
  petition?: z.infer<typeof VisitPetitionInput>;
  leaderId?: string;
  receivedAt?: string;
  staffIds: string[];
  units?: z.infer<typeof JointUnitInput>[];
  note: string;
}

function invalid(field: string, message: string): never {
  throw new AppError('validation_failed', message, { field, issues: [{ field: `body.${field}`, message }] });
}

function badReference(field: string, message: string): never {
  throw new AppError('invalid_reference', message, { field });
}

/** The staff present, checked: active users inside a subtree (422 naming where they must come from). */
async function checkStaff(
  ctx: Ctx,
  ids: readonly string[],
  scope: { path: string; label: string },
  field: string,
) {
  const unique = [...new Set(ids)];
  const found = await findActiveUsers(ctx.db, unique);
  const bad = unique.filter((id) => !found.some((u) => u.id === id && u.unit_path.startsWith(scope.path)));
  if (bad.length) badReference(field, `在场工作人员须是${scope.label}的在职人员，请重新选择。`);
  return found;
}

/** The units of a joint reception, checked: one lead (the visit's unit), existing co-units, their staff. */
async function checkJoint(ctx: Ctx, unit: UnitRow, units: VisitInput['units']) {
  if (!units?.length) return [];
  const problem = jointUnitsProblem(unit.id, units);
  if (problem) invalid('units', problem);
  const out: { unit: UnitRow; role: 'lead' | 'co'; staff: Awaited<ReturnType<typeof findActiveUsers>> }[] =
    [];
  for (const [i, u] of units.entries()) {
    const row = u.unitId === unit.id ? unit : await findUnitById(ctx.db, u.unitId);
    if (!row) badReference(`units.${i}.unitId`, '联合接访的单位不存在，请重新选择。');
    out.push({
      unit: row,
      role: u.role,
      staff: await checkStaff(
        ctx,
        u.staffIds,
        { path: row.path, label: `“${row.name}”及其下级单位` },
        `units.${i}.staffIds`,
      ),
    });
  }
  return out;
}

/**
 * An accusation never reaches the accused (petitions.md): no unit inside the accused unit takes
 * part in its joint reception, and the accused person is not listed among the staff (422).
 */
async function keepAccusationFromAccused(
  ctx: Ctx,
  petitionId: string,
  joint: Awaited<ReturnType<typeof checkJoint>>,
  staff: readonly { id: string; unit_path: string }[],
): Promise<void> {
  const p = await findPetitionViewById(ctx.db, petitionId);
  if (p?.classification !== 'accusation') return;
  const inside = (path: string) => p.accused_unit_path !== null && path.startsWith(p.accused_unit_path);
  const people = [...staff, ...joint.flatMap((j) => j.staff)];
  if (
    joint.some((j) => inside(j.unit.path)) ||
    people.some((u) => u.id === p.accused_user_id || inside(u.unit_path))
  )
    throw new AppError(
      'confidential_routing',
      '被检举控告的单位或人员不能参加该检举控告事项的接访，请从联合接访单位和在场人员中去掉。',
      { field: 'units' },
    );
}

/** The case the visit creates: the petitions body with channel visit, defaults from the visit. */
function petitionBody(input: VisitInput, unitId: string): CreatePetitionInput {
  const p = input.petition as z.infer<typeof VisitPetitionInput>;
  return {
    ...p,
    channel: 'visit',
    unitId,
    receivedOn: p.receivedOn ?? input.on,
    peopleCount: p.peopleCount ?? input.peopleCount,
  };
}

/** The timeline line of a visit on its case, e.g. 来访：25人，接待领导：王某；应由主要领导接待（李某）. */
function timelineNote(
  input: VisitInput,
  leaderName: string | null,
  required: Awaited<ReturnType<typeof requiredLeaderFor>>,
  joint: Awaited<ReturnType<typeof checkJoint>>,
): string {
  const parts = [`来访：${input.peopleCount}人`, `接待领导：${leaderName ?? '未记录'}`];
  if (required.level !== 'none')
    parts.push(
      `应由${LEVEL_NAMES[required.level]}接待${required.leader ? `（${required.leader.name}）` : ''}`,
    );
  if (joint.length)
    parts.push(
      `联合接访：${joint.map((j) => `${j.unit.name}（${j.role === 'lead' ? '牵头' : '配合'}）`).join('、')}`,
    );
  const head = parts.join('，');
  return input.note ? `${head}。${input.note}` : head;
}

/**
 * Logs a walk-in, group, appointment or joint visit (domain.md Receptions): unit in scope (404),
 * clerk/leader/unit_admin (403), `on` not after today in China and `receivedAt` on that day (400),
 * the joined case visible (404) or a new case registered in the same transaction through the
 * petitions' registration (channel visit; clerk or leader, 403), the receiving leader a leader in
 * scope and the staff active members of their units (422). The required leader follows the case's
 * owning leader or the unit's group-size rules. The case gets a timeline entry and, for a joint
 * reception, its lead and co-units. Audited.
 */
export async function registerReception(
  ctx: Ctx,
  actor: Actor,
  input: VisitInput,
  opts: { appointmentId?: string } = {},
): Promise<{ view: ReceptionView; createdPetition?: { id: string; number: string; queryCode: string } }> {
  const unit = await findUnitInScope(ctx.db, actor, input.unitId);
  if (!unit) notFound('单位');
  authorize(canManageReceptions(actor), '只有登记人员、领导或单位管理员可以登记接访。');
  const now = ctx.clock.now();
  const today = chinaDate(now);
  if (input.on > today) invalid('on', '接访日期不能晚于今天，请填写实际接访的日期。');
  if (input.receivedAt) {
    const at = new Date(input.receivedAt);
    if (at.getTime() > now.getTime()) invalid('receivedAt', '接待时间不能晚于现在，请填写实际接待的时间。');
    if (chinaDate(at) !== input.on) invalid('receivedAt', `接待时间应在接访当天（${input.on}）。`);
  }
  if (input.petitionId && !(await findVisiblePetition(ctx.db, actor, input.petitionId))) notFound('信访事项');
  if (input.petition)
    authorize(
      canRegisterPetitions(actor),
      '只有登记人员或领导可以登记信访事项；请只登记接访，或请登记人员协助。',
    );
  const leader = input.leaderId ? await findLeaderInScope(ctx.db, actor, input.leaderId) : undefined;
  if (input.leaderId && !leader)
    badReference('leaderId', '接待领导须是本单位范围内具有“领导”角色的用户，请重新选择。');
  const ownStaff = await checkStaff(
    ctx,
    input.staffIds,
    { path: actor.unitPath, label: '您所在单位及其下级单位' },
    'staffIds',
  );
  const joint = await checkJoint(ctx, unit, input.units);

  let createdPetition: { id: string; number: string; queryCode: string } | undefined;
  if (input.petition) {
    const target = input.petition.unitId ? await findUnitInScope(ctx.db, actor, input.petition.unitId) : unit;
    if (!target) notFound('单位');
    const reg = await registerPetition(ctx, actor, target, petitionBody(input, target.id));
    createdPetition = { id: reg.id, number: reg.number, queryCode: reg.queryCode };
  }
  const petitionId = input.petitionId ?? createdPetition?.id ?? null;
  if (petitionId) await keepAccusationFromAccused(ctx, petitionId, joint, [...ownStaff]);
  const required = await requiredLeaderFor(ctx.db, unit, input.peopleCount, petitionId);
  const id = newId();
  const at = now.toISOString();
  await insertReception(ctx.db, {
    id,
    unit_id: unit.id,
    on_date: input.on,
    people_count: input.peopleCount,
    petition_id: petitionId,
    leader_id: leader?.id ?? null,
    required_leader_level: required.level,
    required_leader_id: required.leader?.userId ?? null,
    received_at: input.receivedAt
      ? new Date(input.receivedAt).toISOString()
      : leader && input.on === today
        ? at
        : null,
    appointment_id: opts.appointmentId ?? null,
    note: input.note,
    recorded_by: actor.userId,
    recorded_at: at,
  });
  const staff = new Map<string, ReceptionStaffTable>();
  for (const u of ownStaff) staff.set(u.id, { reception_id: id, user_id: u.id, unit_id: u.unit_id });
  for (const j of joint)
    for (const u of j.staff) staff.set(u.id, { reception_id: id, user_id: u.id, unit_id: j.unit.id });
  await insertReceptionStaff(ctx.db, [...staff.values()]);
  await insertReceptionUnits(
    ctx.db,
    joint.map((j) => ({ reception_id: id, unit_id: j.unit.id, role: j.role })),
  );
  if (petitionId) {
    await insertEvent(ctx.db, {
      id: newId(),
      petition_id: petitionId,
      action: 'reception',
      at,
      happened_on: input.on,
      actor_id: actor.userId,
      actor_name: actor.name,
      actor_unit_id: actor.unitId,
      note: timelineNote(input, leader?.name ?? null, required, joint),
      data_json: JSON.stringify({ receptionId: id, peopleCount: input.peopleCount }),
      document_id: null,
    });
    await touchPetition(ctx.db, petitionId, at);
    await addJointUnits(
      ctx.db,
      joint.map((j) => ({
        petition_id: petitionId,
        unit_id: j.unit.id,
        role: j.role,
        reception_id: id,
        created_at: at,
      })),
    );
  }
  await recordAudit(ctx, {
    action: 'reception.register',
    subjectType: 'reception',
    subjectId: id,
    unitId: unit.id,
    after: {
      on: input.on,
      peopleCount: input.peopleCount,
      petitionId,
      petitionCreated: createdPetition !== undefined,
      leaderId: leader?.id ?? null,
      requiredLeaderLevel: required.level,
      requiredLeaderId: required.leader?.userId ?? null,
      staffIds: [...staff.keys()],
      units: joint.map((j) => ({ unitId: j.unit.id, role: j.role })),
      appointmentId: opts.appointmentId ?? null,
    },
  });
  const view = (await findReceptionById(ctx.db, id)) as ReceptionView;
  return createdPetition ? { view, createdPetition } : { view };
}
