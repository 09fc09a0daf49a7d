import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { recordAudit } from '../../../../platform/audit/audit.ts';
import type { Actor, Ctx } from '../../../../platform/http/context.ts';
import { maskName } from '../../personal-data.ts';
import { STATUS_LABELS } from '../../petition.ts';
import { canSeeAccuserIdentity } from '../../petitions.policy.ts';
import type { PetitionFilter } from '../../petitions.repository.ts';
import {
  type LedgerBatchRow,
  type LedgerCursor,
  ledgerBatch,
  ledgerDeadlines,
  ledgerEvaluations,
  ledgerPetitioners,
  ledgerRegistrations,
} from '../ledger.repository.ts';
import {
  CHANNEL_NAMES,
  CLASSIFICATION_NAMES,
  DECISION_NAMES,
  LEDGER_COLUMNS,
  LEDGER_SHEET_NAME,
  LEDGER_TITLE,
  type LedgerKey,
  LIST_SEPARATOR,
  SATISFACTION_NAMES,
} from '../ledger-columns.ts';
import { excelDate, LEDGER_VIEWS, layOutLedgerSheet } from '../ledger-workbook.ts';

/** Rows read from the database per query: the most the export holds at once. */
export const EXPORT_BATCH = 1000;

/** What the export was asked for, as the audit trail and the title row name it (no personal data). */
export interface ExportRequest {
  filter: PetitionFilter;
  /** The filters as given (ids and words), for the audit trail. */
  filters: Record<string, unknown>;
  /** Chinese description of the filters for the title row, e.g. 状态：已受理. */
  description: string;
}

/**
 * The zip entry exceljs' streaming writer feeds the sheet into. The writer ignores its
 * backpressure, and better-sqlite3 answers without giving the event loop a turn, so without
 * waiting for this entry the zip would not even start before the last row and every row would
 * pile up in memory; undefined if exceljs' internals ever change shape (then only the response is awaited).
 */
function zipEntryOf(ws: ExcelJS.Worksheet): Writable | undefined {
  const entry = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0];
  return entry && typeof (entry as Writable).once === 'function' ? (entry as Writable) : undefined;
}

/** Rows written between two turns of the event loop. */
const WRITE_SLICE = 200;

/** Lets the event loop run everything else that is waiting (better-sqlite3 and exceljs never yield). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** How much sheet XML may wait for compression while the next batch is read (keeps zlib busy, memory flat). */
const ZIP_BACKLOG_BYTES = 2 * 1024 * 1024;

/**
 * Gives the zip a turn, then waits while more than ZIP_BACKLOG_BYTES of the sheet wait for it
 * (stops waiting when the response is gone: a client that broke off the download).
 */
async function zipCaughtUp(entry: Writable | undefined, out: Writable): Promise<void> {
  await nextTurn();
  const backlog = () =>
    entry?.writableLength ??
    (entry as unknown as { _writableState?: { length?: number } })?._writableState?.length ??
    0;
  while (entry && !entry.destroyed && !out.destroyed && backlog() > ZIP_BACKLOG_BYTES)
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
}

/** Whether a writable holds more than it wants (also for the readable-stream 2 streams of archiver). */
function needsDrain(w: Writable): boolean {
  return (
    w.writableNeedDrain ??
    (w as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain ??
    false
  );
}

/** Waits until the stream wants more data (or is gone). */
function drained(out: Writable | undefined): Promise<void> {
  if (!out || !needsDrain(out) || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
}

/** The style of each column's data cells: dates formatted as dates, the rest plain. */
const CELL_STYLES: readonly Partial<ExcelJS.Style>[] = (() => {
  const plain = {};
  const date = { numFmt: 'yyyy-mm-dd' };
  return LEDGER_COLUMNS.map((c) => (c.date ? date : plain));
})();

/** The cells of one ledger row. */
type LedgerCells = Record<LedgerKey, string | number | Date | null>;

/**
 * Streams the ledger of the cases the actor may see that match the list's filter (scope and
 * confidentiality in SQL, accusations never to the accused line) as .xlsx into `out`: title row,
 * frozen header row, one row per case oldest first, read and written in keyset batches of
 * EXPORT_BATCH so memory stays flat. ID numbers and phones only masked; an accuser's name masked
 * for readers who may not know it. Audits `petition.export` with the filters and the row count
 * (also when the download was broken off). Returns the number of rows written.
 */
export async function exportLedger(
  ctx: Ctx,
  actor: Actor,
  req: ExportRequest,
  out: Writable,
): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Huiyin';
  const ws = wb.addWorksheet(LEDGER_SHEET_NAME, {
    views: LEDGER_VIEWS,
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const title = `${LEDGER_TITLE}（导出日期：${req.filter.today}${req.description ? `；${req.description}` : ''}）`;
  layOutLedgerSheet(ws, title);
  const hideAccuser = !canSeeAccuserIdentity(actor);
  let written = 0;
  let complete = false;
  try {
    let cursor: LedgerCursor | null = null;
    for (;;) {
      if (out.destroyed) break;
      const batch = await ledgerBatch(ctx.db, actor, req.filter, cursor, EXPORT_BATCH);
      await nextTurn();
      if (!batch.length) {
        complete = true;
        break;
      }
      const rows = await ledgerCells(ctx, batch, req.filter.today, hideAccuser);
      await nextTurn();
      for (const [i, cells] of rows.entries()) {
        // Other requests get the event loop between slices of a batch (no stall while exporting).
        if (i > 0 && i % WRITE_SLICE === 0) await nextTurn();
        cells.seq = ++written;
        const row = ws.addRow(LEDGER_COLUMNS.map((c) => cells[c.key]));
        // One shared style object per column: exceljs then finds each cell's style id by
        // reference instead of rendering and hashing a fresh style for every cell.
        CELL_STYLES.forEach((style, i) => {
          row.getCell(i + 1).style = style;
        });
        row.commit();
      }
      const last = batch[batch.length - 1] as LedgerBatchRow;
      cursor = { receivedOn: last.received_on, id: last.id };
      if (batch.length < EXPORT_BATCH) {
        complete = true;
        break;
      }
      await zipCaughtUp(zipEntryOf(ws), out);
      await drained(out);
    }
  } finally {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(
        { ...ctx, db: trx },
        {
          action: 'petition.export',
          subjectType: 'petition',
          unitId: actor.unitId,
          after: { format: 'xlsx', filters: req.filters, rows: written, complete },
        },
      ),
    );
  }
  if (!complete) {
    out.destroy();
    return written;
  }
  ws.commit();
  await wb.commit();
  return written;
}

/** The cells of a batch of cases, with their petitioners, deadlines, evaluation and imported data. */
async function ledgerCells(
  ctx: Ctx,
  batch: readonly LedgerBatchRow[],
  today: string,
  hideAccuser: boolean,
): Promise<LedgerCells[]> {
  const ids = batch.map((r) => r.id);
  // One query at a time with a turn of the event loop between (SQLite answers synchronously).
  const people = await ledgerPetitioners(ctx.db, ids);
  await nextTurn();
  const deadlines = await ledgerDeadlines(ctx.db, ids);
  await nextTurn();
  const evaluations = await ledgerEvaluations(ctx.db, ids);
  const registrations = await ledgerRegistrations(ctx.db, ids);
  const group = <T extends { petition_id: string }>(rows: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.petition_id);
      if (list) list.push(r);
      else m.set(r.petition_id, [r]);
    }
    return m;
  };
  const peopleOf = group(people);
  const dueOf = new Map(deadlines.map((d) => [`${d.petition_id}:${d.kind}`, d.due]));
  const ratingOf = new Map(evaluations.map((e) => [e.petition_id, e.rating]));
  const importedOf = new Map(registrations.map((r) => [r.petition_id, importedData(r.data_json)] as const));
  return batch.map((p) => {
    const who = peopleOf.get(p.id) ?? [];
    const masked = hideAccuser && p.classification === 'accusation';
    const imported = importedOf.get(p.id);
    const rating = ratingOf.get(p.id) ?? imported?.satisfaction ?? null;
    return {
      seq: 0,
      number: p.number,
      receivedOn: excelDate(p.received_on),
      channel: CHANNEL_NAMES[p.channel] ?? p.channel,
      petitioners: who.map((x) => (masked ? maskName(x.name) : x.name)).join(LIST_SEPARATOR),
      idNumbers: joinPlaces(who.map((x) => x.id_number_masked)),
      phones: joinPlaces(who.map((x) => x.phone_masked)),
      peopleCount: p.people_count,
      classification: CLASSIFICATION_NAMES[p.classification] ?? p.classification,
      category: p.category_name,
      title: p.title,
      demands: p.demands,
      content: p.content,
      unit: p.unit_name,
      handlingUnit: p.handling_unit_name ?? null,
      handler: p.handler_name,
      status: STATUS_LABELS[p.status as keyof typeof STATUS_LABELS] ?? p.status,
      acceptanceDue: excelDate(dueOf.get(`${p.id}:acceptance`)),
      handlingDue: excelDate(dueOf.get(`${p.id}:handling`)),
      answerOn: excelDate(p.answer_on),
      decision: p.answer_decision ? (DECISION_NAMES[p.answer_decision] ?? p.answer_decision) : null,
      answerText: p.answer_text,
      satisfaction: rating ? (SATISFACTION_NAMES[rating] ?? rating) : null,
      overdue: p.next_due !== null && p.next_due < today ? '是' : '否',
      remark: imported?.remark ?? null,
    };
  });
}

/** Several people's masked values in their order; empty when nobody has one. */
function joinPlaces(values: readonly (string | null)[]): string | null {
  return values.some((v) => v) ? values.map((v) => v ?? '').join(LIST_SEPARATOR) : null;
}

/** What a ledger import kept on the registration entry, if anything. */
function importedData(json: string | null): { remark?: string; satisfaction?: string } | undefined {
  if (!json) return undefined;
  try {
    const data = JSON.parse(json) as { import?: { remark?: string | null; satisfaction?: string | null } };
    if (!data.import) return undefined;
    return {
      ...(data.import.remark ? { remark: data.import.remark } : {}),
      ...(data.import.satisfaction ? { satisfaction: data.import.satisfaction } : {}),
    };
  } catch {
    return undefined;
  }
}
