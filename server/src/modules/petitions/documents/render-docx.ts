import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import { formatDateZh } from './builders.ts';
import type { DocumentParagraph, OfficialDocumentModel } from './types.ts';

// The usual layout of official documents (党政机关公文格式, GB/T 9704-2012): A4, margins top 37 mm,
// bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm text block); title in 方正小标宋简体 二号;
// body in 仿宋_GB2312 三号 with 22 lines a page; headings 一、 in 黑体 and （一） in 楷体; page
// numbers "— 1 —" in 四号 宋体. Fonts missing on a reader's machine fall back through the font
// table's alternative names (宋体, 仿宋, 楷体).

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIPS_PER_MM);

/** Page geometry in twips (1/20 pt): A4 and the GB/T 9704 margins. */
export const PAGE_LAYOUT = {
  width: 11906,
  height: 16838,
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
} as const;

/** Font names: CJK faces of the official layout and the Latin face for digits and letters. */
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  subheading: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const SIZE = { title: 44, body: 32, small: 28 } as const;
/** Exact line pitch of the body: 225 mm / 22 lines ≈ 28.95 pt. */
export const BODY_LINE_TWIPS = 579;
const TITLE_LINE_TWIPS = 700;
/** One character of 三号 text (16 pt) in twips: indents are counted in characters. */
const CHAR = 320;

const ALT_NAMES: Record<string, string> = {
  [FONTS.title]: '宋体',
  [FONTS.body]: '仿宋',
  [FONTS.heading]: 'SimHei',
  [FONTS.subheading]: '楷体',
  [FONTS.pageNumber]: 'SimSun',
};

function fontTableXml(): string {
  const cjk = Object.entries(ALT_NAMES)
    .map(
      ([name, alt]) =>
        `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `${cjk}<w:font w:name="${FONTS.latin}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
    '</w:fonts>'
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the characters XML 1.0 forbids
const XML_INVALID = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text safe for XML 1.0: control characters and lone surrogates dropped. */
function clean(text: string): string {
  return text.replace(XML_INVALID, '');
}

function run(text: string, face: string, size: number = SIZE.body): TextRun {
  return new TextRun({
    text: clean(text),
    font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: face, cs: FONTS.latin },
    size,
    sizeComplexScript: size,
  });
}

const bodySpacing = { line: BODY_LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const indented = { firstLine: 2 * CHAR, firstLineChars: 200 };

function bodyParagraph(text: string, face: string = FONTS.body): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: bodySpacing,
    indent: indented,
    children: [run(text, face)],
  });
}

function blank(): Paragraph {
  return new Paragraph({ spacing: bodySpacing, children: [run('', FONTS.body)] });
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十 (enough for section numbers). */
export function chineseNumeral(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n] as string;
  if (n < 20) return `十${n % 10 ? CHINESE_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CHINESE_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CHINESE_DIGITS[n % 10] : ''}`;
  return String(n);
}

function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function body(paragraphs: readonly DocumentParagraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  let heading = 0;
  for (const p of paragraphs) {
    if (typeof p === 'string') {
      for (const line of splitLines(p)) out.push(bodyParagraph(line));
    } else if ('heading' in p) {
      heading += 1;
      out.push(bodyParagraph(`${chineseNumeral(heading)}、${p.heading.trim()}`, FONTS.heading));
    } else {
      p.list.forEach((item, i) => {
        const arabic = p.numbering === 'arabic';
        const label = arabic ? `${i + 1}.` : `（${chineseNumeral(i + 1)}）`;
        const text = splitLines(item).join(' ');
        out.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            spacing: bodySpacing,
            indent: indented,
            children: [run(label, arabic ? FONTS.body : FONTS.subheading), run(text, FONTS.body)],
          }),
        );
      });
    }
  }
  return out;
}

function signature(model: OfficialDocumentModel): Paragraph[] {
  const right = (text: string) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodySpacing,
      indent: { right: 4 * CHAR },
      children: [run(text, FONTS.body)],
    });
  const out = [blank(), blank(), right(model.issuingUnit), right(formatDateZh(model.date))];
  if (model.note?.trim()) out.push(bodyParagraph(`（${model.note.trim()}）`));
  return out;
}

function copies(cc: readonly string[] | undefined): Paragraph[] {
  const names = (cc ?? []).map((c) => c.trim()).filter(Boolean);
  if (names.length === 0) return [];
  const line = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 };
  return [
    blank(),
    new Paragraph({
      spacing: bodySpacing,
      indent: { left: CHAR, right: CHAR },
      border: { top: line, bottom: line },
      children: [run(`抄送：${names.join('，')}。`, FONTS.body, SIZE.small)],
    }),
  ];
}

function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: FONTS.pageNumber, hAnsi: FONTS.pageNumber, eastAsia: FONTS.pageNumber },
            size: SIZE.small,
          }),
        ],
      }),
    ],
  });
}

/**
 * Renders an official document as .docx in the usual layout (GB/T 9704-2012 as commonly used):
 * centred title and document number, addressee flush left with a full-width colon, indented
 * body on an exact 28.95 pt line, numbered headings, issuing unit and date on the right, copies
 * and page numbers "— 1 —".
 */
export async function renderOfficialDocument(model: OfficialDocumentModel): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: TITLE_LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [run(model.title, FONTS.title, SIZE.title)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: bodySpacing,
      children: [run(model.number, FONTS.body)],
    }),
    blank(),
  ];
  if (model.addressee?.trim()) {
    children.push(
      new Paragraph({ spacing: bodySpacing, children: [run(`${model.addressee.trim()}：`, FONTS.body)] }),
    );
  }
  children.push(...body(model.paragraphs), ...signature(model), ...copies(model.cc));

  const doc = new Document({
    title: clean(model.title),
    subject: clean(model.number),
    creator: clean(model.issuingUnit),
    lastModifiedBy: clean(model.issuingUnit),
    description: '回音信访系统生成',
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: FONTS.body, cs: FONTS.latin },
            size: SIZE.body,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: bodySpacing },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_LAYOUT.width, height: PAGE_LAYOUT.height },
            margin: { ...PAGE_LAYOUT.margin, header: mm(15), footer: mm(24) },
          },
          grid: { type: DocumentGridType.LINES, linePitch: BODY_LINE_TWIPS },
        },
        footers: { default: pageNumberFooter() },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
