import { afterEach, expect, it } from 'vitest';
import { makeUnit } from '../../../../test/factories.ts';
import { describeEachDialect, TEST_NOW, type TestEnv } from '../../../../test/harness.ts';
import { readFile, sha256Hex } from '../../../platform/files/file-store.ts';
import { sniffMediaType } from '../../../platform/files/sniff.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { MissingDocumentDataError } from './builders.ts';
import { generatePetitionDocument, listPetitionDocuments } from './generate-document.ts';
import { paragraphsOf, unzipDocx } from './ooxml.test-helper.ts';
import { SAMPLE_INPUT } from './sample-input.test-helper.ts';
import type { PetitionDocumentInput } from './types.ts';

function inTrx<T>(env: TestEnv, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return env.handle.db.transaction().execute((trx) => fn({ ...env.ctx(), db: trx }));
}

/** Real units for the counters, and an input whose petition and units are this test's own. */
async function setUp(env: TestEnv) {
  const county = await makeUnit(env, { kind: 'county' });
  const town = await makeUnit(env, { kind: 'township', parentId: county.id });
  const other = await makeUnit(env, { kind: 'township', parentId: county.id });
  const input: PetitionDocumentInput = {
    ...SAMPLE_INPUT,
    petitionId: crypto.randomUUID(),
    unit: { id: town.id, name: '东城镇' },
    review: {
      ...(SAMPLE_INPUT.review as NonNullable<PetitionDocumentInput['review']>),
      unit: { id: county.id, name: '测试县' },
    },
  };
  return { county, town, other, input };
}

describeEachDialect('petition documents', (env) => {
  afterEach(() => env().clock.set(TEST_NOW));

  it('generates, numbers and stores a .docx that reads back intact and names its number', async () => {
    const { input } = await setUp(env());
    const doc = await inTrx(env(), (ctx) => generatePetitionDocument(ctx, 'answer_opinion', input));
    expect(doc).toEqual({
      fileId: expect.any(String),
      number: '东城镇信访办〔2026〕1号',
      title: '信访事项处理意见书',
    });

    const read = await readFile(env().handle.db, env().config, doc.fileId);
    if (!read) throw new Error('document not stored');
    expect(read.row).toMatchObject({
      owner_type: 'petition',
      owner_id: input.petitionId,
      kind: 'answer_opinion',
      file_name: '信访事项处理意见书（东城镇信访办〔2026〕1号）.docx',
      media_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      sha256: sha256Hex(read.bytes),
    });
    expect(sniffMediaType(read.bytes)?.kind).toBe('docx');
    const paragraphs = paragraphsOf(unzipDocx(read.bytes).get('word/document.xml') ?? '');
    expect(paragraphs.slice(0, 2)).toEqual(['信访事项处理意见书', '东城镇信访办〔2026〕1号']);
    expect(paragraphs.join('\n')).toContain('请求复查的最后一日为2026年12月2日');

    expect(await listPetitionDocuments(env().handle.db, input.petitionId)).toEqual([
      {
        id: doc.fileId,
        kind: 'answer_opinion',
        title: '信访事项处理意见书',
        number: '东城镇信访办〔2026〕1号',
        issuedOn: '2026-11-02',
        createdAt: '2026-11-02T02:00:00.000Z',
      },
    ]);
  });

  it('numbers per issuing unit and year: each unit and each year starts at 1 and counts on', async () => {
    const { input, other } = await setUp(env());
    const gen = async (kind: Parameters<typeof generatePetitionDocument>[1], i: PetitionDocumentInput) => {
      env().clock.advance(1000);
      return (await inTrx(env(), (ctx) => generatePetitionDocument(ctx, kind, i))).number;
    };

    expect(await gen('acceptance_notice', input)).toBe('东城镇信访办〔2026〕1号');
    expect(await gen('transfer_slip', input)).toBe('东城镇信访办〔2026〕2号');
    expect(await gen('extension_notice', input)).toBe('东城镇信访办〔2026〕3号');
    const westInput = { ...input, petitionId: crypto.randomUUID(), unit: { id: other.id, name: '西山乡' } };
    expect(await gen('acceptance_notice', westInput)).toBe('西山乡信访办〔2026〕1号');
    expect(await gen('answer_opinion', { ...input, issuedOn: '2027-01-05' })).toBe('东城镇信访办〔2027〕1号');
    expect(await gen('answer_opinion', input)).toBe('东城镇信访办〔2026〕4号');
    // The review opinion is issued, and numbered, by the reviewing county.
    expect(await gen('review_opinion', input)).toBe('测试县信访办〔2026〕1号');

    const listed = await listPetitionDocuments(env().handle.db, input.petitionId);
    expect(listed.map((d) => d.number)).toEqual([
      '东城镇信访办〔2026〕1号',
      '东城镇信访办〔2026〕2号',
      '东城镇信访办〔2026〕3号',
      '东城镇信访办〔2027〕1号',
      '东城镇信访办〔2026〕4号',
      '测试县信访办〔2026〕1号',
    ]);
  });

  it('never gives one number to two documents, even when they are generated at the same time', async () => {
    const { input } = await setUp(env());
    const numbers = await Promise.all(
      Array.from({ length: 6 }, () =>
        inTrx(env(), (ctx) => generatePetitionDocument(ctx, 'acceptance_notice', input)).then(
          (d) => d.number,
        ),
      ),
    );
    expect([...numbers].sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `东城镇信访办〔2026〕${n}号`).sort());
  });

  it('issues nothing when the transaction fails: no document, no file row, and the number was never used', async () => {
    const { input } = await setUp(env());
    let fileId = '';
    await expect(
      inTrx(env(), async (ctx) => {
        fileId = (await generatePetitionDocument(ctx, 'rejection_notice', input)).fileId;
        throw new Error('audit failed');
      }),
    ).rejects.toThrow('audit failed');
    expect(await readFile(env().handle.db, env().config, fileId)).toBeUndefined();
    expect(await listPetitionDocuments(env().handle.db, input.petitionId)).toEqual([]);
    const next = await inTrx(env(), (ctx) => generatePetitionDocument(ctx, 'rejection_notice', input));
    expect(next.number).toBe('东城镇信访办〔2026〕1号');
  });

  it('refuses a document without its data and stores nothing', async () => {
    const { input } = await setUp(env());
    await expect(
      inTrx(env(), (ctx) => generatePetitionDocument(ctx, 'answer_opinion', { ...input, answer: undefined })),
    ).rejects.toBeInstanceOf(MissingDocumentDataError);
    expect(await listPetitionDocuments(env().handle.db, input.petitionId)).toEqual([]);
  });
});
