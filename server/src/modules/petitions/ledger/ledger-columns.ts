// The column layout of the petition ledger (信访事项台账) shared by the export, the import and the
// import template (docs/ledger.md), and the pure checks of imported cell values: dates, the
// resident ID number (GB 11643-1999 check digit), phone numbers and the dictionaries' Chinese names.

/** Keys of the ledger's columns, in sheet order. */
export type LedgerKey =
  | 'seq'
  | 'number'
  | 'receivedOn'
  | 'channel'
  | 'petitioners'
  | 'idNumbers'
  | 'phones'
  | 'peopleCount'
  | 'classification'
  | 'category'
  | 'title'
  | 'demands'
  | 'content'
  | 'unit'
  | 'handlingUnit'
  | 'handler'
  | 'status'
  | 'acceptanceDue'
  | 'handlingDue'
  | 'answerOn'
  | 'decision'
  | 'answerText'
  | 'satisfaction'
  | 'overdue'
  | 'remark';

/** How the import treats a column: required, optional, or written by the export only (ignored). */
export type ImportUse = 'required' | 'optional' | 'export_only';

export interface LedgerColumn {
  key: LedgerKey;
  header: string;
  width: number;
  date?: true;
  use: ImportUse;
}

/** The ledger's columns in order (信访事项台账 as county offices keep it). */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: 'seq', header: '序号', width: 7, use: 'export_only' },
  { key: 'number', header: '信访件号', width: 26, use: 'optional' },
  { key: 'receivedOn', header: '收到日期', width: 12, date: true, use: 'required' },
  { key: 'channel', header: '来源渠道', width: 10, use: 'required' },
  { key: 'petitioners', header: '信访人', width: 14, use: 'required' },
  { key: 'idNumbers', header: '身份证号', width: 22, use: 'optional' },
  { key: 'phones', header: '联系电话', width: 15, use: 'optional' },
  { key: 'peopleCount', header: '人数', width: 6, use: 'optional' },
  { key: 'classification', header: '信访分类', width: 12, use: 'required' },
  { key: 'category', header: '问题类别', width: 12, use: 'required' },
  { key: 'title', header: '标题', width: 30, use: 'required' },
  { key: 'demands', header: '主要诉求', width: 30, use: 'optional' },
  { key: 'content', header: '内容摘要', width: 50, use: 'required' },
  { key: 'unit', header: '责任单位', width: 16, use: 'required' },
  { key: 'handlingUnit', header: '承办单位', width: 16, use: 'export_only' },
  { key: 'handler', header: '承办人', width: 10, use: 'export_only' },
  { key: 'status', header: '当前状态', width: 12, use: 'optional' },
  { key: 'acceptanceDue', header: '受理期限', width: 12, date: true, use: 'export_only' },
  { key: 'handlingDue', header: '办理期限', width: 12, date: true, use: 'export_only' },
  { key: 'answerOn', header: '办结日期', width: 12, date: true, use: 'optional' },
  { key: 'decision', header: '处理结果', width: 10, use: 'optional' },
  { key: 'answerText', header: '答复意见', width: 40, use: 'optional' },
  { key: 'satisfaction', header: '满意度', width: 10, use: 'optional' },
  { key: 'overdue', header: '是否逾期', width: 9, use: 'export_only' },
  { key: 'remark', header: '备注', width: 24, use: 'optional' },
];

/** The sheet's name in every ledger file. */
export const LEDGER_SHEET_NAME = '信访事项台账';
/** The title row above the header row. */
export const LEDGER_TITLE = '信访事项台账';
/** Where the header row is (row 1 is the title); data start on the next row. */
export const HEADER_ROW = 2;

/** Separator of several petitioners (and their ID numbers and phones) in one cell. */
export const LIST_SEPARATOR = '、';

/** The channels' Chinese names as the ledger writes them, and the other names the import accepts. */
export const CHANNEL_NAMES: Record<string, string> = {
  letter: '来信',
  visit: '来访',
  phone: '来电',
  online: '网上信访',
  transfer: '转送交办',
};
const CHANNEL_ALIASES: Record<string, string> = {
  电话: 'phone',
  网上: 'online',
  转送: 'transfer',
  交办: 'transfer',
};

/** The classifications' Chinese names (信访工作条例 分类处理). */
export const CLASSIFICATION_NAMES: Record<string, string> = {
  suggestion: '建议意见类',
  accusation: '检举控告类',
  appeal: '申诉求决类',
};

/** The decisions of a written answer (处理意见书, Art 32). */
export const DECISION_NAMES: Record<string, string> = {
  support: '支持',
  explain: '解释说明',
  not_support: '不予支持',
};

/** The petitioner's satisfaction as the portal records it. */
export const SATISFACTION_NAMES: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** Statuses an imported historical case may carry: registered, answered, or closed (办结). */
export const IMPORT_STATUS_NAMES: Record<string, 'registered' | 'answered' | 'closed'> = {
  已登记: 'registered',
  已答复: 'answered',
  已办结: 'closed',
};

/** The code of a Chinese name (or of the code itself), or undefined. */
function codeOf(names: Record<string, string>, value: string, aliases: Record<string, string> = {}) {
  const v = value.trim();
  if (v in names) return v;
  const hit = Object.entries(names).find(([, name]) => name === v || name.replace(/类$/, '') === v);
  return hit?.[0] ?? aliases[v];
}

/** A channel code from its name in the ledger (来信, 来访, 来电/电话, 网上信访, 转送交办). */
export function channelCode(value: string): string | undefined {
  return codeOf(CHANNEL_NAMES, value, CHANNEL_ALIASES);
}

/** A classification code from its name (建议意见类 or 建议意见 …). */
export function classificationCode(value: string): string | undefined {
  return codeOf(CLASSIFICATION_NAMES, value);
}

/** A decision code from its name (支持, 解释说明, 不予支持). */
export function decisionCode(value: string): string | undefined {
  return codeOf(DECISION_NAMES, value);
}

/** A satisfaction code from its name (满意, 基本满意, 不满意). */
export function satisfactionCode(value: string): string | undefined {
  return codeOf(SATISFACTION_NAMES, value);
}

/** 'YYYY-MM-DD' if the numbers make a real date, else undefined. */
function isoDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/** Excel's day 0 (serial dates, 1900 system with its leap-year quirk folded in). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A cell's date as 'YYYY-MM-DD': a date cell, an Excel serial number, or text written
 * 2026-10-20, 2026/10/20, 2026.10.20, 2026年10月20日 or 20261020; undefined when it is no real date.
 */
export function parseLedgerDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 2958465) return undefined;
    return new Date(EXCEL_EPOCH_MS + value * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * Why a resident ID number is wrong, or null when it is right: 18 characters whose last is the
 * ISO 7064 MOD 11-2 check character (GB 11643-1999) and whose birth date exists, or the old 15 digits.
 */
export function idNumberProblem(value: string): string | null {
  const v = value.trim().toUpperCase();
  if (/^\d{15}$/.test(v)) {
    return isoDate(1900 + Number(v.slice(6, 8)), Number(v.slice(8, 10)), Number(v.slice(10, 12)))
      ? null
      : `身份证号 ${maskForMessage(v)} 中的出生日期不存在，请核对。`;
  }
  if (!/^\d{17}[\dX]$/.test(v)) return '身份证号应为18位（最后一位可为X）或15位数字，请核对。';
  if (!isoDate(Number(v.slice(6, 10)), Number(v.slice(10, 12)), Number(v.slice(12, 14))))
    return `身份证号 ${maskForMessage(v)} 中的出生日期不存在，请核对。`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * (ID_WEIGHTS[i] as number);
  if (ID_CHECK[sum % 11] !== v[17])
    return `身份证号 ${maskForMessage(v)} 的校验位不正确（GB 11643），请核对是否抄错。`;
  return null;
}

/** A value as a message may name it: the ends only (no personal data in reports). */
function maskForMessage(v: string): string {
  return v.length > 8 ? `${v.slice(0, 4)}…${v.slice(-4)}` : '…';
}

/**
 * A phone number without spaces or dashes if it is a mainland mobile (11 digits from 13–19),
 * a landline with area code (0 + 9–11 digits, optional extension) or a short service number; else undefined.
 */
export function normalizePhone(value: string): string | undefined {
  const v = value.trim().replace(/[\s()（）-]/g, '');
  const bare = v.replace(/^\+?86(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(bare)) return bare;
  if (/^0\d{9,11}(转\d{1,6})?$/.test(bare)) return bare.replace(/转\d+$/, '');
  if (/^\d{7,8}$/.test(bare)) return bare;
  return undefined;
}

/** Whether a personal value was exported masked (contains *): it cannot be imported back. */
export function isMasked(value: string): boolean {
  return value.includes('*');
}

/**
 * Splits a list cell (several petitioners, or their ID numbers and phones in the same order) on
 * 、，, ; and line breaks; with `keepPlaces` an empty place (、、) stays, so values keep their person.
 */
export function splitList(value: string, keepPlaces = false): string[] {
  const parts = value.split(/[、，,;；\n]/).map((s) => s.trim());
  if (!keepPlaces) return parts.filter((s) => s !== '');
  return parts.every((s) => s === '') ? [] : parts;
}
