import { describe, expect, it } from 'vitest';
import { fts5Match, tsQueryText } from './search-index.ts';
import { documentTokens, indexText, PART_SEPARATOR, queryPhrases, termPhrase } from './tokens.ts';

describe('search tokens', () => {
  it('cuts Han runs into bigrams plus their last character, other words whole', () => {
    expect(documentTokens('信访办结，王伟3组ABC')).toEqual([
      '信访',
      '访办',
      '办结',
      '结',
      '王伟',
      '伟',
      '3',
      '组',
      'abc',
    ]);
  });

  it('never indexes ID numbers, phones or other long digit runs', () => {
    const tokens = documentTokens('身份证330102199001011234 电话13800135678 座机0571-8888888 门牌12号');
    expect(tokens.join(' ')).not.toMatch(/\d{5}/);
    expect(tokens).toContain('0571');
    expect(tokens).toContain('12');
  });

  it('separates the parts so that no phrase spans two of them', () => {
    expect(indexText(['噪音', '扰民', ''])).toBe(`噪音 音 ${PART_SEPARATOR} 扰民 民`);
    expect(documentTokens(`a${PART_SEPARATOR}b`)).toEqual(['a', 'b']);
  });

  it('turns a term into the phrase a contiguous occurrence produces in the index', () => {
    expect(termPhrase('办结')).toEqual({ tokens: ['办结'], prefix: false });
    expect(termPhrase('东城3组')).toEqual({ tokens: ['东城', '城', '3', '组'], prefix: true });
    expect(termPhrase('施')).toEqual({ tokens: ['施'], prefix: true });
    expect(termPhrase('，。')).toBeUndefined();
  });

  it('splits a query on white space (full-width too), dropping repeats and unsearchable terms', () => {
    expect(queryPhrases('拖欠\u3000工资 拖欠 ！').map((p) => p.tokens)).toEqual([['拖欠'], ['工资']]);
    expect(queryPhrases('13800135678')).toEqual([]);
  });

  it('writes the match expressions with every token quoted', () => {
    const phrases = queryPhrases('夜间施工 组');
    expect(fts5Match(phrases)).toBe('"夜间 间施 施工" AND "组"*');
    expect(tsQueryText(phrases)).toBe("('夜间' <-> '间施' <-> '施工') & ('组':*)");
    expect(fts5Match([{ tokens: ['a"b'], prefix: false }])).toBe('"a""b"');
    expect(tsQueryText([{ tokens: ["a'b\\"], prefix: false }])).toBe("('a''b\\\\')");
  });
});
