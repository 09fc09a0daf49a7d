import type { PetitionerLookupInput } from '../../../../../shared/contracts/petitions.ts';
import { loadKeyRing } from '../../../platform/crypto/sm4.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { idNumberIndex, phoneIndex } from '../personal-data.ts';
import { BEING_HANDLED_STATUSES, type PetitionStatus, STATUS_LABELS } from '../petition.ts';
import { listPetitioners, visiblePetitionsOfPetitioners } from '../petitions.repository.ts';

/**
 * While registering, the clerk finds the same petitioner's earlier matters (by the keyed hash of
 * the ID number or phone) among the cases the clerk may see, so that a repeat is recognised and
 * the same matter is not opened twice (信访工作条例 第19条). Nothing personal is returned.
 */
export async function lookUpPetitioner(ctx: Ctx, actor: Actor, input: PetitionerLookupInput) {
  const keys = loadKeyRing(ctx.config);
  const rows = await visiblePetitionsOfPetitioners(ctx.db, actor, {
    idNumber: input.idNumber ? [idNumberIndex(keys, input.idNumber)] : [],
    phone: input.phone ? [phoneIndex(keys, input.phone)] : [],
  });
  return present(rows);
}

/**
 * The cases a registration may be linked into (Art 19 ¶3): the same petitioner's cases, found by
 * the stored keyed hashes of this case's petitioners, that the actor may see and that are being
 * handled; the `link` action itself checks level, limits and confidentiality.
 */
export async function linkCandidates(ctx: Ctx, actor: Actor, petitionId: string) {
  const petitioners = await listPetitioners(ctx.db, petitionId);
  const rows = await visiblePetitionsOfPetitioners(
    ctx.db,
    actor,
    {
      idNumber: petitioners.flatMap((p) => (p.id_number_index ? [p.id_number_index] : [])),
      phone: petitioners.flatMap((p) => (p.phone_index ? [p.phone_index] : [])),
    },
    petitionId,
  );
  return present(rows.filter((r) => BEING_HANDLED_STATUSES.includes(r.status as PetitionStatus)));
}

function present(rows: Awaited<ReturnType<typeof visiblePetitionsOfPetitioners>>) {
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      status: r.status as PetitionStatus,
      statusLabel: STATUS_LABELS[r.status as PetitionStatus] ?? r.status,
      receivedOn: r.received_on,
      unitName: r.unit_name,
    })),
  };
}
