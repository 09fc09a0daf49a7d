import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { notifyUsers } from '../../../platform/notify/notifications.ts';
import { recipientsOutsideAccused, unitInAccusedLine } from '../../../platform/notify/notify.repository.ts';
import { enqueueUnitWebhooks } from '../../../platform/notify/outbox.ts';
import { loadCalendar } from '../../calendar/load-calendar.ts';
import { findOwningLeader } from '../../ownership/ownership.repository.ts';
import { effectiveSettings } from '../settings.ts';
import {
  findNoticeView,
  insertNotice,
  type NoticeView,
  nextNoticeNumber,
  unitsById,
  usersWithRole,
} from '../supervision.repository.ts';
import { addWorkingDays, LADDER, unitAbove } from '../supervision.ts';

/** The facts of a case a notice needs. */
export interface NoticeCase {
  id: string;
  number: string;
  unit_id: string;
  handling_unit_id: string | null;
  accused_unit_id: string | null;
  accused_user_id: string | null;
}

/** What to issue: the step of the ladder and why; the rest follows from the case and the rules. */
export interface IssueInput {
  petition: NoticeCase;
  step: number;
  reason: string;
  /** Once per key (sweeps); null for a manual notice. */
  dedupKey: string | null;
  deadlineKind?: string | null;
  deadlineDue?: string | null;
  /** The supervisor issuing by hand, null for the sweep. */
  issuedBy?: string | null;
  /** Overrides the rule's issuing unit (a manual notice comes from the supervisor's unit). */
  issuingUnitId?: string;
  /** Overrides the responsible leader (an escalation keeps the previous step's). */
  issuedTo?: string | null;
  replyWorkingDays?: number;
  rootId?: string;
  escalatedFromId?: string;
}

/**
 * The responsible leader of a case: its owning leader (领导包案) when it has one, else the first
 * active leader (by role) of the responsible unit; never anyone in the accused line; null when
 * there is nobody.
 */
export async function responsibleLeader(
  ctx: Ctx,
  unitId: string,
  petition: NoticeCase,
): Promise<string | null> {
  const owner = await findOwningLeader(ctx.db, petition.id);
  const leaders = await usersWithRole(ctx.db, unitId, 'leader');
  const candidates = [...(owner ? [owner.userId] : []), ...leaders.map((l) => l.id)];
  const allowed = await recipientsOutsideAccused(ctx.db, candidates, {
    unitId: petition.accused_unit_id,
    userId: petition.accused_user_id,
  });
  return candidates.find((id) => allowed.includes(id)) ?? null;
}

/**
 * Issues one step of the ladder (督办单) for a case, once per dedup key: to the responsible leader,
 * from the unit the rule names above the responsible unit, due after the rule's working days on
 * the official calendar. In the same transaction: audit, in-app notices to the leader and the
 * issuing unit's supervisors, and robot messages to both units (case number and due date only;
 * nobody and no unit in an accused line hears of an accusation). Returns the notice, or null when
 * the key already had one.
 */
export async function issueNotice(ctx: Ctx, input: IssueInput): Promise<NoticeView | null> {
  const rule = LADDER[input.step];
  if (!rule) throw new Error(`no ladder step ${input.step}`);
  const p = input.petition;
  const responsibleId = p.handling_unit_id ?? p.unit_id;
  const units = await unitsById(ctx.db, [responsibleId]);
  const responsible = units.get(responsibleId);
  if (!responsible) throw new Error(`unit ${responsibleId} not found`);
  const issuingUnitId = input.issuingUnitId ?? unitAbove(responsible.path, rule.levelsUp);
  const settings = await effectiveSettings(ctx.db, responsible.path);
  const today = chinaDate(ctx.clock.now());
  const days = input.replyWorkingDays ?? rule.replyWorkingDays ?? settings.replyWorkingDays;
  const replyDue = addWorkingDays(await loadCalendar(ctx.db), today, days);
  const issuedTo =
    input.issuedTo !== undefined ? input.issuedTo : await responsibleLeader(ctx, responsibleId, p);
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const inserted = await insertNotice(ctx.db, {
    id,
    number: '',
    root_id: input.rootId ?? id,
    escalated_from_id: input.escalatedFromId ?? null,
    dedup_key: input.dedupKey,
    petition_id: p.id,
    deadline_kind: input.deadlineKind ?? null,
    deadline_due: input.deadlineDue ?? null,
    responsible_unit_id: responsibleId,
    issuing_unit_id: issuingUnitId,
    issued_to: issuedTo,
    issued_by: input.issuedBy ?? null,
    level: rule.level,
    step: input.step,
    status: 'open',
    reason: input.reason,
    reply_due: replyDue,
    reply_text: null,
    replied_at: null,
    replied_by: null,
    closed_at: null,
    closed_by: null,
    close_note: null,
    created_at: now,
    updated_at: now,
  });
  if (!inserted) return null;
  // The number is taken only by the transaction that won the insert: no gaps from lost races.
  const year = Number(today.slice(0, 4));
  const seq = await nextNoticeNumber(ctx.db, issuingUnitId, year);
  const number = `督〔${year}〕${seq}号`;
  await ctx.db.updateTable('supervision_notices').set({ number }).where('id', '=', id).execute();

  await recordAudit(ctx, {
    action: input.step === 0 ? 'supervision.issue' : 'supervision.escalate',
    subjectType: 'supervision_notice',
    subjectId: id,
    unitId: responsibleId,
    after: {
      number,
      petitionId: p.id,
      level: rule.level,
      issuedTo,
      issuingUnitId,
      replyDue,
      escalatedFromId: input.escalatedFromId ?? null,
    },
  });

  const accused = { unitId: p.accused_unit_id, userId: p.accused_user_id };
  const supervisors = (await usersWithRole(ctx.db, issuingUnitId, 'supervisor')).map((u) => u.id);
  const title = `${rule.label}：${p.number}`;
  await notifyUsers(
    ctx,
    [...(issuedTo ? [issuedTo] : []), ...supervisors],
    {
      kind: `supervision.${rule.level}`,
      title,
      body: `${number}：信访事项 ${p.number} ${input.reason}，请于 ${replyDue} 前书面答复。`,
      link: `/supervision/${id}`,
      subjectType: 'supervision_notice',
      subjectId: id,
      dedupKey: `notice:${id}`,
    },
    accused,
  );
  const message = {
    title,
    text: `### ${rule.label} ${number}\n\n- 案号：${p.number}\n- 答复期限：${replyDue}\n\n请登录回音系统查看并答复。`,
  };
  for (const unitId of new Set([responsibleId, issuingUnitId])) {
    if (await unitInAccusedLine(ctx.db, unitId, accused)) continue;
    await enqueueUnitWebhooks(ctx, { unitId, dedupKey: `notice:${id}`, message });
  }
  return (await findNoticeView(ctx.db, id)) as NoticeView;
}
