import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/http/app-error.ts';
import {
  CHANNEL_NAMES,
  CLASSIFICATION_NAMES,
  DECISION_NAMES,
  HEADER_ROW,
  IMPORT_STATUS_NAMES,
  LEDGER_COLUMNS,
  LEDGER_SHEET_NAME,
  LEDGER_TITLE,
  type LedgerKey,
  SATISFACTION_NAMES,
} from './ledger-columns.ts';
import type { LedgerSheetRow } from './ledger-rows.ts';

// The ledger as an .xlsx file: the look shared by the export and the template (title row, frozen
// header row, widths, date format), and reading an uploaded ledger back into rows by header name.

/** At most this many data rows per imported file. */
export const MAX_IMPORT_ROWS = 20_000;
/** At most this many bytes per imported file (10 MB). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** The MIME type of .xlsx files. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF9BA7B4' } };

/** A worksheet's columns, title row (merged) and frozen, bold header row, as every ledger file has them. */
export function layOutLedgerSheet(ws: ExcelJS.Worksheet, title: string): void {
  // Only the date columns carry a style: a style on every cell makes streaming several times slower.
  ws.columns = LEDGER_COLUMNS.map((c) => ({
    key: c.key,
    width: c.width,
    ...(c.date ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  const last = ws.getColumn(LEDGER_COLUMNS.length).letter;
  ws.mergeCells(`A1:${last}1`);
  const titleRow = ws.getRow(1);
  titleRow.height = 30;
  const titleCell = titleRow.getCell(1);
  titleCell.value = title;
  titleCell.font = { name: '宋体', size: 16, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.commit?.();
  const header = ws.getRow(HEADER_ROW);
  header.values = LEDGER_COLUMNS.map((c) => c.header);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.commit?.();
}

/** The views of a ledger sheet: title and header rows frozen. */
export const LEDGER_VIEWS: Partial<ExcelJS.WorksheetView>[] = [
  { state: 'frozen', xSplit: 0, ySplit: HEADER_ROW },
];

/** A 'YYYY-MM-DD' date as the Date an .xlsx date cell holds (midnight UTC: the day itself in Excel). */
export function excelDate(day: string | null | undefined): Date | null {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y as number, (m as number) - 1, d as number));
}

/**
 * The import template: the ledger's title and header rows, drop-down lists for the dictionary
 * columns, and a second sheet 填写说明 with every column's rule (docs/ledger.md).
 */
export async function buildTemplate(categories: readonly string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Huiyin';
  const ws = wb.addWorksheet(LEDGER_SHEET_NAME, { views: LEDGER_VIEWS });
  layOutLedgerSheet(ws, LEDGER_TITLE);
  const list = (key: LedgerKey, values: readonly string[]) => {
    const index = LEDGER_COLUMNS.findIndex((c) => c.key === key) + 1;
    const letter = ws.getColumn(index).letter;
    const formula = `"${values.join(',')}"`;
    if (formula.length > 255) return;
    for (let r = HEADER_ROW + 1; r <= HEADER_ROW + 500; r++)
      ws.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: true,
        errorTitle: '请从列表中选择',
        error: `请从下拉列表中选择${LEDGER_COLUMNS[index - 1]?.header}`,
      };
  };
  list('channel', Object.values(CHANNEL_NAMES));
  list('classification', Object.values(CLASSIFICATION_NAMES));
  list('category', categories);
  list('status', Object.keys(IMPORT_STATUS_NAMES));
  list('decision', Object.values(DECISION_NAMES));
  list('satisfaction', Object.values(SATISFACTION_NAMES));
  for (const key of ['idNumbers', 'phones'] as const) {
    const index = LEDGER_COLUMNS.findIndex((c) => c.key === key) + 1;
    ws.getColumn(index).numFmt = '@';
  }

  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'header', width: 12 },
    { header: '导入时', key: 'use', width: 10 },
    { header: '填写要求', key: 'rule', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of LEDGER_COLUMNS)
    help.addRow({
      header: c.header,
      use: c.use === 'required' ? '必填' : c.use === 'optional' ? '选填' : '不导入',
      rule: COLUMN_RULES[c.key],
    });
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What each column of an imported ledger must hold, in Chinese (the template's 填写说明). */
const COLUMN_RULES: Record<LedgerKey, string> = {
  seq: '导出时的序号，导入时不读取。',
  number: '原台账的件号；导入后系统重新编号，原件号保留在登记记录中。同一文件中不能重复。',
  receivedOn: '收到信访事项的日期，如 2026-10-20；不能晚于今天。',
  channel: '来信、来访、来电、网上信访或转送交办。',
  petitioners: '信访人姓名；多人用“、”分隔，多人（5人以上）来访只填推选的代表（不超过5人）。',
  idNumbers:
    '完整的18位身份证号（按校验位核对），多人按信访人顺序用“、”分隔；不能填写脱敏号码；请将本列设为文本格式。',
  phones: '手机11位或带区号的固定电话，多人按信访人顺序用“、”分隔；不能填写脱敏号码。',
  peopleCount: '来信来访的人数（整数），不填时按信访人个数计。',
  classification: '建议意见类、检举控告类或申诉求决类。',
  category: '问题类别目录中的名称（如征地拆迁、劳资纠纷、其他）。',
  title: '标题，最多200字。',
  demands: '主要诉求，最多5000字。',
  content: '信访内容（摘要），最多20000字。',
  unit: '负责办理的单位名称，须在您的管辖范围内；重名时写成“上级单位/单位”。',
  handlingUnit: '导出时填写，导入时不读取。',
  handler: '导出时填写，导入时不读取。',
  status: '已登记（默认）、已答复或已办结；已答复、已办结须填写办结日期、处理结果和答复意见。',
  acceptanceDue: '系统按收到日期计算，导入时不读取。',
  handlingDue: '系统计算，导入时不读取。',
  answerOn: '书面答复（处理意见）的日期，不早于收到日期、不晚于今天。',
  decision: '支持、解释说明或不予支持。',
  answerText: '处理意见（答复）的内容。',
  satisfaction: '满意、基本满意或不满意（选填）。',
  overdue: '导出时按期限计算，导入时不读取。',
  remark: '备注，最多500字；导入后在导出的台账中照样显示。',
};

/** A cell's value as the import reads it: text, number or date (rich text, links and formulas resolved). */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return '';
  if (v instanceof Date || typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v)
      return cellValue((v as ExcelJS.CellFormulaValue).result ?? '');
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return '';
  }
  return String(v);
}

function unreadable(message: string): never {
  throw new AppError('import_file_unreadable', message, { field: 'file' });
}

/**
 * The data rows of an uploaded ledger (.xlsx): the sheet 信访事项台账 (or the first sheet), its
 * header row found by the column names within the first 5 rows (columns in any order, unknown
 * columns ignored), empty rows skipped. 422 import_file_unreadable when it is no .xlsx or a
 * required column is missing; 413 beyond MAX_IMPORT_ROWS rows.
 */
export async function readLedgerSheet(bytes: Buffer): Promise<LedgerSheetRow[]> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50)
    unreadable(
      '上传的文件不是 Excel 工作簿（.xlsx）。请使用“下载导入模板”得到的格式，另存为 .xlsx 后再上传。',
    );
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    unreadable('无法读取该 Excel 文件（文件损坏或不是 .xlsx 格式），请用 Excel 或 WPS 另存为 .xlsx 后重试。');
  }
  const ws = wb.getWorksheet(LEDGER_SHEET_NAME) ?? wb.worksheets[0];
  if (!ws) unreadable('该 Excel 文件中没有工作表。');
  const byHeader = new Map(LEDGER_COLUMNS.map((c) => [c.header, c.key]));
  let headerRow = 0;
  let columns = new Map<number, LedgerKey>();
  for (let r = 1; r <= Math.min(5, ws.rowCount) && !headerRow; r++) {
    const found = new Map<number, LedgerKey>();
    ws.getRow(r).eachCell((cell, col) => {
      const key = byHeader.get(String(cellValue(cell.value)).replace(/[\s*＊]/g, ''));
      if (key) found.set(col, key);
    });
    if (found.size >= 3) {
      headerRow = r;
      columns = found;
    }
  }
  const present = new Set(columns.values());
  const missing = LEDGER_COLUMNS.filter((c) => c.use === 'required' && !present.has(c.key)).map(
    (c) => c.header,
  );
  if (!headerRow || missing.length)
    unreadable(
      `工作表“${ws.name}”缺少必需的列：${(missing.length ? missing : LEDGER_COLUMNS.filter((c) => c.use === 'required').map((c) => c.header)).join('、')}。请使用导入模板的列名（第${HEADER_ROW}行为列名）。`,
    );
  const rows: LedgerSheetRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells: LedgerSheetRow['cells'] = {};
    let any = false;
    ws.getRow(r).eachCell((cell, col) => {
      const key = columns.get(col);
      if (!key) return;
      const value = cellValue(cell.value);
      if (value === '' || (typeof value === 'string' && value.trim() === '')) return;
      cells[key] = value;
      any = true;
    });
    if (!any) continue;
    rows.push({ row: r, cells });
    if (rows.length > MAX_IMPORT_ROWS)
      throw new AppError(
        'payload_too_large',
        `一次最多导入${MAX_IMPORT_ROWS}行，该文件超过了这个数量；请分成几个文件分别导入。`,
        { field: 'file', maxRows: MAX_IMPORT_ROWS },
      );
  }
  if (!rows.length) unreadable('该文件没有数据行：请在列名下面一行开始填写信访事项。');
  return rows;
}
