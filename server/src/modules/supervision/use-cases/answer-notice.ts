import { recordAudit } from '../../../platform/audit/audit.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { notifyUsers } from '../../../platform/notify/notifications.ts';
import { canClose, canReply } from '../supervision.policy.ts';
import { findNoticeView, moveNotice, type NoticeView, usersWithRole } from '../supervision.repository.ts';
import { LEVEL_LABELS, type Level } from '../supervision.ts';

async function accusedOf(ctx: Ctx, petitionId: string) {
  const p = await ctx.db
    .selectFrom('petitions')
    .select(['accused_unit_id', 'accused_user_id'])
    .where('id', '=', petitionId)
    .executeTakeFirstOrThrow();
  return { unitId: p.accused_unit_id, userId: p.accused_user_id };
}

function stale(): never {
  throw new AppError('invalid_transition', '该督办单的状态已变化（可能已答复、升级或办结），请刷新后查看。');
}

/**
 * The leader answers a notice in writing: open → replied (a replied notice no longer escalates);
 * the issuing unit's supervisors (and the supervisor who issued it) are told in-app.
 */
export async function replyToNotice(
  ctx: Ctx,
  actor: Actor,
  n: NoticeView,
  text: string,
): Promise<NoticeView> {
  if (n.status !== 'open')
    throw new AppError(
      'invalid_transition',
      `该督办单${n.status === 'escalated' ? '已升级，请答复最新一级的督办单' : '已不在待答复状态'}。`,
    );
  authorize(canReply(actor, n), '只有被督办的责任领导可以答复该督办单。');
  const now = ctx.clock.now().toISOString();
  if (
    !(await moveNotice(ctx.db, n.id, ['open'], {
      status: 'replied',
      reply_text: text,
      replied_at: now,
      replied_by: actor.userId,
      updated_at: now,
    }))
  )
    stale();
  await recordAudit(ctx, {
    action: 'supervision.reply',
    subjectType: 'supervision_notice',
    subjectId: n.id,
    unitId: n.responsible_unit_id,
    before: { status: n.status },
    after: { status: 'replied', chars: [...text].length },
  });
  const supervisors = (await usersWithRole(ctx.db, n.issuing_unit_id, 'supervisor')).map((u) => u.id);
  await notifyUsers(
    ctx,
    [...supervisors, ...(n.issued_by ? [n.issued_by] : [])],
    {
      kind: 'supervision.replied',
      title: `督办已答复：${n.petition_number}`,
      body: `${n.number}（${LEVEL_LABELS[n.level as Level] ?? n.level}）已由${actor.name}书面答复，请审阅后办结。`,
      link: `/supervision/${n.id}`,
      subjectType: 'supervision_notice',
      subjectId: n.id,
    },
    await accusedOf(ctx, n.petition_id),
  );
  return (await findNoticeView(ctx.db, n.id)) as NoticeView;
}

/** A supervisor of the issuing unit closes a notice (办结), open or answered; the leader is told. */
export async function closeNotice(
  ctx: Ctx,
  actor: Actor,
  n: NoticeView,
  note: string | undefined,
): Promise<NoticeView> {
  if (n.status !== 'open' && n.status !== 'replied')
    throw new AppError('invalid_transition', '该督办单已升级或已办结，不能再办结；请办结最新一级的督办单。');
  authorize(canClose(actor, n), '只有督办单位的督查人员可以办结督办单。');
  const now = ctx.clock.now().toISOString();
  if (
    !(await moveNotice(ctx.db, n.id, ['open', 'replied'], {
      status: 'closed',
      closed_at: now,
      closed_by: actor.userId,
      close_note: note ?? null,
      updated_at: now,
    }))
  )
    stale();
  await recordAudit(ctx, {
    action: 'supervision.close',
    subjectType: 'supervision_notice',
    subjectId: n.id,
    unitId: n.responsible_unit_id,
    before: { status: n.status },
    after: { status: 'closed', note: note ?? null },
  });
  if (n.issued_to)
    await notifyUsers(
      ctx,
      [n.issued_to],
      {
        kind: 'supervision.closed',
        title: `督办已办结：${n.petition_number}`,
        body: `${n.number} 已办结${note ? `：${note}` : '。'}`,
        link: `/supervision/${n.id}`,
        subjectType: 'supervision_notice',
        subjectId: n.id,
      },
      await accusedOf(ctx, n.petition_id),
    );
  return (await findNoticeView(ctx.db, n.id)) as NoticeView;
}
