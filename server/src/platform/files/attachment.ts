import { AppError } from '../http/app-error.ts';
import { type Sniffed, type SniffedKind, sniffMediaType } from './sniff.ts';

/** The largest attachment accepted, in bytes (20 MB). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Allowed attachment extensions and the content each must have (jpg and jpeg are one type). */
export const ALLOWED_ATTACHMENT_EXTENSIONS: Readonly<Record<string, SniffedKind>> = {
  pdf: 'pdf',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  docx: 'docx',
  doc: 'doc',
  xlsx: 'xlsx',
  xls: 'xls',
  txt: 'txt',
};

const ALLOWED_TEXT = 'PDF、图片（JPG、PNG、WEBP、GIF）、Word（DOCX、DOC）、Excel（XLSX、XLS）和纯文本（TXT）';
const MAX_NAME_LENGTH = 120;

/** Why an attachment was refused (in `details.reason` of the 422). */
export type AttachmentRejection =
  | 'empty'
  | 'too_large'
  | 'type_not_allowed'
  | 'content_mismatch'
  | 'unreadable';

/** An attachment that passed the checks: its safe name and the sniffed type to store and serve it with. */
export interface CheckedAttachment {
  readonly fileName: string;
  readonly extension: string;
  readonly type: Sniffed;
  readonly size: number;
}

/**
 * A file name safe to store and show: no directories, control or bidi characters, at most 120
 * characters with the extension kept; an empty result becomes "附件".
 */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  let clean = base.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069"<>|:*?]/g, '').trim();
  clean = clean.replace(/^\.+/, '');
  if (clean.length > MAX_NAME_LENGTH) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
    clean = clean.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return clean || '附件';
}

/** The lower-case extension of a file name without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/**
 * Accepts an attachment only if it is not empty, at most 20 MB, has an allowed extension and its
 * sniffed content matches that extension (a renamed .exe or an HTML page named .jpg is refused);
 * otherwise throws 422 `attachment_rejected` with a Chinese message saying what to do.
 */
export function checkAttachment(fileName: string, bytes: Uint8Array): CheckedAttachment {
  const name = safeFileName(fileName);
  const extension = extensionOf(name);
  const reject = (reason: AttachmentRejection, message: string, detected?: SniffedKind): never => {
    throw new AppError('attachment_rejected', message, { fileName: name, reason, detected });
  };
  if (bytes.length === 0) reject('empty', `附件“${name}”是空文件，请选择正确的文件后重新上传。`);
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    reject(
      'too_large',
      `附件“${name}”大小为 ${mb} MB，超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB 的上限，请压缩或拆分后重新上传。`,
    );
  }
  const expected = ALLOWED_ATTACHMENT_EXTENSIONS[extension];
  if (!expected) {
    const what = extension ? `“.${extension}”类型的附件` : '没有扩展名的附件';
    reject('type_not_allowed', `不接受${what}“${name}”。只接受${ALLOWED_TEXT}。`);
  }
  const sniffed = sniffMediaType(bytes);
  if (!sniffed) {
    reject(
      'unreadable',
      expected === 'txt'
        ? `附件“${name}”不是 UTF-8 编码的纯文本，请用记事本“另存为”UTF-8 编码后重新上传，或改为上传 PDF。`
        : `无法识别附件“${name}”的内容，文件可能已损坏或不完整，请重新保存或导出后上传。`,
    );
  }
  const type = sniffed as Sniffed;
  if (type.kind !== expected) {
    reject(
      'content_mismatch',
      `附件“${name}”的实际内容是${type.label}，与扩展名“.${extension}”不符，已拒收。请上传原始文件，不要修改扩展名。`,
      type.kind,
    );
  }
  return { fileName: name, extension, type, size: bytes.length };
}
