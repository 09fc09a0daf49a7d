import { readZipEntries } from './zip.ts';

// Content sniffing by magic numbers and container structure: the extension a user gives a file
// is never trusted on its own (reliability.md: hostile content and uploads).

/** What the bytes of a file actually are. */
export type SniffedKind =
  | 'pdf'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'docx'
  | 'xlsx'
  | 'doc'
  | 'xls'
  | 'txt'
  | 'html'
  | 'exe'
  | 'zip'
  | 'ole';

/** A sniffed file type: its kind, the media type to serve it with, and a Chinese label for messages. */
export interface Sniffed {
  readonly kind: SniffedKind;
  readonly mediaType: string;
  readonly label: string;
}

const TYPES: Record<SniffedKind, Omit<Sniffed, 'kind'>> = {
  pdf: { mediaType: 'application/pdf', label: 'PDF 文档' },
  png: { mediaType: 'image/png', label: 'PNG 图片' },
  jpeg: { mediaType: 'image/jpeg', label: 'JPEG 图片' },
  gif: { mediaType: 'image/gif', label: 'GIF 图片' },
  webp: { mediaType: 'image/webp', label: 'WEBP 图片' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word 文档（.docx）',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel 表格（.xlsx）',
  },
  doc: { mediaType: 'application/msword', label: 'Word 97-2003 文档（.doc）' },
  xls: { mediaType: 'application/vnd.ms-excel', label: 'Excel 97-2003 表格（.xls）' },
  txt: { mediaType: 'text/plain; charset=utf-8', label: '纯文本' },
  html: { mediaType: 'application/octet-stream', label: '网页（HTML/XML/SVG）' },
  exe: { mediaType: 'application/octet-stream', label: '可执行程序' },
  zip: { mediaType: 'application/zip', label: '压缩包' },
  ole: { mediaType: 'application/octet-stream', label: '其他 Office 97-2003 文件' },
};

/** The sniffed type of a kind (with its media type and label). */
export function sniffedType(kind: SniffedKind): Sniffed {
  return { kind, ...TYPES[kind] };
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MARKUP_START =
  /^\s*<(?:!doctype\s+html|html|head|body|script|iframe|svg|\?xml|!--|meta|object|embed)\b/i;
const MARKUP_ANYWHERE = /<(?:script|iframe|html|svg|object|embed)\b/i;

/**
 * What the bytes are, by content alone: PDF, PNG, JPEG, GIF, WEBP, DOCX/XLSX (a complete ZIP with
 * [Content_Types].xml and the main part), DOC/XLS (OLE compound file with a WordDocument or
 * Workbook stream), UTF-8 text without NUL; HTML and executables are named so they can be refused.
 * Null when nothing is recognised (including a truncated ZIP or text in another encoding).
 */
export function sniffMediaType(bytes: Uint8Array): Sniffed | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return sniffedType('pdf');
  if (startsWith(bytes, PNG_MAGIC)) return sniffedType('png');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return sniffedType('jpeg');
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return sniffedType('gif');
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return sniffedType('webp');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return sniffZip(bytes);
  }
  if (startsWith(bytes, OLE_MAGIC)) return sniffOle(bytes);
  if (ascii(bytes, 0, 2) === 'MZ' || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return sniffedType('exe');
  if (startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe])) {
    return sniffedType('exe');
  }
  return sniffText(bytes);
}

function sniffZip(bytes: Uint8Array): Sniffed | null {
  const entries = readZipEntries(bytes);
  if (!entries) return null;
  const names = new Set(entries.map((e) => e.name));
  if (names.has('[Content_Types].xml')) {
    if (names.has('word/document.xml')) return sniffedType('docx');
    if (names.has('xl/workbook.xml')) return sniffedType('xlsx');
  }
  return sniffedType('zip');
}

function sniffOle(bytes: Uint8Array): Sniffed {
  // Directory entries hold stream names in UTF-16LE; the main stream names a Word or Excel file.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.indexOf(Buffer.from('WordDocument\0', 'utf16le')) >= 0) return sniffedType('doc');
  if (
    buf.indexOf(Buffer.from('Workbook\0', 'utf16le')) >= 0 ||
    buf.indexOf(Buffer.from('Book\0', 'utf16le')) >= 0
  ) {
    return sniffedType('xls');
  }
  return sniffedType('ole');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function sniffText(bytes: Uint8Array): Sniffed | null {
  if (bytes.includes(0)) return null;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  const head = text.replace(/^\uFEFF/, '').slice(0, 1024);
  if (MARKUP_START.test(head) || MARKUP_ANYWHERE.test(head)) return sniffedType('html');
  return sniffedType('txt');
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (bytes.length < offset + length) return '';
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
