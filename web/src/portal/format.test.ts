import { describe, expect, it } from 'vitest';
import { PORTAL_ATTACHMENTS } from '../../../server/src/modules/portal/portal.policy.ts';
import {
  isValidIdNumber as contractIdCheck,
  MOBILE_PATTERN,
  PORTAL_LIMITS,
} from '../../../shared/contracts/portal.ts';
import {
  charCount,
  chineseDate,
  fileProblem,
  fileSize,
  groupCode,
  isValidIdNumber,
  LIMITS,
  MOBILE,
  maskPhone,
  normaliseCode,
  normalisePhone,
  PORTAL_FILES,
  textProblem,
} from './format.ts';

// The portal checks a submission before sending it; its rules must be the server's, or a citizen
// would be told one thing by the page and another by the server.

describe('portal checks agree with the contract', () => {
  it('uses the same limits and mobile pattern', () => {
    expect(LIMITS).toEqual(PORTAL_LIMITS);
    expect(MOBILE.source).toBe(MOBILE_PATTERN.source);
  });

  it('accepts and refuses the same ID numbers', () => {
    const samples = [
      '11010519491231002X',
      '110105194912310021',
      '330102198503121234',
      '33010219850312123',
      'abc',
    ];
    for (let i = 0; i < 100; i++)
      for (const check of '0123456789X') samples.push(`33010219800101${String(i).padStart(3, '0')}${check}`);
    for (const s of samples) expect(isValidIdNumber(s), s).toBe(contractIdCheck(s));
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });
});

describe('what people type', () => {
  it('normalises query codes with spaces, dashes, lower case and full-width characters', () => {
    expect(normaliseCode(' ab3d-efgh jkmn ')).toBe('AB3DEFGHJKMN');
    expect(normaliseCode('ＡＢ３Ｄ　ＥＦＧＨ')).toBe('AB3DEFGH');
    expect(groupCode('AB3DEFGHJKMN')).toBe('AB3D EFGH JKMN');
  });

  it('normalises mobile numbers and counts Chinese characters one each', () => {
    expect(normalisePhone('139 1234-5678')).toBe('13912345678');
    expect(normalisePhone('１３９１２３４５６７８')).toBe('13912345678');
    expect(charCount(' 路灯不亮 ')).toBe(4);
    expect(textProblem('标题', '  ', 100)).toBe('请填写标题');
    expect(textProblem('标题', '字'.repeat(101), 100)).toBe('标题最多100个字，现在是101个字，请删减');
    expect(textProblem('您的要求', '', 2000, false)).toBeNull();
  });

  it('writes days the Chinese way, instants as their day in China', () => {
    expect(chineseDate('2026-11-02')).toBe('2026年11月2日');
    expect(chineseDate('2026-11-02T17:30:00.000Z')).toBe('2026年11月3日');
  });

  it('checks attachments as the server does: JPG, PNG or PDF, at most 3 of at most 5 MB', () => {
    expect(PORTAL_FILES.maxFiles).toBe(PORTAL_ATTACHMENTS.maxFiles);
    expect(PORTAL_FILES.maxMb * 1024 * 1024).toBe(PORTAL_ATTACHMENTS.maxBytes);
    expect(PORTAL_FILES.extensions).toEqual(PORTAL_ATTACHMENTS.extensions);
    expect(fileProblem('照片.JPG', 1000)).toBeNull();
    expect(fileProblem('材料.docx', 1000)).toBe('“材料.docx”不能上传：只接受 JPG、PNG 图片和 PDF 文件。');
    expect(fileProblem('大.png', 6 * 1024 * 1024)).toBe(
      '“大.png”有 6.0 MB，超过5 MB的上限，请压缩图片或拆分文件后再上传。',
    );
    expect(fileSize(1500)).toBe('1 KB');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
