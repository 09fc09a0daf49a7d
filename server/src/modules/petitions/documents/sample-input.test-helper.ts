import type { PetitionDocumentInput } from './types.ts';

// A complete input with every block filled, as the petitions module would build it, for tests.

/** Units of the sample: the township, its county above, the city above that, and a department. */
export const UNITS = {
  town: { id: 'unit-town', name: '东城镇' },
  county: { id: 'unit-county', name: '测试县' },
  city: { id: 'unit-city', name: '测试市' },
  dept: { id: 'unit-dept', name: '县人社局' },
} as const;

/** A petition about unpaid wages, from receipt through re-review. */
export const SAMPLE_INPUT: PetitionDocumentInput = {
  petitionId: 'petition-1',
  petitionNumber: 'DCZ-2026-00012',
  title: '反映东城一村某建筑工地拖欠农民工工资问题',
  receivedOn: '2026-09-20',
  petitionerName: '张三等6人',
  demands: '请求督促施工单位支付2026年5月至8月拖欠的工资共计48,000元。',
  unit: UNITS.town,
  issuedOn: '2026-11-02',
  portalAddress: 'https://huiyin.example.gov.cn/portal',
  acceptance: { acceptedOn: '2026-09-25', handlingUnit: UNITS.dept, answerDue: '2026-11-24' },
  rejection: { reason: '该事项已于2026年6月经县人社局依法处理并答复，信访人未提出新的事实和理由。' },
  redirect: {
    route: 'arbitration',
    where: '测试县劳动人事争议仲裁委员会（县政务服务中心三楼，电话在政务公开栏公布）',
    note: '劳动争议申请仲裁的时效期间为一年，从当事人知道或者应当知道其权利被侵害之日起计算。',
  },
  transfer: {
    mode: 'assign',
    toUnit: UNITS.dept,
    requirements: '请核实欠薪金额，督促施工单位限期支付。\n必要时依法启动劳动保障监察程序。',
    due: '2026-11-20',
    objectionDue: '2026-10-09',
  },
  extension: {
    reason: '涉及多个分包单位，工资账目需委托第三方审计',
    days: 30,
    previousDue: '2026-11-24',
    newDue: '2026-12-24',
  },
  answer: {
    answeredOn: '2026-11-02',
    decision: 'support',
    facts: '经核查，施工单位拖欠张三等6人2026年5月至8月工资共计48,000元属实。',
    text: '责令施工单位于2026年11月15日前足额支付拖欠工资。\n县人社局将跟踪督办支付情况。',
    legalBasis: '《保障农民工工资支付条例》第三十条、《劳动保障监察条例》第二十六条。',
    reviewUnit: UNITS.county,
    reviewRequestDue: '2026-12-02',
  },
  review: {
    unit: UNITS.county,
    requestedOn: '2026-11-20',
    reason: '认为处理意见未包括拖欠期间的利息。',
    decidedOn: '2026-12-10',
    decision: 'upheld',
    facts: '经复查，原处理意见认定的欠薪金额与工资台账一致。',
    text: '关于利息的请求，可以通过劳动争议仲裁途径主张。',
    legalBasis: '《信访工作条例》第三十五条。',
    rereviewUnit: UNITS.city,
    rereviewRequestDue: '2027-01-11',
  },
  rereview: {
    unit: UNITS.city,
    requestedOn: '2026-12-30',
    decidedOn: '2027-01-20',
    decision: 'upheld',
    text: '复查意见认定事实清楚，处理适当。',
  },
};
