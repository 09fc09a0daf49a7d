import { describe, expect, it } from 'vitest';
import {
  buildAcceptanceNotice,
  buildAnswerOpinion,
  buildExtensionNotice,
  buildRedirectNotice,
  buildRejectionNotice,
  buildRereviewOpinion,
  buildReviewOpinion,
  buildTransferSlip,
  DOCUMENT_BUILDERS,
  defaultNumberPrefix,
  formatDateZh,
  formatDocumentNumber,
  issuerFor,
  MissingDocumentDataError,
} from './builders.ts';
import { SAMPLE_INPUT as INPUT, UNITS } from './sample-input.test-helper.ts';
import { DOCUMENT_KINDS, type OfficialDocumentModel, type PetitionDocumentInput } from './types.ts';

const NO = '东城镇信访办〔2026〕7号';

/** All the text of a model's body, paragraphs and list items joined. */
function text(model: OfficialDocumentModel): string {
  return model.paragraphs
    .map((p) => (typeof p === 'string' ? p : 'heading' in p ? p.heading : p.list.join('\n')))
    .join('\n');
}

describe('document numbers and dates', () => {
  it('prints dates as 2026年11月2日 and refuses impossible ones', () => {
    expect(formatDateZh('2026-11-02')).toBe('2026年11月2日');
    expect(formatDateZh('2027-01-20')).toBe('2027年1月20日');
    expect(() => formatDateZh('2026-02-30')).toThrow();
  });

  it('numbers as 〔year〕n号 with the office of a township or county, or the unit itself', () => {
    expect(formatDocumentNumber(UNITS.town, 2026, 12)).toBe('东城镇信访办〔2026〕12号');
    expect(formatDocumentNumber(UNITS.dept, 2026, 3)).toBe('县人社局〔2026〕3号');
    expect(formatDocumentNumber({ id: 'x', name: '东城镇', numberPrefix: '东信' }, 2027, 1)).toBe(
      '东信〔2027〕1号',
    );
    expect(defaultNumberPrefix('城关街道')).toBe('城关街道信访办');
    expect(defaultNumberPrefix('东城一村')).toBe('东城一村');
  });

  it('has a builder for every kind, each naming the number, the date and the issuing unit', () => {
    for (const kind of DOCUMENT_KINDS) {
      const m = DOCUMENT_BUILDERS[kind](INPUT, NO);
      expect(m.number).toBe(NO);
      expect(m.date).toBe(INPUT.issuedOn);
      expect(m.issuingUnit).toBe(issuerFor(kind, INPUT).name);
      expect(text(m)).toContain(INPUT.petitionNumber);
    }
  });

  it('lets the review and re-review units issue their opinions, and the petition unit everything else', () => {
    expect(issuerFor('acceptance_notice', INPUT)).toBe(UNITS.town);
    expect(issuerFor('answer_opinion', INPUT)).toBe(UNITS.town);
    expect(issuerFor('review_opinion', INPUT)).toBe(UNITS.county);
    expect(issuerFor('rereview_opinion', INPUT)).toBe(UNITS.city);
    expect(issuerFor('answer_opinion', { ...INPUT, issuingUnit: UNITS.dept })).toBe(UNITS.dept);
  });

  it('refuses to build a document without its data, naming the missing block', () => {
    const bare: PetitionDocumentInput = { ...INPUT, answer: undefined, review: undefined };
    expect(() => buildAnswerOpinion(bare, NO)).toThrow(MissingDocumentDataError);
    expect(() => buildAnswerOpinion(bare, NO)).toThrow(/input\.answer/);
    expect(() => issuerFor('review_opinion', bare)).toThrow(/input\.review/);
  });
});

describe('受理告知书', () => {
  it('tells the petitioner the matter is accepted, who handles it and the last day for the answer', () => {
    const m = buildAcceptanceNotice(INPUT, NO);
    const t = text(m);
    expect(m.title).toBe('信访事项受理告知书');
    expect(m.addressee).toBe('张三等6人');
    expect(t).toContain('2026年9月20日提出的关于“反映东城一村某建筑工地拖欠农民工工资问题”的信访事项');
    expect(t).toContain('已于2026年9月25日依法予以受理');
    expect(t).toContain('由县人社局负责办理');
    expect(t).toContain('将于2026年11月24日前作出处理意见，并书面答复');
    expect(t).toContain('https://huiyin.example.gov.cn/portal');
    expect(t).not.toContain('简易');
  });

  it('mentions the simple track when it applies', () => {
    const m = buildAcceptanceNotice(
      {
        ...INPUT,
        acceptance: {
          ...(INPUT.acceptance as NonNullable<PetitionDocumentInput['acceptance']>),
          simpleTrack: true,
        },
      },
      NO,
    );
    expect(text(m)).toContain('适用简易办理程序');
  });
});

describe('不予受理告知书', () => {
  it('gives the reason and what the petitioner can still do', () => {
    const t = text(buildRejectionNotice(INPUT, NO));
    expect(t).toContain('决定不予受理');
    expect(t).toContain('该事项已于2026年6月经县人社局依法处理并答复');
    expect(t).toContain('有新的事实和理由，可以依法重新提出');
    expect(t).toContain('向有权处理的机关、单位提出');
  });

  it('uses the given advice instead of the general one', () => {
    const t = text(
      buildRejectionNotice({ ...INPUT, rejection: { reason: '理由', advice: '请向县法院咨询。' } }, NO),
    );
    expect(t).toContain('请向县法院咨询。');
    expect(t).not.toContain('重新提出');
  });
});

describe('诉访分离告知书', () => {
  it.each([
    ['litigation', '诉讼', '依法向人民法院提起诉讼'],
    ['arbitration', '仲裁', '依法申请仲裁'],
    ['reconsideration', '行政复议', '依法申请行政复议'],
    ['party_procedure', '党内程序', '党员申诉'],
    ['other', '其他法定途径', '通过相应的法定途径提出'],
  ] as const)('names the channel %s (%s), what to do and where to go', (route, channel, action) => {
    const m = buildRedirectNotice({ ...INPUT, redirect: { route, where: '测试县人民法院立案庭' } }, NO);
    const t = text(m);
    expect(m.title).toBe('诉访分离告知书');
    expect(t).toContain(`应当通过${channel}等法定途径解决`);
    expect(t).toContain(action);
    expect(t).toContain('测试县人民法院立案庭');
    expect(t).toContain('不再按照信访程序办理');
    expect(t).toContain('及时依法提出');
  });

  it('includes the note on time limits given by the clerk', () => {
    expect(text(buildRedirectNotice(INPUT, NO))).toContain('劳动争议申请仲裁的时效期间为一年');
  });
});

describe('转送/交办单', () => {
  it('is addressed to the receiving unit with the matter, requirements, deadline and objection window', () => {
    const m = buildTransferSlip(INPUT, NO);
    const t = text(m);
    expect(m.title).toBe('信访事项交办单');
    expect(m.addressee).toBe('县人社局');
    expect(m.issuingUnit).toBe('东城镇');
    expect(t).toContain('交办你单位');
    expect(t).toContain('信访人：张三等6人');
    expect(t).toContain('主要诉求：请求督促施工单位支付');
    expect(t).toContain('请核实欠薪金额，督促施工单位限期支付。');
    expect(t).toContain('请于2026年11月20日前将办理结果书面反馈本机关');
    expect(t).toContain('5个工作日内（即2026年10月9日前）书面说明理由');
    expect(t).toContain('不得将检举、揭发、控告材料及有关情况透露或者转送给被检举、揭发、控告的人员和单位');
  });

  it('is a 转送单 with the general requirement when transferring without instructions', () => {
    const m = buildTransferSlip(
      { ...INPUT, transfer: { mode: 'transfer', toUnit: UNITS.dept, due: '2026-11-20' } },
      NO,
    );
    expect(m.title).toBe('信访事项转送单');
    expect(text(m)).toContain('请你单位依法受理、办理');
    expect(text(m)).toContain('自收到本转送单之日起5个工作日内书面说明理由');
  });
});

describe('延期告知书', () => {
  it('gives the reason, the extension in days, the old and the new due date', () => {
    const t = text(buildExtensionNotice(INPUT, NO));
    expect(t).toContain('原定于2026年11月24日前');
    expect(t).toContain('因涉及多个分包单位，工资账目需委托第三方审计');
    expect(t).toContain('办理期限延长30日');
    expect(t).toContain('将于2026年12月24日前作出处理意见');
  });
});

describe('处理意见书', () => {
  it('states demand, facts, decision with reasons and legal basis, and the last day to ask the next level for review', () => {
    const m = buildAnswerOpinion(INPUT, NO);
    const t = text(m);
    expect(m.title).toBe('信访事项处理意见书');
    expect(m.paragraphs).toContainEqual({ heading: '信访诉求' });
    expect(m.paragraphs).toContainEqual({ heading: '调查核实的事实' });
    expect(m.paragraphs).toContainEqual({ heading: '处理意见及理由' });
    expect(m.paragraphs).toContainEqual({ heading: '法律政策依据' });
    expect(t).toContain('请求督促施工单位支付2026年5月至8月拖欠的工资');
    expect(t).toContain('拖欠张三等6人2026年5月至8月工资共计48,000元属实');
    expect(t).toContain('本机关予以支持');
    expect(t).toContain('责令施工单位于2026年11月15日前足额支付拖欠工资。');
    expect(t).toContain('《保障农民工工资支付条例》第三十条');
    expect(t).toContain('如不服本处理意见，可以自收到本意见书之日起30日内向测试县请求复查');
    expect(t).toContain('请求复查的最后一日为2026年12月2日');
  });

  it.each([
    ['support', '本机关予以支持'],
    ['explain', '作如下解释说明'],
    ['not_support', '本机关不予支持'],
  ] as const)('states the decision %s', (decision, phrase) => {
    const answer = { ...(INPUT.answer as NonNullable<PetitionDocumentInput['answer']>), decision };
    expect(text(buildAnswerOpinion({ ...INPUT, answer }, NO))).toContain(phrase);
  });

  it('names the next level generally when the reviewing unit is unknown, and leaves out empty sections', () => {
    const answer = {
      answeredOn: '2026-11-02',
      decision: 'explain' as const,
      text: '说明。',
      reviewRequestDue: '2026-12-02',
    };
    const m = buildAnswerOpinion({ ...INPUT, demands: undefined, answer }, NO);
    expect(text(m)).toContain('30日内向上一级机关请求复查');
    expect(m.paragraphs).not.toContainEqual({ heading: '调查核实的事实' });
    expect(m.paragraphs).not.toContainEqual({ heading: '法律政策依据' });
    expect(text(m)).toContain('反映东城一村某建筑工地拖欠农民工工资问题');
  });
});

describe('复查意见书', () => {
  it('is issued by the reviewing unit, cites the answer, and gives the last day to ask for re-review and where', () => {
    const m = buildReviewOpinion(INPUT, NO);
    const t = text(m);
    expect(m.title).toBe('信访事项复查意见书');
    expect(m.issuingUnit).toBe('测试县');
    expect(t).toContain('不服东城镇于2026年11月2日对“反映东城一村某建筑工地拖欠农民工工资问题”的信访事项');
    expect(t).toContain('于2026年11月20日向本机关请求复查');
    expect(t).toContain('认为处理意见未包括拖欠期间的利息');
    expect(t).toContain('本机关决定予以维持');
    expect(t).toContain('30日内向测试市请求复核');
    expect(t).toContain('请求复核的最后一日为2027年1月11日');
  });

  it('says the earlier opinion is revised when it is', () => {
    const review = {
      ...(INPUT.review as NonNullable<PetitionDocumentInput['review']>),
      decision: 'revised' as const,
    };
    expect(text(buildReviewOpinion({ ...INPUT, review }, NO))).toContain('决定对原处理意见予以变更');
  });
});

describe('复核意见书', () => {
  it('is final: the same matter on the same facts and reasons will not be accepted again', () => {
    const m = buildRereviewOpinion(INPUT, NO);
    const t = text(m);
    expect(m.title).toBe('信访事项复核意见书');
    expect(m.issuingUnit).toBe('测试市');
    expect(t).toContain('不服测试县于2026年12月10日对');
    expect(t).toContain('于2026年12月30日向本机关请求复核');
    expect(t).toContain('最终处理意见');
    expect(t).toContain('仍以同一事实和理由提出信访事项的，不再受理');
    expect(t).not.toContain('请求复核的最后一日');
  });
});
