import ExcelJS from 'exceljs';
import type { Session } from '../../../../test/harness.ts';
import { HEADER_ROW, LEDGER_COLUMNS, LEDGER_SHEET_NAME, type LedgerKey } from './ledger-columns.ts';

// Shared pieces of the ledger tests: reading an exported workbook back, writing a ledger file to
// import, valid ID numbers, and the multipart upload.

/** An exported ledger read back: sheet name, title, headers and the data rows by header. */
export async function readBack(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  const headers = (ws.getRow(HEADER_ROW).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as unknown[];
    if (!values.length) continue;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i + 1] ?? null])));
  }
  return { name: ws.name, title: String(ws.getCell('A1').value), headers, rows, views: ws.views };
}

/** An .xlsx ledger with the layout's title and header rows and these data rows (by column key). */
export async function ledgerFile(rows: Partial<Record<LedgerKey, unknown>>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(LEDGER_SHEET_NAME);
  ws.getCell('A1').value = '信访事项台账';
  ws.getRow(HEADER_ROW).values = LEDGER_COLUMNS.map((c) => c.header);
  for (const r of rows) ws.addRow(LEDGER_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A resident ID number with a correct GB 11643 check character, from its first 17 digits. */
export function validId(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return first17 + ('10X98765432'[sum % 11] as string);
}

/** POSTs a file to the ledger import as multipart/form-data (field `file`). */
export function uploadLedger(
  s: Session,
  query: string,
  bytes: Buffer,
  fileName = '台账.xlsx',
  headers: Record<string, string> = {},
) {
  const boundary = `----huiyin${Math.random().toString(36).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return s.inject({
    method: 'POST',
    url: `/api/v1/petitions/import${query}`,
    payload: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
  });
}
