import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAttachment } from '../../../platform/files/attachment.ts';
import { sniffMediaType } from '../../../platform/files/sniff.ts';
import { DOCUMENT_BUILDERS, formatDateZh } from './builders.ts';
import { assertWellFormedXml, paragraphsOf, unzipDocx } from './ooxml.test-helper.ts';
import { renderOfficialDocument } from './render-docx.ts';
import { SAMPLE_INPUT } from './sample-input.test-helper.ts';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type OfficialDocumentModel } from './types.ts';

const ARTIFACTS = path.resolve('artifacts/documents');
const NUMBER = '东城镇信访办〔2026〕12号';

/** Renders a model and opens the package, checking every XML part is well-formed. */
async function open(model: OfficialDocumentModel) {
  const bytes = await renderOfficialDocument(model);
  const parts = unzipDocx(bytes);
  for (const [name, xml] of parts) {
    if (/\.(xml|rels)$/.test(name)) {
      expect(() => assertWellFormedXml(xml), name).not.toThrow();
    }
  }
  const documentXml = parts.get('word/document.xml') ?? '';
  return { bytes, parts, documentXml, paragraphs: paragraphsOf(documentXml) };
}

describe('renderOfficialDocument', () => {
  it.each(DOCUMENT_KINDS)(
    'renders %s as a valid .docx with title, number, body, unit and date',
    async (kind) => {
      const model = DOCUMENT_BUILDERS[kind](SAMPLE_INPUT, NUMBER);
      const { bytes, parts, documentXml, paragraphs } = await open(model);

      expect(sniffMediaType(bytes)?.kind).toBe('docx');
      expect(checkAttachment(`${DOCUMENT_KIND_LABELS[kind]}.docx`, bytes).type.kind).toBe('docx');

      const types = parts.get('[Content_Types].xml') ?? '';
      expect(types).toContain('PartName="/word/document.xml"');
      expect(types).toContain(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      );
      expect(parts.get('_rels/.rels')).toContain('Target="word/document.xml"');

      expect(paragraphs[0]).toBe(model.title);
      expect(paragraphs[1]).toBe(NUMBER);
      expect(paragraphs).toContain(`${model.addressee}：`);
      for (const p of model.paragraphs) {
        if (typeof p === 'string') expect(paragraphs).toContain(p.split('\n')[0]?.trim());
      }
      const unitAt = paragraphs.lastIndexOf(model.issuingUnit);
      expect(unitAt).toBeGreaterThan(3);
      expect(paragraphs[unitAt + 1]).toBe(formatDateZh(model.date));

      // A4 with the official margins: top 37 mm, right 26 mm, bottom 35 mm, left 28 mm (in twips).
      expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(documentXml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    },
  );

  it('sets the title in 方正小标宋 二号, the body in 仿宋 三号 on an exact ~29 pt line with a two-character indent', async () => {
    const { documentXml, parts } = await open(DOCUMENT_BUILDERS.answer_opinion(SAMPLE_INPUT, NUMBER));
    const title =
      documentXml.match(/<w:p>(?:(?!<\/w:p>).)*信访事项处理意见书(?:(?!<\/w:p>).)*<\/w:p>/)?.[0] ?? '';
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    const body =
      documentXml.match(/<w:p>(?:(?!<\/w:p>).)*本机关已依法受理(?:(?!<\/w:p>).)*<\/w:p>/)?.[0] ?? '';
    expect(body).toContain('w:line="579" w:lineRule="exact"');
    expect(body).toContain('w:firstLineChars="200"');
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('<w:sz w:val="32"/>');
    const heading =
      documentXml.match(/<w:p>(?:(?!<\/w:p>).)*一、信访诉求(?:(?!<\/w:p>).)*<\/w:p>/)?.[0] ?? '';
    expect(heading).toContain('w:eastAsia="黑体"');
    const date =
      documentXml.match(/<w:p>(?:(?!<\/w:p>).)*2026年11月2日<\/w:t>(?:(?!<\/w:p>).)*<\/w:p>/)?.[0] ?? '';
    expect(date).toContain('<w:jc w:val="right"/>');
    // Missing fonts fall back to faces every Chinese Windows has.
    expect(parts.get('word/fontTable.xml')).toContain(
      '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>',
    );
    expect(parts.get('word/fontTable.xml')).toContain(
      '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>',
    );
    expect(parts.get('docProps/core.xml')).toContain('信访事项处理意见书');
  });

  it('numbers pages "— 1 —" in the centred footer', async () => {
    const { parts } = await open(DOCUMENT_BUILDERS.acceptance_notice(SAMPLE_INPUT, NUMBER));
    const footer = parts.get('word/footer1.xml') ?? '';
    expect(footer).toContain('<w:jc w:val="center"/>');
    expect(footer).toMatch(
      /<w:t xml:space="preserve">— <\/w:t>.*<w:instrText xml:space="preserve">PAGE<\/w:instrText>.*<w:t xml:space="preserve"> —<\/w:t>/,
    );
  });

  it('numbers headings 一、二、 and lists （一）（二） or 1. 2., prints copies and the note', async () => {
    const { paragraphs } = await open({
      title: '测试文书',
      number: NUMBER,
      addressee: '县人社局',
      paragraphs: [
        { heading: '第一部分' },
        { list: ['甲项', '乙项'] },
        { heading: '第二部分' },
        { list: ['第一步', '第二步'], numbering: 'arabic' },
        '第一行\n第二行',
      ],
      issuingUnit: '东城镇人民政府',
      date: '2026-01-05',
      cc: ['县信访局', '东城一村'],
      note: '此件公开发布',
    });
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        '县人社局：',
        '一、第一部分',
        '（一）甲项',
        '（二）乙项',
        '二、第二部分',
        '1.第一步',
        '2.第二步',
        '第一行',
        '第二行',
        '2026年1月5日',
        '（此件公开发布）',
        '抄送：县信访局，东城一村。',
      ]),
    );
  });

  it('keeps the package well-formed whatever the text: markup, ampersands, control characters, lone surrogates', async () => {
    const hostile = 'A<b>&amp;</b>"\'\u0001\u0008\u000b\ud800尾';
    const { paragraphs, parts } = await open({
      title: `标题${hostile}`,
      number: NUMBER,
      addressee: hostile,
      paragraphs: [hostile, { heading: hostile }, { list: [hostile] }],
      issuingUnit: `单位${hostile}`,
      date: '2026-11-02',
      cc: [hostile],
      note: hostile,
    });
    expect(paragraphs[0]).toBe('标题A<b>&amp;</b>"\'尾');
    expect(paragraphs).toContain('A<b>&amp;</b>"\'尾');
    expect(parts.get('docProps/core.xml')).toContain('标题A&lt;b&gt;');
  });

  it('writes every kind to artifacts/documents/ for inspection', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const issuedOn: Record<(typeof DOCUMENT_KINDS)[number], string> = {
      acceptance_notice: '2026-09-25',
      rejection_notice: '2026-09-25',
      redirect_notice: '2026-09-25',
      transfer_slip: '2026-09-25',
      extension_notice: '2026-11-20',
      answer_opinion: '2026-11-02',
      review_opinion: '2026-12-10',
      rereview_opinion: '2027-01-20',
    };
    for (const kind of DOCUMENT_KINDS) {
      const input = { ...SAMPLE_INPUT, issuedOn: issuedOn[kind] };
      const bytes = await renderOfficialDocument(DOCUMENT_BUILDERS[kind](input, NUMBER));
      const file = path.join(ARTIFACTS, `${kind}.docx`);
      fs.writeFileSync(file, bytes);
      expect(fs.statSync(file).size).toBe(bytes.length);
    }
  });
});

describe('assertWellFormedXml (the check the tests above rely on)', () => {
  it.each([
    ['<a><b></a></b>', 'crossed tags'],
    ['<a>x & y</a>', 'bare ampersand'],
    ['<a b=c/>', 'unquoted attribute'],
    ['<a b="1" b="2"/>', 'duplicate attribute'],
    ['<a/><b/>', 'two roots'],
    ['<a>', 'unclosed'],
    ['<a>\u0001</a>', 'control character'],
    ['text<a/>', 'text outside root'],
  ])('rejects %s (%s)', (xml) => {
    expect(() => assertWellFormedXml(xml)).toThrow();
  });

  it('accepts a declaration, namespaces, entities, comments and CDATA', () => {
    expect(() =>
      assertWellFormedXml(
        '<?xml version="1.0"?><w:a xmlns:w="u" w:x=\'1\'><!-- c --><w:b>&lt;&#x4E2D;&#20013;</w:b><![CDATA[<&>]]></w:a>',
      ),
    ).not.toThrow();
  });
});
