import type { CreatePetitionInput } from '../../../../../shared/contracts/petitions.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { encryptField, type KeyRing, loadKeyRing } from '../../../platform/crypto/sm4.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { indexPetition } from '../../../platform/search/search-index.ts';
import type { UnitRow } from '../../org/org.repository.ts';
import { duplicateCandidates, fingerprintPetition } from '../duplicates/find-duplicates.ts';
import {
  generateQueryCode,
  idNumberIndex,
  maskIdNumber,
  maskPhone,
  personalAad,
  phoneIndex,
  queryCodeAad,
  queryCodeIndex,
} from '../personal-data.ts';
import { newPetitionRow } from '../petition-row.ts';
import { presentDeadline } from '../petitions.presenter.ts';
import {
  findCategoryByName,
  findUnit,
  findUserForCase,
  insertEvent,
  insertPetition,
  insertPetitioners,
  nextNumber,
  queryCodeTaken,
} from '../petitions.repository.ts';
import type { PetitionersTable } from '../petitions.tables.ts';
import { recomputeDeadlines } from './recompute-deadlines.ts';

/** A collective visit elects at most this many representatives (代表人数不超过5人). */
export const MAX_REPRESENTATIVES = 5;

function invalid(field: string, message: string): never {
  throw new AppError('validation_failed', message, { field, issues: [{ field: `body.${field}`, message }] });
}

/** Where an accusation against this unit must go instead, in Chinese. */
async function accusationElsewhere(ctx: Ctx, accusedUnit: UnitRow): Promise<string> {
  const parent = accusedUnit.parent_id ? await findUnit(ctx.db, accusedUnit.parent_id) : undefined;
  const where = parent ? `“${parent.name}”或纪检监察机关` : '其上级机关或纪检监察机关';
  return `检举控告“${accusedUnit.name}”的事项不能由该单位或其下级单位受理、办理，请登记到${where}。`;
}

/** The name the timeline and the audit trail give a registration through the public portal (no staff actor). */
export const PORTAL_REGISTRAR_NAME = '网上信访';

/** The accused of an accusation, checked: it exists, and the receiving unit is not inside it (422). */
async function checkAccused(ctx: Ctx, actor: Actor | null, unit: UnitRow, input: CreatePetitionInput) {
  const accused = input.accused;
  if (!accused) return { unitId: null, userId: null, name: null, path: null as string | null };
  if (input.classification !== 'accusation')
    invalid(
      'accused',
      '只有检举控告类事项才能填写被检举控告人（accused），请删除该项或把分类改为 accusation。',
    );
  let accusedUnit: UnitRow | undefined;
  let userId: string | null = null;
  if (accused.userId) {
    const user = await findUserForCase(ctx.db, accused.userId);
    if (!user)
      throw new AppError('invalid_reference', '被检举控告的人员不存在，请重新选择。', {
        field: 'accused.userId',
      });
    userId = user.id;
    if (user.id === actor?.userId)
      throw new AppError('confidential_routing', '不能登记检举控告本人的事项，请交由其他工作人员登记。');
    if (!accused.unitId) accusedUnit = await findUnit(ctx.db, user.unit_id);
  }
  if (accused.unitId) {
    accusedUnit = await findUnit(ctx.db, accused.unitId);
    if (!accusedUnit)
      throw new AppError('invalid_reference', '被检举控告的单位不存在，请重新选择。', {
        field: 'accused.unitId',
      });
  }
  if (accusedUnit && unit.path.startsWith(accusedUnit.path)) {
    throw new AppError('confidential_routing', await accusationElsewhere(ctx, accusedUnit), {
      field: 'accused.unitId',
    });
  }
  return {
    unitId: accusedUnit?.id ?? null,
    userId,
    name: accused.name ?? null,
    path: accusedUnit?.path ?? null,
  };
}

/** Checks the people of the case: petitioners 1..peopleCount, and a collective visit's ≤ 5 representatives. */
function checkPeople(input: CreatePetitionInput): void {
  if (input.petitioners.length > input.peopleCount)
    invalid(
      'petitioners',
      `登记的信访人（${input.petitioners.length}人）多于人数（${input.peopleCount}人），请核对人数。`,
    );
  if (input.peopleCount > MAX_REPRESENTATIVES) {
    if (input.petitioners.length > MAX_REPRESENTATIVES)
      invalid(
        'petitioners',
        `多人（${input.peopleCount}人）来访应推选代表，代表人数不超过${MAX_REPRESENTATIVES}人；请只登记代表。`,
      );
    if (input.petitioners.some((x) => x.isRepresentative === false))
      invalid('petitioners', '多人来访只登记推选的代表（isRepresentative 应为 true）。');
  }
}

function encryptPetitioners(
  keys: KeyRing,
  petitionId: string,
  input: CreatePetitionInput,
): PetitionersTable[] {
  const collective = input.peopleCount > MAX_REPRESENTATIVES;
  return input.petitioners.map((x, i) => {
    const id = newId();
    return {
      id,
      petition_id: petitionId,
      sort_order: i + 1,
      name: x.name,
      id_number_enc: x.idNumber ? encryptField(keys, x.idNumber, personalAad(id, 'id_number')) : null,
      id_number_index: x.idNumber ? idNumberIndex(keys, x.idNumber) : null,
      id_number_masked: x.idNumber ? maskIdNumber(x.idNumber) : null,
      phone_enc: x.phone ? encryptField(keys, x.phone, personalAad(id, 'phone')) : null,
      phone_index: x.phone ? phoneIndex(keys, x.phone) : null,
      phone_masked: x.phone ? maskPhone(x.phone) : null,
      address: x.address ?? null,
      is_representative: collective || x.isRepresentative ? 1 : 0,
    };
  });
}

async function uniqueQueryCode(ctx: Ctx, keys: KeyRing): Promise<{ code: string; index: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generateQueryCode();
    const index = queryCodeIndex(keys, code);
    if (!(await queryCodeTaken(ctx.db, index))) return { code, index };
  }
  throw new Error('Could not draw an unused query code');
}

/**
 * Registers a petition (登记, Art 19) at a unit already known to be in the actor's scope:
 * receivedOn not in the future (China time), people and representatives consistent, `accused`
 * only on accusations and never inside the receiving unit's line (422 confidential_routing),
 * category from the dictionary (422). Numbers the case per unit and year, draws a query code,
 * stores ID numbers and phones encrypted (SM4) with blind indexes and masked forms, starts the
 * timeline and the deadlines, and audits `petition.register` without personal data. Returns the
 * contract's answer with the candidates of the same matter the actor may see (same petitioner by
 * ID number or name + phone, near-identical text by the fingerprint stored here). `actor` null
 * is the public portal (channel online): recorded and audited as 网上信访, no candidates;
 * `opts.note` goes on the registration's timeline entry (e.g. what a clerk must complete).
 */
export async function registerPetition(
  ctx: Ctx,
  actor: Actor | null,
  unit: UnitRow,
  input: CreatePetitionInput,
  opts: { note?: string } = {},
) {
  const today = chinaDate(ctx.clock.now());
  if (input.receivedOn > today)
    invalid('receivedOn', `收到日期 ${input.receivedOn} 晚于今天（${today}），不能填写将来的日期。`);
  checkPeople(input);
  const accused = await checkAccused(ctx, actor, unit, input);
  const category = await findCategoryByName(ctx.db, input.category);
  if (category?.active !== 1)
    throw new AppError('invalid_reference', `类别“${input.category}”不在类别目录中，请从目录中选择。`, {
      field: 'category',
    });

  const keys = loadKeyRing(ctx.config);
  const id = newId();
  const year = Number(today.slice(0, 4));
  const seq = await nextNumber(ctx.db, unit.id, year);
  const number = `${unit.name}信〔${year}〕${seq}号`;
  const query = await uniqueQueryCode(ctx, keys);
  const now = ctx.clock.now().toISOString();
  await insertPetition(
    ctx.db,
    newPetitionRow({
      id,
      number,
      registered_unit_id: unit.id,
      number_year: year,
      number_seq: seq,
      unit_id: unit.id,
      channel: input.channel,
      classification: input.classification,
      category_id: category.id,
      title: input.title,
      content: input.content,
      demands: input.demands,
      people_count: input.peopleCount,
      received_on: input.receivedOn,
      query_code_enc: encryptField(keys, query.code, queryCodeAad(id)),
      query_code_index: query.index,
      accused_unit_id: accused.unitId,
      accused_user_id: accused.userId,
      accused_name: accused.name,
      created_by: actor?.userId ?? null,
      created_at: now,
    }),
  );
  const petitioners = encryptPetitioners(keys, id, input);
  await insertPetitioners(ctx.db, petitioners);
  await indexPetition(ctx.db, id, { ...input, names: input.petitioners.map((x) => x.name) });
  await insertEvent(ctx.db, {
    id: newId(),
    petition_id: id,
    action: 'register',
    at: now,
    happened_on: input.receivedOn,
    actor_id: actor?.userId ?? null,
    actor_name: actor?.name ?? PORTAL_REGISTRAR_NAME,
    actor_unit_id: actor?.unitId ?? null,
    note: opts.note ?? null,
    data_json: JSON.stringify({ channel: input.channel, unitName: unit.name }),
    document_id: null,
  });
  const deadlines = await recomputeDeadlines(ctx.db, { id, unit_id: unit.id });
  await recordAudit(ctx, {
    action: 'petition.register',
    subjectType: 'petition',
    subjectId: id,
    unitId: unit.id,
    after: {
      number,
      status: 'registered',
      unitId: unit.id,
      channel: input.channel,
      classification: input.classification,
      categoryId: category.id,
      receivedOn: input.receivedOn,
      peopleCount: input.peopleCount,
      petitioners: petitioners.length,
      accused: accused.unitId !== null || accused.userId !== null || accused.name !== null,
    },
    ...(actor ? {} : { actorId: null, actorName: PORTAL_REGISTRAR_NAME }),
  });
  const fingerprint = await fingerprintPetition(ctx, id, input);
  const candidates = actor
    ? await duplicateCandidates(
        ctx,
        actor,
        { id, unitId: unit.id, receivedOn: input.receivedOn },
        petitioners,
        fingerprint,
      )
    : [];
  return {
    id,
    number,
    status: 'registered' as const,
    queryCode: query.code,
    deadlines: deadlines.map((d) => presentDeadline(d, today)),
    duplicateCandidates: candidates.map((c) => ({
      id: c.id,
      number: c.number,
      score: c.score,
      reason: c.reason,
    })),
  };
}
