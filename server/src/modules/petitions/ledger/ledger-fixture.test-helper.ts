import { newId } from '../../../platform/crypto/ids.ts';
import type { Db } from '../../../platform/db/schema.ts';

// Many cases at once for the streaming test and the export benchmark: plain rows written in
// batches straight into petitions and petitioners (no registration use case: only the ledger's
// reading side is measured). Content of about 300 characters, as tier M's median.

const CHANNELS = ['letter', 'visit', 'phone', 'online', 'transfer'];
const STATUSES = ['registered', 'accepted', 'assigned', 'in_progress', 'answered', 'closed'];
const TEXT =
  '村民反映村集体土地征收后补偿款长期未发放到户，多次向村委会和镇政府反映未果。' +
  '请求相关部门核实征地面积和补偿标准，公开补偿款发放明细，尽快将补偿款足额发放到每一户，' +
  '并对挪用、截留补偿款的行为依法依规严肃处理。另反映村道年久失修，雨天泥泞，群众出行困难，' +
  '希望纳入乡村道路建设计划统筹解决。此前已于去年向镇信访办反映，答复称正在协调，至今未见落实。';

/** Plain rows of one case per index for the ledger fixture. */
export function fixtureRow(i: number, unitId: string, categoryId: string) {
  const day = new Date(Date.UTC(2016, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
  const status = STATUSES[i % STATUSES.length] as string;
  const answered = status === 'answered' || status === 'closed';
  const id = newId();
  return {
    petition: {
      id,
      number: `基准县信〔${day.slice(0, 4)}〕${i + 1}号`,
      registered_unit_id: unitId,
      number_year: Number(day.slice(0, 4)),
      number_seq: i + 1,
      unit_id: unitId,
      channel: CHANNELS[i % CHANNELS.length] as string,
      classification: i % 17 === 0 ? 'suggestion' : 'appeal',
      category_id: categoryId,
      title: `第${i + 1}号 征地补偿款未发放到户`,
      content: `${TEXT}（编号${i + 1}）`,
      demands: '请求尽快足额发放补偿款。',
      people_count: 1 + (i % 3),
      received_on: day,
      status,
      version: 1,
      query_code_enc: `fixture-${id}`,
      query_code_index: `fixture-${id}`,
      simple_track: 0,
      objection_raised: 0,
      answer_on: answered ? day : null,
      answer_decision: answered ? 'explain' : null,
      answer_text: answered ? '经核实，补偿款已按标准发放，已向信访人当面解释说明。' : null,
      last_on: day,
      next_due: answered ? null : day,
      next_due_kind: answered ? null : 'acceptance',
      calendar_warning: 0,
      created_at: `${day}T01:00:00.000Z`,
      updated_at: `${day}T01:00:00.000Z`,
    },
    petitioner: {
      id: newId(),
      petition_id: id,
      sort_order: 1,
      name: `信访人${i + 1}`,
      id_number_masked: '3301**********1234',
      phone_masked: '138****5678',
      is_representative: 0,
    },
  };
}

/** Writes `count` cases of a unit (category by id) in batches of 500. */
export async function seedLedgerCases(db: Db, unitId: string, categoryId: string, count: number, from = 0) {
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, k) =>
      fixtureRow(from + start + k, unitId, categoryId),
    );
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('petitions')
        .values(rows.map((r) => r.petition) as never)
        .execute();
      await trx
        .insertInto('petitioners')
        .values(rows.map((r) => r.petitioner) as never)
        .execute();
    });
  }
}
