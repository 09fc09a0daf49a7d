import type { CreatePetitionInput } from '../../../../../shared/contracts/petitions.ts';
import type { UnitRow } from '../../org/org.repository.ts';
import { MAX_REPRESENTATIVES } from '../use-cases/register-petition.ts';
import {
  channelCode,
  classificationCode,
  decisionCode,
  IMPORT_STATUS_NAMES,
  idNumberProblem,
  isMasked,
  LEDGER_COLUMNS,
  type LedgerKey,
  normalizePhone,
  parseLedgerDate,
  satisfactionCode,
  splitList,
} from './ledger-columns.ts';

// The check of one imported ledger row (pure): every problem of the row, by column, in Chinese,
// or the registration it becomes with its historical status. The dictionaries (categories, units
// in the caller's scope) and today's date are passed in.

/** A data row as read from the sheet: its Excel row number and its cells by column. */
export interface LedgerSheetRow {
  row: number;
  cells: Partial<Record<LedgerKey, unknown>>;
}

/** One problem: the column's Chinese header and what is wrong. */
export interface RowError {
  column: string;
  message: string;
}

/** A row that passed: the registration, its unit, and the historical state it carries. */
export interface ImportableRow {
  unit: UnitRow;
  input: Omit<CreatePetitionInput, 'unitId'>;
  status: 'registered' | 'answered' | 'closed';
  answer: { on: string; decision: 'support' | 'explain' | 'not_support'; text: string } | null;
  /** Kept on the registration entry: shown again by the export. */
  extra: { originalNumber: string | null; remark: string | null; satisfaction: string | null };
}

export type CheckedRow =
  | { row: number; title: string; ok: true; value: ImportableRow }
  | { row: number; title: string; ok: false; errors: RowError[] };

/** What a row is checked against. */
export interface RowDictionaries {
  today: string;
  /** Names of the active categories. */
  categories: ReadonlySet<string>;
  /** The units in the caller's scope. */
  units: readonly UnitRow[];
}

const HEADER: Record<LedgerKey, string> = Object.fromEntries(
  LEDGER_COLUMNS.map((c) => [c.key, c.header]),
) as Record<LedgerKey, string>;

/** The earliest received date the import takes. */
const EARLIEST = '1950-01-01';

/** A cell as text: trimmed; numbers in their plain decimal form. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

/**
 * Resolves a unit written in the ledger among the units in scope: its name, or its name with
 * ancestors separated by “/” when the name is not unique (东城镇/东城一村).
 */
export function resolveUnit(
  written: string,
  units: readonly UnitRow[],
): { unit: UnitRow } | { problem: string } {
  const parts = written
    .split(/[/／>]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const name = parts.at(-1) ?? '';
  const byId = new Map(units.map((u) => [u.id, u]));
  const matches = units.filter((u) => {
    if (u.name !== name) return false;
    let cur: UnitRow | undefined = u;
    for (let i = parts.length - 2; i >= 0; i--) {
      cur = cur?.parent_id ? byId.get(cur.parent_id) : undefined;
      if (cur?.name !== parts[i]) return false;
    }
    return true;
  });
  if (matches.length === 1) return { unit: matches[0] as UnitRow };
  if (matches.length === 0)
    return { problem: `“${written}”不是您管辖范围内的单位名称，请按单位名册填写（可写成“上级单位/单位”）。` };
  return {
    problem: `您的管辖范围内有${matches.length}个名为“${name}”的单位，请写出上级单位，如“上级单位名称/${name}”。`,
  };
}

/**
 * Checks one ledger row against the layout's rules (docs/ledger.md): required columns; real, not
 * future dates; channel, classification, category, decision and satisfaction from their
 * dictionaries; the unit in the caller's scope; ID numbers by their GB 11643 check digit and
 * phones by format (never masked); people and representatives consistent (at most 5 representatives);
 * a historical status of 已登记, 已答复 or 已办结 with its answer date, result and text.
 */
export function checkLedgerRow(r: LedgerSheetRow, d: RowDictionaries): CheckedRow {
  const errors: RowError[] = [];
  const fail = (key: LedgerKey, message: string) => errors.push({ column: HEADER[key], message });
  const text = (key: LedgerKey) => cellText(r.cells[key]);
  const required = (key: LedgerKey) => {
    const v = text(key);
    if (!v) fail(key, `请填写${HEADER[key]}。`);
    return v;
  };
  const limited = (key: LedgerKey, v: string, max: number) => {
    if (v.length > max) fail(key, `${HEADER[key]}最多${max}个字，本行有${v.length}个字，请删减。`);
    return v;
  };
  const date = (key: LedgerKey, need: boolean): string | null => {
    const raw = r.cells[key];
    if (cellText(raw) === '') {
      if (need) fail(key, `请填写${HEADER[key]}。`);
      return null;
    }
    const on = parseLedgerDate(raw);
    if (!on) {
      fail(key, `“${cellText(raw)}”不是有效日期，请写成 2026-10-20 这样的日期。`);
      return null;
    }
    if (on > d.today) {
      fail(key, `${HEADER[key]} ${on} 晚于今天（${d.today}），不能填写将来的日期。`);
      return null;
    }
    if (on < EARLIEST) {
      fail(key, `${HEADER[key]} ${on} 过早，请核对年份。`);
      return null;
    }
    return on;
  };

  const title = limited('title', required('title'), 200);
  const receivedOn = date('receivedOn', true);
  const channelText = required('channel');
  const channel = channelText ? channelCode(channelText) : undefined;
  if (channelText && !channel)
    fail('channel', `“${channelText}”不是来源渠道，请填写来信、来访、来电、网上信访或转送交办。`);
  const classificationText = required('classification');
  const classification = classificationText ? classificationCode(classificationText) : undefined;
  if (classificationText && !classification)
    fail('classification', `“${classificationText}”不是信访分类，请填写建议意见类、检举控告类或申诉求决类。`);
  const category = required('category');
  if (category && !d.categories.has(category))
    fail('category', `“${category}”不在问题类别目录中，请从目录中选择（如征地拆迁、劳资纠纷、其他）。`);
  const content = limited('content', required('content'), 20000);
  const demands = limited('demands', text('demands'), 5000);

  const unitText = required('unit');
  let unit: UnitRow | undefined;
  if (unitText) {
    const found = resolveUnit(unitText, d.units);
    if ('unit' in found) unit = found.unit;
    else fail('unit', found.problem);
  }

  const names = splitList(required('petitioners'));
  for (const n of names)
    if (n.length > 60) fail('petitioners', `信访人姓名“${n.slice(0, 10)}…”过长（最多60个字）。`);
  if (names.length > 50) fail('petitioners', '一行最多登记50名信访人。');
  const ids = personal(r.cells.idNumbers, 'idNumbers', names.length, fail);
  const phones = personal(r.cells.phones, 'phones', names.length, fail);
  const idNumbers = ids.map((v) => {
    if (!v) return undefined;
    const problem = idNumberProblem(v);
    if (problem) fail('idNumbers', problem);
    return v.toUpperCase();
  });
  const phoneNumbers = phones.map((v) => {
    if (!v) return undefined;
    const normal = normalizePhone(v);
    if (!normal)
      fail(
        'phones',
        `联系电话“${v.slice(0, 3)}…”格式不正确：手机应为11位，固定电话应带区号（如0571-87654321）。`,
      );
    return normal;
  });

  const countText = text('peopleCount');
  let peopleCount = Math.max(1, names.length);
  if (countText) {
    const n = Number(countText);
    if (!Number.isInteger(n) || n < 1 || n > 100000)
      fail('peopleCount', `人数“${countText}”应为1以上的整数。`);
    else peopleCount = n;
  }
  if (names.length > peopleCount)
    fail('peopleCount', `登记的信访人（${names.length}人）多于人数（${peopleCount}人），请核对人数。`);
  if (peopleCount > MAX_REPRESENTATIVES && names.length > MAX_REPRESENTATIVES)
    fail(
      'petitioners',
      `多人（${peopleCount}人）来访应推选代表，代表不超过${MAX_REPRESENTATIVES}人；请只填写代表的姓名。`,
    );

  const statusText = text('status');
  const status = statusText ? IMPORT_STATUS_NAMES[statusText] : 'registered';
  if (!status)
    fail('status', `只能导入状态为已登记、已答复或已办结的历史事项，“${statusText}”请办理后再录入。`);
  const answered = status === 'answered' || status === 'closed';
  const answerOn = date('answerOn', answered);
  const decisionText = text('decision');
  const decision = decisionText ? decisionCode(decisionText) : undefined;
  if (decisionText && !decision)
    fail('decision', `“${decisionText}”不是处理结果，请填写支持、解释说明或不予支持。`);
  if (answered && !decisionText)
    fail('decision', '已答复或已办结的事项请填写处理结果（支持、解释说明或不予支持）。');
  const answerText = limited('answerText', text('answerText'), 20000);
  if (answered && !answerText) fail('answerText', '已答复或已办结的事项请填写答复意见。');
  if (!answered && status && (answerOn || decisionText || answerText))
    fail('status', '填写了办结日期、处理结果或答复意见的事项，当前状态应为已答复或已办结。');
  if (answerOn && receivedOn && answerOn < receivedOn)
    fail('answerOn', `办结日期 ${answerOn} 早于收到日期 ${receivedOn}，请核对。`);
  const satisfactionText = text('satisfaction');
  const satisfaction = satisfactionText ? satisfactionCode(satisfactionText) : undefined;
  if (satisfactionText && !satisfaction)
    fail('satisfaction', `“${satisfactionText}”不是满意度，请填写满意、基本满意或不满意。`);
  const remark = limited('remark', text('remark'), 500);
  const originalNumber = limited('number', text('number'), 100);

  if (errors.length || !unit || !receivedOn || !channel || !classification || !status)
    return { row: r.row, title, ok: false, errors };
  return {
    row: r.row,
    title,
    ok: true,
    value: {
      unit,
      input: {
        channel: channel as CreatePetitionInput['channel'],
        receivedOn,
        classification: classification as CreatePetitionInput['classification'],
        category,
        title,
        content,
        demands,
        peopleCount,
        petitioners: names.map((name, i) => ({
          name,
          idNumber: idNumbers[i],
          phone: phoneNumbers[i],
          address: undefined,
          isRepresentative: peopleCount > MAX_REPRESENTATIVES ? true : undefined,
        })),
        accused: undefined,
      },
      status,
      answer:
        answered && answerOn && decision
          ? { on: answerOn, decision: decision as 'support' | 'explain' | 'not_support', text: answerText }
          : null,
      extra: {
        originalNumber: originalNumber || null,
        remark: remark || null,
        satisfaction: satisfaction ?? null,
      },
    },
  };
}

/** The ID numbers or phones of a row, one place per petitioner; never masked, never an Excel number. */
function personal(
  raw: unknown,
  key: 'idNumbers' | 'phones',
  people: number,
  fail: (key: LedgerKey, message: string) => void,
): string[] {
  const label = key === 'idNumbers' ? '身份证号' : '联系电话';
  if (key === 'idNumbers' && typeof raw === 'number') {
    fail(key, '身份证号被 Excel 存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新填写。');
    return [];
  }
  const values = splitList(cellText(raw), true);
  if (values.some(isMasked)) {
    fail(key, `${label}已脱敏（含*），无法导入；请填写完整号码或留空。`);
    return [];
  }
  if (values.length > people) {
    fail(
      key,
      `${label}有${values.length}个，多于信访人（${people}人）；多个号码请按信访人的顺序用“、”分隔。`,
    );
    return [];
  }
  return values;
}

/**
 * Marks rows that repeat an earlier row of the same file: the same 信访件号, or the same received
 * date, petitioners and title; the later row gets the error.
 */
export function markDuplicates(rows: readonly CheckedRow[], sheet: readonly LedgerSheetRow[]): CheckedRow[] {
  const seen = new Map<string, number>();
  const byRow = new Map(sheet.map((s) => [s.row, s]));
  return rows.map((c) => {
    const cells = byRow.get(c.row)?.cells ?? {};
    const number = cellText(cells.number);
    const numberKey = `n:${number}`;
    const contentKey = `c:${parseLedgerDate(cells.receivedOn) ?? cellText(cells.receivedOn)}|${splitList(
      cellText(cells.petitioners),
    ).join('、')}|${cellText(cells.title)}`;
    const sameNumber = number ? seen.get(numberKey) : undefined;
    const sameContent = seen.get(contentKey);
    if (number && sameNumber === undefined) seen.set(numberKey, c.row);
    if (sameContent === undefined) seen.set(contentKey, c.row);
    const error =
      sameNumber !== undefined
        ? { column: HEADER.number, message: `与第${sameNumber}行重复（信访件号相同），请删除重复的一行。` }
        : sameContent !== undefined
          ? {
              column: HEADER.title,
              message: `与第${sameContent}行重复（收到日期、信访人和标题都相同），请删除重复的一行。`,
            }
          : null;
    if (!error) return c;
    return { row: c.row, title: c.title, ok: false, errors: [...(c.ok ? [] : c.errors), error] };
  });
}
