import type { LedgerImportReport } from '../../../../../../shared/contracts/ledger.ts';
import { recordAudit } from '../../../../platform/audit/audit.ts';
import { newId } from '../../../../platform/crypto/ids.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../../platform/http/context.ts';
import { chinaDate } from '../../../../platform/jobs/china-time.ts';
import { listUnitsInScope } from '../../../org/org.repository.ts';
import { insertEvent, listCategories, updatePetition } from '../../petitions.repository.ts';
import { recomputeDeadlines } from '../../use-cases/recompute-deadlines.ts';
import { registerPetition } from '../../use-cases/register-petition.ts';
import { setRegistrationData } from '../ledger.repository.ts';
import {
  type CheckedRow,
  checkLedgerRow,
  type ImportableRow,
  type LedgerSheetRow,
  markDuplicates,
} from '../ledger-rows.ts';

/** The note on every timeline entry an import writes. */
export const IMPORT_NOTE = '依历史台账导入';

/** Checks every row of an uploaded ledger against the dictionaries and the caller's scope (writes nothing). */
export async function checkLedger(
  ctx: Ctx,
  actor: Actor,
  sheet: readonly LedgerSheetRow[],
): Promise<CheckedRow[]> {
  const [categories, units] = await Promise.all([
    listCategories(ctx.db, false),
    listUnitsInScope(ctx.db, actor),
  ]);
  const dictionaries = {
    today: chinaDate(ctx.clock.now()),
    categories: new Set(categories.map((c) => c.name)),
    units,
  };
  return markDuplicates(
    sheet.map((r) => checkLedgerRow(r, dictionaries)),
    sheet,
  );
}

/** The validation report of checked rows (contract LedgerImportReport). */
export function reportOf(
  checked: readonly CheckedRow[],
  dryRun: boolean,
  imported: LedgerImportReport['imported'] = [],
): LedgerImportReport {
  const valid = checked.filter((c) => c.ok).length;
  return {
    total: checked.length,
    valid,
    invalid: checked.length - valid,
    rows: checked.map((c) => ({ row: c.row, ok: c.ok, errors: c.ok ? [] : c.errors, title: c.title })),
    dryRun,
    imported,
  };
}

/**
 * Writes checked rows in the caller's transaction: `all` only when every row is valid (else 422
 * import_invalid with the report), `valid_only` the valid rows. Each row is registered through the
 * registration use case at its historical received date (numbering, query code, encrypted
 * personal data, deadlines, search index, audit); an answered or closed row then gets its
 * 受理 / 出具处理意见书 / 办结 timeline entries (noted 依历史台账导入) and the answer, so its
 * deadlines are met; what only the ledger knows (original number, remark, satisfaction) stays on
 * the registration entry. Audits `petition.import` per case and for the whole file.
 */
export async function importLedger(
  ctx: Ctx,
  actor: Actor,
  checked: readonly CheckedRow[],
  mode: 'all' | 'valid_only',
  fileName: string,
): Promise<LedgerImportReport> {
  const invalid = checked.filter((c) => !c.ok).length;
  if (mode === 'all' && invalid > 0)
    throw new AppError(
      'import_invalid',
      `有${invalid}行未通过检查，全部导入时不会写入任何一行。请改正后重新上传，或选择“仅导入有效行”。`,
      { report: reportOf(checked, true) },
    );
  const imported: LedgerImportReport['imported'] = [];
  for (const c of checked) {
    if (!c.ok) continue;
    try {
      const created = await importRow(ctx, actor, c.row, c.value);
      imported.push({ row: c.row, ...created });
    } catch (err) {
      if (err instanceof AppError)
        throw new AppError(err.code, `第${c.row}行：${err.message}（本次导入没有写入任何一行）`, err.details);
      throw err;
    }
  }
  await recordAudit(ctx, {
    action: 'petition.import',
    subjectType: 'petition',
    unitId: actor.unitId,
    after: { file: fileName, mode, rows: checked.length, imported: imported.length, rejected: invalid },
  });
  return reportOf(checked, false, imported);
}

/** Registers one row and records its historical answer; returns the new case's id and number. */
async function importRow(ctx: Ctx, actor: Actor, row: number, r: ImportableRow) {
  const note = `${IMPORT_NOTE}（第${row}行${r.extra.originalNumber ? `，原件号${r.extra.originalNumber}` : ''}）`;
  const reg = await registerPetition(ctx, actor, r.unit, { ...r.input, unitId: r.unit.id }, { note });
  await setRegistrationData(ctx.db, reg.id, {
    channel: r.input.channel,
    unitName: r.unit.name,
    import: { row, ...r.extra },
  });
  const now = ctx.clock.now().toISOString();
  const step = (action: string, on: string, data: unknown = null) =>
    insertEvent(ctx.db, {
      id: newId(),
      petition_id: reg.id,
      action,
      at: now,
      happened_on: on,
      actor_id: actor.userId,
      actor_name: actor.name,
      actor_unit_id: actor.unitId,
      note: IMPORT_NOTE,
      data_json: data === null ? null : JSON.stringify(data),
      document_id: null,
    });
  if (r.answer) {
    await step('accept', r.input.receivedOn);
    await step('answer', r.answer.on, { decision: r.answer.decision });
    if (r.status === 'closed') await step('close', r.answer.on);
    const ok = await updatePetition(ctx.db, reg.id, 1, {
      status: r.status,
      answer_unit_id: r.unit.id,
      answer_on: r.answer.on,
      answer_decision: r.answer.decision,
      answer_text: r.answer.text,
      last_on: r.answer.on,
      updated_at: now,
    });
    if (!ok) throw new Error(`imported case ${reg.id} changed during its import`);
    await recomputeDeadlines(ctx.db, { id: reg.id, unit_id: r.unit.id });
  }
  await recordAudit(ctx, {
    action: 'petition.import',
    subjectType: 'petition',
    subjectId: reg.id,
    unitId: r.unit.id,
    after: {
      number: reg.number,
      row,
      status: r.status,
      ...(r.answer ? { answerOn: r.answer.on, decision: r.answer.decision } : {}),
      originalNumber: r.extra.originalNumber,
    },
  });
  return { id: reg.id, number: reg.number };
}
