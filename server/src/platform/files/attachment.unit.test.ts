import { describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error.ts';
import { checkAttachment, MAX_ATTACHMENT_BYTES, safeFileName } from './attachment.ts';
import { makeZip, SAMPLES } from './sample-files.test-helper.ts';
import { sniffMediaType } from './sniff.ts';

/** The AppError thrown by checkAttachment, or a failure when it accepts the file. */
function refusal(fileName: string, bytes: Uint8Array): AppError {
  try {
    checkAttachment(fileName, bytes);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error(`${fileName} was accepted`);
}

describe('sniffMediaType', () => {
  it.each([
    ['pdf', 'application/pdf'],
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['gif', 'image/gif'],
    ['webp', 'image/webp'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['doc', 'application/msword'],
    ['xls', 'application/vnd.ms-excel'],
    ['txt', 'text/plain; charset=utf-8'],
  ] as const)('recognises %s by its content', (kind, mediaType) => {
    expect(sniffMediaType(SAMPLES[kind])).toMatchObject({ kind, mediaType });
  });

  it('names executables and web pages so they can be refused', () => {
    expect(sniffMediaType(SAMPLES.exe)?.kind).toBe('exe');
    expect(sniffMediaType(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]))?.kind).toBe('exe');
    expect(sniffMediaType(SAMPLES.html)?.kind).toBe('html');
    expect(
      sniffMediaType(Buffer.from('\uFEFF  <svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'))?.kind,
    ).toBe('html');
    expect(sniffMediaType(Buffer.from('说明文字\n<script>alert(1)</script>'))?.kind).toBe('html');
  });

  it('does not take a plain ZIP for an Office document', () => {
    expect(sniffMediaType(SAMPLES.zip)?.kind).toBe('zip');
    expect(sniffMediaType(makeZip({ 'word/document.xml': '<w/>' }))?.kind).toBe('zip');
  });

  it('recognises nothing in a truncated ZIP, text in another encoding, or binary with NUL bytes', () => {
    expect(sniffMediaType(SAMPLES.docx.subarray(0, SAMPLES.docx.length - 10))).toBeNull();
    expect(sniffMediaType(SAMPLES.docx.subarray(0, 40))).toBeNull();
    const gbk = Buffer.from([0xd0, 0xc5, 0xb7, 0xc3, 0xc8, 0xcb]); // 信访人 in GBK
    expect(sniffMediaType(gbk)).toBeNull();
    expect(sniffMediaType(Buffer.from('abc\0def'))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });
});

describe('checkAttachment', () => {
  it.each([
    ['申请书.pdf', 'pdf'],
    ['现场照片.JPG', 'jpeg'],
    ['现场照片.jpeg', 'jpeg'],
    ['截图.png', 'png'],
    ['图.webp', 'webp'],
    ['动图.gif', 'gif'],
    ['材料.docx', 'docx'],
    ['旧材料.doc', 'doc'],
    ['工资表.xlsx', 'xlsx'],
    ['旧工资表.xls', 'xls'],
    ['说明.txt', 'txt'],
  ] as const)('accepts %s whose content is %s', (name, kind) => {
    const checked = checkAttachment(name, SAMPLES[kind]);
    expect(checked.type.kind).toBe(kind);
    expect(checked.fileName).toBe(name);
    expect(checked.size).toBe(SAMPLES[kind].length);
  });

  it('refuses a renamed executable with 422 attachment_rejected and says what it really is', () => {
    for (const name of ['发票.pdf', '材料.docx', '照片.jpg', '说明.txt']) {
      const err = refusal(name, SAMPLES.exe);
      expect(err.code).toBe('attachment_rejected');
      expect(err.status).toBe(422);
      expect(err.details).toMatchObject({ fileName: name });
      expect(err.message).toContain(name);
    }
    const err = refusal('发票.pdf', SAMPLES.exe);
    expect(err.message).toContain('可执行程序');
    expect(err.message).toContain('不要修改扩展名');
    expect(err.details).toMatchObject({ reason: 'content_mismatch', detected: 'exe' });
  });

  it('refuses an HTML page named .jpg and an SVG named .png', () => {
    const html = refusal('photo.jpg', SAMPLES.html);
    expect(html.details).toMatchObject({ reason: 'content_mismatch', detected: 'html' });
    expect(html.message).toContain('网页');
    const svg = refusal('x.png', Buffer.from('<svg onload="alert(1)"/>'));
    expect(svg.details).toMatchObject({ reason: 'content_mismatch', detected: 'html' });
  });

  it('refuses a web page even when it is named .txt', () => {
    expect(refusal('说明.txt', SAMPLES.html).details).toMatchObject({ detected: 'html' });
  });

  it('refuses a truncated .docx as damaged and asks for a fresh copy', () => {
    const err = refusal('材料.docx', SAMPLES.docx.subarray(0, Math.floor(SAMPLES.docx.length / 2)));
    expect(err.details).toMatchObject({ reason: 'unreadable' });
    expect(err.message).toContain('损坏或不完整');
  });

  it('refuses a .docx that is really a spreadsheet, and a .doc that is really a .xls', () => {
    expect(refusal('a.docx', SAMPLES.xlsx).details).toMatchObject({
      reason: 'content_mismatch',
      detected: 'xlsx',
    });
    expect(refusal('a.doc', SAMPLES.xls).details).toMatchObject({
      reason: 'content_mismatch',
      detected: 'xls',
    });
  });

  it('refuses text that is not UTF-8 and tells the user how to save it', () => {
    const err = refusal('说明.txt', Buffer.from([0xd0, 0xc5, 0xb7, 0xc3, 0xc8, 0xcb, 0x0a]));
    expect(err.details).toMatchObject({ reason: 'unreadable' });
    expect(err.message).toContain('UTF-8');
  });

  it('refuses every extension outside the allow-list, and names without one, listing what is allowed', () => {
    for (const name of [
      'run.exe',
      'page.html',
      'page.htm',
      'pic.svg',
      'a.js',
      'a.zip',
      'a.rar',
      'a.bat',
      'README',
    ]) {
      const err = refusal(name, SAMPLES.txt);
      expect(err.details).toMatchObject({ reason: 'type_not_allowed' });
      expect(err.message).toContain('只接受PDF、图片');
    }
  });

  it('refuses an empty file', () => {
    expect(refusal('a.pdf', Buffer.alloc(0)).details).toMatchObject({ reason: 'empty' });
  });

  it('accepts exactly 20 MB and refuses one byte more, saying the limit', () => {
    const limit = Buffer.alloc(MAX_ATTACHMENT_BYTES);
    SAMPLES.pdf.copy(limit);
    expect(checkAttachment('大文件.pdf', limit).size).toBe(20 * 1024 * 1024);
    const over = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
    SAMPLES.pdf.copy(over);
    const err = refusal('大文件.pdf', over);
    expect(err.details).toMatchObject({ reason: 'too_large' });
    expect(err.message).toContain('20 MB');
  });
});

describe('safeFileName', () => {
  it('keeps only the last path segment and drops control, bidi and reserved characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\张三\\申请书.pdf')).toBe('申请书.pdf');
    expect(safeFileName('a\u0000b\r\n"c".pdf')).toBe('abc.pdf');
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('...hidden.txt')).toBe('hidden.txt');
    expect(safeFileName('')).toBe('附件');
  });

  it('shortens long names to 120 characters and keeps the extension', () => {
    const name = safeFileName(`${'很'.repeat(300)}.docx`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.docx')).toBe(true);
  });
});
