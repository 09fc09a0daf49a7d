import { recordAudit } from '../../../platform/audit/audit.ts';
import { decryptField, loadKeyRing } from '../../../platform/crypto/sm4.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { personalAad } from '../personal-data.ts';
import { findPetitioner, type PetitionView } from '../petitions.repository.ts';

/**
 * Reveals one petitioner's ID number or phone of a visible case to a role that needs it (the
 * route checks the role): decrypts the SM4 field and audits `petition.reveal_personal` with the
 * field and the stated reason — never the value — in the same transaction (no audit, no value).
 */
export async function revealPersonal(
  ctx: Ctx,
  p: PetitionView,
  petitionerId: string,
  input: { field: 'idNumber' | 'phone'; reason: string },
): Promise<{ value: string }> {
  const petitioner = (await findPetitioner(ctx.db, p.id, petitionerId)) ?? notFound('信访人');
  const token = input.field === 'idNumber' ? petitioner.id_number_enc : petitioner.phone_enc;
  if (!token)
    throw new AppError(
      'not_found',
      input.field === 'idNumber' ? '该信访人未登记身份证号码。' : '该信访人未登记电话号码。',
    );
  const value = decryptField(
    loadKeyRing(ctx.config),
    token,
    personalAad(petitioner.id, input.field === 'idNumber' ? 'id_number' : 'phone'),
  );
  await recordAudit(ctx, {
    action: 'petition.reveal_personal',
    subjectType: 'petition',
    subjectId: p.id,
    unitId: p.unit_id,
    after: { petitionerId: petitioner.id, field: input.field, reason: input.reason },
  });
  return { value };
}
