import { inScope } from '../../../platform/authz/authorize.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { findVisiblePetition, hasInterest, type PetitionView } from '../../petitions/petitions.repository.ts';
import { findPerson } from '../ownership.repository.ts';

/**
 * Who may own a case (领导包案): an active user with the leader role in the actor's scope, who can
 * see the case (scope and confidentiality as everywhere: never in the accused unit's line or the
 * accused person, 422 confidential_routing) and has not declared an interest in it (回避, 422).
 */
export async function checkOwnerCandidate(ctx: Ctx, actor: Actor, p: PetitionView, leaderId: string) {
  const person = await findPerson(ctx.db, leaderId);
  if (!person || !inScope(actor, person.unit_path))
    throw new AppError('invalid_reference', '所选领导不存在或不在您的管辖范围内，请重新选择。', {
      field: 'leaderId',
    });
  if (person.disabled === 1)
    throw new AppError('invalid_reference', `${person.name}的账号已停用，不能包案，请另选领导。`, {
      field: 'leaderId',
    });
  if (!person.roles.includes('leader'))
    throw new AppError('invalid_reference', `${person.name}不是领导，只有领导可以包案，请另选领导。`, {
      field: 'leaderId',
    });
  if (
    p.classification === 'accusation' &&
    ((p.accused_unit_path !== null && person.unit_path.startsWith(p.accused_unit_path)) ||
      p.accused_user_id === person.id)
  )
    throw new AppError('confidential_routing', undefined, { field: 'leaderId' });
  if (await hasInterest(ctx.db, p.id, person.id))
    throw new AppError(
      'conflict_of_interest',
      `${person.name}已申报与本事项有利害关系，应当回避，请另选领导。`,
      {
        field: 'leaderId',
      },
    );
  const seen = await findVisiblePetition(
    ctx.db,
    { userId: person.id, unitPath: person.unit_path, roles: person.roles },
    p.id,
  );
  if (!seen)
    throw new AppError(
      'invalid_reference',
      `本事项不在${person.name}（${person.unit_name}）的管辖范围内，不能由其包案，请另选领导。`,
      { field: 'leaderId' },
    );
  return person;
}
