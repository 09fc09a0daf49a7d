import type { Ctx } from '../../../platform/http/context.ts';
import { addDays, chinaDate } from '../../../platform/jobs/china-time.ts';
import { notifyUsers } from '../../../platform/notify/notifications.ts';
import { unitInAccusedLine } from '../../../platform/notify/notify.repository.ts';
import { enqueueUnitWebhooks } from '../../../platform/notify/outbox.ts';
import { effectiveSettings } from '../settings.ts';
import {
  type DueCase,
  listCasesDueBetween,
  listOverdueCases,
  listOverdueOpenNotices,
  moveNotice,
  unitsById,
  usersWithRole,
} from '../supervision.repository.ts';
import { LADDER, LEVEL_LABELS, type Level } from '../supervision.ts';
import { issueNotice } from './issue-notice.ts';

/** The largest reminder window any setting may give (days); the sweep reads no further ahead. */
export const MAX_REMIND_DAYS = 30;

/** What one sweep did. */
export interface SweepResult {
  reminded: string[];
  noticesIssued: string[];
  escalated: string[];
}

async function settingsCache(ctx: Ctx, cases: readonly DueCase[]) {
  const units = await unitsById(
    ctx.db,
    cases.map((c) => c.handling_unit_id ?? c.unit_id),
  );
  const cache = new Map<string, Awaited<ReturnType<typeof effectiveSettings>>>();
  return async (unitId: string) => {
    let s = cache.get(unitId);
    if (!s) {
      s = await effectiveSettings(ctx.db, units.get(unitId)?.path ?? `/${unitId}/`);
      cache.set(unitId, s);
    }
    return s;
  };
}

/**
 * Reminders before a deadline: every open case whose next duty deadline is due within its unit's
 * reminder window (default 3 days) gets an in-app notice to its handler (or the responsible unit's
 * clerks when it has no handler) and a robot message to the unit's endpoints, once per (case,
 * deadline, due), however many sweeps run.
 */
export async function remindDueCases(ctx: Ctx): Promise<string[]> {
  const today = chinaDate(ctx.clock.now());
  const cases = await listCasesDueBetween(ctx.db, today, addDays(today, MAX_REMIND_DAYS));
  const settingsOf = await settingsCache(ctx, cases);
  const out: string[] = [];
  for (const c of cases) {
    const unitId = c.handling_unit_id ?? c.unit_id;
    const { remindDays } = await settingsOf(unitId);
    if (c.next_due > addDays(today, remindDays)) continue;
    const key = `reminder:${c.id}:${c.next_due_kind}:${c.next_due}`;
    const recipients = c.handler_id
      ? [c.handler_id]
      : (await usersWithRole(ctx.db, unitId, 'clerk')).map((u) => u.id);
    const label = c.deadline_label ?? '办理期限';
    const daysLeft = Math.round((Date.parse(c.next_due) - Date.parse(today)) / 86_400_000);
    const when = daysLeft === 0 ? '今天到期' : `还有${daysLeft}天到期`;
    const accused = { unitId: c.accused_unit_id, userId: c.accused_user_id };
    const notified = await notifyUsers(
      ctx,
      recipients,
      {
        kind: 'deadline.reminder',
        title: `期限提醒：${c.number}`,
        body: `信访事项 ${c.number} 的「${label}」将于 ${c.next_due} 到期（${when}），请及时办理。`,
        link: `/petitions/${c.id}`,
        subjectType: 'petition',
        subjectId: c.id,
        dedupKey: key,
      },
      accused,
    );
    let hooks: string[] = [];
    if (!(await unitInAccusedLine(ctx.db, unitId, accused)))
      hooks = await enqueueUnitWebhooks(ctx, {
        unitId,
        dedupKey: key,
        message: {
          title: `期限提醒：${c.number}`,
          text: `### 信访事项临近期限\n\n- 案号：${c.number}\n- 期限：${label}，${c.next_due}（${when}）\n\n请登录回音系统办理。`,
        },
      });
    if (notified.length || hooks.length) out.push(c.id);
  }
  return out;
}

/**
 * Overdue cases raise a supervision notice (督办单, the first step of the ladder) to the
 * responsible leader, once per (case, deadline, due). Reads only open cases with next_due before
 * today, by its index.
 */
export async function raiseOverdueNotices(ctx: Ctx): Promise<string[]> {
  const today = chinaDate(ctx.clock.now());
  const out: string[] = [];
  for (const c of await listOverdueCases(ctx.db, today)) {
    const notice = await issueNotice(ctx, {
      petition: c,
      step: 0,
      reason: `「${c.deadline_label ?? '办理期限'}」已于 ${c.next_due} 到期仍未办结`,
      dedupKey: `overdue:${c.id}:${c.next_due_kind}:${c.next_due}`,
      deadlineKind: c.next_due_kind,
      deadlineDue: c.next_due,
    });
    if (notice) out.push(notice.id);
  }
  return out;
}

/**
 * Notices not answered by their reply date move up the ladder (督办 → 约谈 → 通报 → 挂牌督办): the
 * step becomes `escalated` and the next step is issued with its own reply date, to the same
 * leader. The last step stays open until answered or closed.
 */
export async function escalateUnanswered(ctx: Ctx): Promise<string[]> {
  const today = chinaDate(ctx.clock.now());
  const out: string[] = [];
  for (const n of await listOverdueOpenNotices(ctx.db, today)) {
    const next = n.step + 1;
    if (!LADDER[next]) continue;
    const moved = await moveNotice(ctx.db, n.id, ['open'], {
      status: 'escalated',
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!moved) continue;
    const petition = await ctx.db
      .selectFrom('petitions')
      .select(['id', 'number', 'unit_id', 'handling_unit_id', 'accused_unit_id', 'accused_user_id'])
      .where('id', '=', n.petition_id)
      .executeTakeFirstOrThrow();
    const notice = await issueNotice(ctx, {
      petition: { ...petition, handling_unit_id: n.responsible_unit_id },
      step: next,
      reason: `${LEVEL_LABELS[n.level as Level] ?? n.level} ${n.number} 未在 ${n.reply_due} 前答复`,
      dedupKey: `escalate:${n.id}`,
      deadlineKind: n.deadline_kind,
      deadlineDue: n.deadline_due,
      issuedTo: n.issued_to,
      rootId: n.root_id,
      escalatedFromId: n.id,
    });
    if (notice) out.push(notice.id);
  }
  return out;
}

/** One sweep: reminders, then overdue notices, then escalations; safe to run on several instances at once. */
export async function sweepSupervision(ctx: Ctx): Promise<SweepResult> {
  const reminded = await remindDueCases(ctx);
  const noticesIssued = await raiseOverdueNotices(ctx);
  const escalated = await escalateUnanswered(ctx);
  return { reminded, noticesIssued, escalated };
}
