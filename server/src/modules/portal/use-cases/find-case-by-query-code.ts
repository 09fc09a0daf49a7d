import { loadKeyRing } from '../../../platform/crypto/sm4.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { normalizeQueryCode, queryCodeIndex } from '../../petitions/personal-data.ts';
import {
  findPetitionByQueryCodeIndex,
  findPetitionViewById,
  type PetitionView,
} from '../../petitions/petitions.repository.ts';

/**
 * The case a query code opens, ignoring scope (the code is the petitioner's key), or undefined.
 * Every code — well-formed or not, issued or not — costs the same keyed SM3 hash and the same
 * indexed lookup, so an unknown code is answered exactly like a wrong one (api-contract: 404).
 */
export async function findCaseByQueryCode(
  ctx: Ctx,
  code: string,
): Promise<{ view: PetitionView; code: string } | undefined> {
  const normalised = normalizeQueryCode(code);
  const row = await findPetitionByQueryCodeIndex(ctx.db, queryCodeIndex(loadKeyRing(ctx.config), normalised));
  if (!row) return undefined;
  const view = await findPetitionViewById(ctx.db, row.id);
  return view ? { view, code: normalised } : undefined;
}
