import { readZipEntries, readZipEntry } from '../../../platform/files/zip.ts';

// Test helpers that open a .docx like a word processor would: unzip every part and insist that
// each XML part is well-formed before looking at its content.

/** Every part of an OOXML package by name, as UTF-8 text; throws unless the ZIP is complete. */
export function unzipDocx(bytes: Uint8Array): Map<string, string> {
  const entries = readZipEntries(bytes);
  if (!entries) throw new Error('not a complete ZIP archive');
  return new Map(entries.map((e) => [e.name, readZipEntry(bytes, e).toString('utf8')]));
}

const NAME = /^[A-Za-z_][-A-Za-z0-9_.]*(?::[A-Za-z_][-A-Za-z0-9_.]*)?/;
const ENTITY = /^&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding characters XML 1.0 forbids
const INVALID_CHAR = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

function checkText(text: string, where: number): void {
  if (INVALID_CHAR.test(text)) throw new Error(`character not allowed in XML near offset ${where}`);
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    if (!ENTITY.test(text.slice(i))) throw new Error(`bare & near offset ${where + i}`);
  }
}

/**
 * Throws with the offset of the first error unless `xml` is well-formed XML 1.0: one root element,
 * matching tags, quoted and unique attributes, valid entity references and characters.
 */
export function assertWellFormedXml(xml: string): void {
  let i = 0;
  const stack: string[] = [];
  let roots = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.includes('>') && stack.length === 0 && text.trim())
      throw new Error(`stray text near offset ${i}`);
    if (stack.length === 0 && text.trim()) throw new Error(`text outside the root element near offset ${i}`);
    checkText(text, i);
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) throw new Error(`unterminated comment at ${i}`);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) throw new Error(`CDATA outside the root element at ${i}`);
      const end = xml.indexOf(']]>', i);
      if (end < 0) throw new Error(`unterminated CDATA at ${i}`);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0) throw new Error(`unterminated processing instruction at ${i}`);
      i = end + 2;
      continue;
    }
    if (xml.startsWith('</', i)) {
      const name = NAME.exec(xml.slice(i + 2))?.[0];
      const close = xml.indexOf('>', i);
      if (!name || close < 0 || xml.slice(i + 2 + name.length, close).trim()) {
        throw new Error(`malformed end tag at ${i}`);
      }
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}> at ${i}`);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(xml.slice(i + 1))?.[0];
    if (!name) throw new Error(`malformed start tag at ${i}`);
    if (stack.length === 0 && ++roots > 1) throw new Error(`second root element at ${i}`);
    let p = i + 1 + name.length;
    const seen = new Set<string>();
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(p))?.[0].length ?? 0;
      p += ws;
      if (xml.startsWith('/>', p)) {
        p += 2;
        break;
      }
      if (xml[p] === '>') {
        stack.push(name);
        p += 1;
        break;
      }
      if (ws === 0) throw new Error(`attributes must be separated by white space at ${p}`);
      const attr = NAME.exec(xml.slice(p))?.[0];
      if (!attr) throw new Error(`malformed attribute at ${p}`);
      if (seen.has(attr)) throw new Error(`duplicate attribute ${attr} at ${p}`);
      seen.add(attr);
      p += attr.length;
      const eq = /^\s*=\s*/.exec(xml.slice(p))?.[0];
      if (!eq) throw new Error(`attribute ${attr} without a value at ${p}`);
      p += eq.length;
      const quote = xml[p];
      if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute ${attr} at ${p}`);
      const end = xml.indexOf(quote, p + 1);
      if (end < 0) throw new Error(`unterminated attribute ${attr} at ${p}`);
      const value = xml.slice(p + 1, end);
      if (value.includes('<')) throw new Error(`< in attribute ${attr} at ${p}`);
      checkText(value, p + 1);
      p = end + 1;
    }
    i = p;
  }
  if (stack.length > 0) throw new Error(`unclosed element <${stack.at(-1)}>`);
  if (roots !== 1) throw new Error('no root element');
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** The text of each `w:p` paragraph of a WordprocessingML part, runs joined. */
export function paragraphsOf(xml: string): string[] {
  const out: string[] = [];
  for (const p of xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) {
    const texts = [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1] ?? ''));
    out.push(texts.join(''));
  }
  return out;
}
