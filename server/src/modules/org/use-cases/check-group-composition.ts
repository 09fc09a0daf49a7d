import type { LeadershipGroupComposition } from '../../../../../shared/contracts/org.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { findUsersInScope } from '../org.repository.ts';

/**
 * A leadership group (领导小组) has exactly one head (组长), lists each person once among its
 * members and once per work group, names its work groups distinctly (422
 * invalid_leadership_group), and consists of users in the actor's scope (422 invalid_reference
 * naming the offending fields).
 */
export async function checkGroupComposition(ctx: Ctx, input: LeadershipGroupComposition): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated');
  const heads = input.members.filter((m) => m.position === 'head').length;
  if (heads !== 1) {
    throw new AppError(
      'invalid_leadership_group',
      heads === 0
        ? '领导小组须有一名组长，请在成员中指定组长。'
        : `领导小组只能有一名组长（现有${heads}名），请把其余人员改为副组长或成员。`,
      { field: 'members', heads },
    );
  }
  const seen = new Set<string>();
  for (const [i, m] of input.members.entries()) {
    if (seen.has(m.userId))
      throw new AppError(
        'invalid_leadership_group',
        `成员 members[${i}] 与前面的成员是同一人，每人在领导小组中只能担任一个职务。`,
        { field: `members[${i}].userId` },
      );
    seen.add(m.userId);
  }
  const names = new Set<string>();
  for (const [i, w] of input.workGroups.entries()) {
    if (names.has(w.name))
      throw new AppError(
        'invalid_leadership_group',
        `工作组名称“${w.name}”重复，请为每个工作组取不同的名称。`,
        {
          field: `workGroups[${i}].name`,
        },
      );
    names.add(w.name);
    const dup = w.memberIds.findIndex((id, j) => w.memberIds.indexOf(id) !== j);
    if (dup >= 0)
      throw new AppError(
        'invalid_leadership_group',
        `工作组“${w.name}”中同一人员列出了两次，请删去重复项。`,
        {
          field: `workGroups[${i}].memberIds[${dup}]`,
        },
      );
  }
  const refs = [
    ...input.members.map((m, i) => ({ field: `members[${i}].userId`, userId: m.userId })),
    ...input.workGroups.flatMap((w, i) =>
      w.memberIds.map((userId, j) => ({ field: `workGroups[${i}].memberIds[${j}]`, userId })),
    ),
  ];
  const found = new Set(
    (
      await findUsersInScope(
        ctx.db,
        actor,
        refs.map((r) => r.userId),
      )
    ).map((u) => u.id),
  );
  const missing = refs.filter((r) => !found.has(r.userId));
  if (missing.length) {
    throw new AppError(
      'invalid_reference',
      `以下人员不存在或不在您的管辖范围内：${missing.map((m) => m.field).join('、')}，请重新选择。`,
      { fields: missing.map((m) => m.field), userIds: [...new Set(missing.map((m) => m.userId))] },
    );
  }
}
