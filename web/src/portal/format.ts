// Pure helpers of the portal: dates in Chinese, query codes as people type them, and the checks
// the server applies to a submission (kept in step with shared/contracts/portal.ts by a unit test;
// that module is not imported here because it would pull zod into the citizen's download).

/** Size limits of a public submission (characters after trimming), as PORTAL_LIMITS of the contract. */
export const LIMITS = {
  title: 100,
  content: 5000,
  demands: 2000,
  name: 50,
  comment: 1000,
  reason: 2000,
} as const;

/** A mainland mobile number: 11 digits starting 13–19 (MOBILE_PATTERN of the contract). */
export const MOBILE = /^1[3-9]\d{9}$/;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Whether an 18-character resident ID number has the right check character (GB 11643-1999). */
export function isValidIdNumber(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * (ID_WEIGHTS[i] as number);
  return '10X98765432'[sum % 11] === v[17];
}

/** Full-width letters and digits (typed by Chinese input methods) as ASCII. */
export function halfWidth(value: string): string {
  return value.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A query code as typed (spaces, dashes, lower case, full width) in its canonical form. */
export function normaliseCode(value: string): string {
  return halfWidth(value)
    .replace(/[\s\-_·.]/g, '')
    .toUpperCase();
}

/** A query code in groups of four for reading aloud and copying by hand. */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

/** A mobile number without the spaces and dashes people type. */
export function normalisePhone(value: string): string {
  return halfWidth(value).replace(/[\s-]/g, '');
}

/** 2026-11-17 → 2026年11月17日 (a calendar day); an ISO instant is shown as its day in China. */
export function chineseDate(value: string): string {
  let day = value;
  if (value.length > 10) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) day = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : value;
}

/** Number of characters as people count them (one per Chinese character, also for surrogate pairs). */
export function charCount(value: string): number {
  return [...value.trim()].length;
}

/** The message of a required text field that is empty or too long, or null when it is fine. */
export function textProblem(label: string, value: string, max: number, required = true): string | null {
  const n = charCount(value);
  if (required && n === 0) return `请填写${label}`;
  if (n > max) return `${label}最多${max}个字，现在是${n}个字，请删减`;
  return null;
}

/** Attachments of a submission (PORTAL_ATTACHMENTS of the server's portal policy). */
export const PORTAL_FILES = { maxFiles: 3, maxMb: 5, extensions: ['jpg', 'jpeg', 'png', 'pdf'] } as const;

/** A file size in words: 820 KB, 1.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What is wrong with a chosen file before uploading it (type or size), or null. */
export function fileProblem(name: string, size: number): string | null {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!(PORTAL_FILES.extensions as readonly string[]).includes(ext))
    return `“${name}”不能上传：只接受 JPG、PNG 图片和 PDF 文件。`;
  if (size === 0) return `“${name}”是空文件，请重新选择。`;
  if (size > PORTAL_FILES.maxMb * 1024 * 1024)
    return `“${name}”有 ${fileSize(size)}，超过${PORTAL_FILES.maxMb} MB的上限，请压缩图片或拆分文件后再上传。`;
  return null;
}

/** A mobile number masked as staff and SMS notices show it: 138****5678. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}
