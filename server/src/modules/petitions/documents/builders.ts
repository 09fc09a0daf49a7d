import { assertIsoDate } from '../../../../../shared/calendar/dates.ts';
import type {
  AnswerDecision,
  DocumentKind,
  DocumentParagraph,
  OfficialDocumentModel,
  PetitionDocumentInput,
  RedirectRoute,
  ReviewDecision,
  UnitRef,
} from './types.ts';

// The official documents of a petition as pure functions from plain data to a document model.
// Article numbers are those of 信访工作条例 (2022), as in domain.md.

const YOU = '你（你们）';
const HIGHER_ORGAN = '上一级机关';

/** A `YYYY-MM-DD` date as printed in documents: 2026年11月2日. */
export function formatDateZh(date: string): string {
  assertIsoDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** The default prefix (发文机关代字) of a unit's document numbers: a government level gets "信访办". */
export function defaultNumberPrefix(unitName: string): string {
  return /(县|区|市|镇|乡|街道)$/.test(unitName) ? `${unitName}信访办` : unitName;
}

/** A document number (发文字号) in the official form: 东城镇信访办〔2026〕12号. */
export function formatDocumentNumber(unit: UnitRef, year: number, seq: number): string {
  return `${unit.numberPrefix ?? defaultNumberPrefix(unit.name)}〔${year}〕${seq}号`;
}

/** Thrown when the block a document needs (e.g. `answer` for a 处理意见书) is missing: a caller's bug. */
export class MissingDocumentDataError extends Error {
  constructor(kind: DocumentKind, block: string) {
    super(`The ${kind} document needs input.${block}`);
    this.name = 'MissingDocumentDataError';
  }
}

/** The unit that issues (and numbers) a document of the kind: the reviewer for reviews, else the petition's unit. */
export function issuerFor(kind: DocumentKind, input: PetitionDocumentInput): UnitRef {
  if (input.issuingUnit) return input.issuingUnit;
  if (kind === 'review_opinion') return need(kind, input, 'review').unit;
  if (kind === 'rereview_opinion') return need(kind, input, 'rereview').unit;
  return input.unit;
}

function need<K extends keyof PetitionDocumentInput>(
  kind: DocumentKind,
  input: PetitionDocumentInput,
  block: K,
): NonNullable<PetitionDocumentInput[K]> {
  const value = input[block];
  if (value === undefined || value === null) throw new MissingDocumentDataError(kind, block);
  return value as NonNullable<PetitionDocumentInput[K]>;
}

/** "关于“…”的信访事项（信访事项编号：…）" — how every document names the matter. */
function matter(input: PetitionDocumentInput): string {
  return `关于${named(input)}`;
}

/** "“…”的信访事项（信访事项编号：…）", after a preposition such as 对. */
function named(input: PetitionDocumentInput): string {
  return `“${input.title.trim()}”的信访事项（信访事项编号：${input.petitionNumber}）`;
}

function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

function section(heading: string, text: string | undefined): DocumentParagraph[] {
  const body = lines(text);
  return body.length > 0 ? [{ heading }, ...body] : [];
}

function model(
  kind: DocumentKind,
  input: PetitionDocumentInput,
  number: string,
  parts: { title: string; addressee?: string; paragraphs: DocumentParagraph[]; cc?: string[]; note?: string },
): OfficialDocumentModel {
  formatDateZh(input.issuedOn);
  formatDateZh(input.receivedOn);
  return {
    title: parts.title,
    number,
    addressee: parts.addressee ?? input.petitionerName,
    paragraphs: parts.paragraphs,
    issuingUnit: issuerFor(kind, input).name,
    date: input.issuedOn,
    ...(parts.cc ? { cc: parts.cc } : {}),
    ...(parts.note ? { note: parts.note } : {}),
  };
}

function portal(input: PetitionDocumentInput): string {
  return input.portalAddress ? `网上信访平台（${input.portalAddress}）` : '网上信访平台';
}

/** 受理告知书: the matter is accepted, who handles it, and by when the written answer is due (Art 34). */
export function buildAcceptanceNotice(input: PetitionDocumentInput, number: string): OfficialDocumentModel {
  const a = need('acceptance_notice', input, 'acceptance');
  const track = a.simpleTrack ? '本事项适用简易办理程序，' : '';
  return model('acceptance_notice', input, number, {
    title: '信访事项受理告知书',
    paragraphs: [
      `${YOU}于${formatDateZh(input.receivedOn)}提出的${matter(input)}，经审查，符合受理条件，本机关已于${formatDateZh(a.acceptedOn)}依法予以受理。`,
      `该信访事项由${a.handlingUnit.name}负责办理。${track}依照《信访工作条例》第三十四条的规定，办理机关将于${formatDateZh(a.answerDue)}前作出处理意见，并书面答复${YOU}。情况复杂确需延长办理期限的，经批准可以适当延长，但延长期限不超过30日，并将延期理由告知${YOU}。`,
      `${YOU}可以凭登记时取得的查询码，通过${portal(input)}查询办理进展。`,
      '特此告知。',
    ],
  });
}

/** 不予受理告知书: the reason the matter is not accepted, and what the petitioner can do. */
export function buildRejectionNotice(input: PetitionDocumentInput, number: string): OfficialDocumentModel {
  const r = need('rejection_notice', input, 'rejection');
  const advice = lines(r.advice);
  return model('rejection_notice', input, number, {
    title: '信访事项不予受理告知书',
    paragraphs: [
      `${YOU}于${formatDateZh(input.receivedOn)}提出的${matter(input)}，经审查，本机关决定不予受理。理由如下：`,
      ...lines(r.reason),
      ...(advice.length > 0
        ? advice
        : [
            `如${YOU}有新的事实和理由，可以依法重新提出信访事项；所反映的问题属于其他机关、单位职权范围的，可以向有权处理的机关、单位提出；对本告知有疑问的，可以向本机关咨询。`,
          ]),
      '特此告知。',
    ],
  });
}

const ROUTES: Record<RedirectRoute, { channel: string; action: string; where: string }> = {
  litigation: { channel: '诉讼', action: '依法向人民法院提起诉讼', where: '受理法院' },
  arbitration: { channel: '仲裁', action: '依法申请仲裁', where: '仲裁机构' },
  reconsideration: { channel: '行政复议', action: '依法申请行政复议', where: '行政复议机关' },
  party_procedure: {
    channel: '党内程序',
    action: '按照党内法规规定的程序（如党员申诉、申请复审）提出',
    where: '受理的党组织',
  },
  other: { channel: '其他法定途径', action: '通过相应的法定途径提出', where: '受理机关' },
};

/** 诉访分离告知书: the statutory channel (litigation, arbitration, reconsideration, party procedure) and where to go. */
export function buildRedirectNotice(input: PetitionDocumentInput, number: string): OfficialDocumentModel {
  const r = need('redirect_notice', input, 'redirect');
  const route = ROUTES[r.route];
  return model('redirect_notice', input, number, {
    title: '诉访分离告知书',
    paragraphs: [
      `${YOU}于${formatDateZh(input.receivedOn)}提出的${matter(input)}，经审查，属于应当通过${route.channel}等法定途径解决的事项。依照《信访工作条例》关于依法分类处理信访诉求的规定，本机关不再按照信访程序办理，现告知如下：`,
      { list: [`请${YOU}${route.action}。`, `${route.where}：${r.where.trim()}。`, ...lines(r.note)] },
      `${route.channel}等法定途径均有法律规定的期限（如诉讼时效、仲裁时效、行政复议申请期限），请${YOU}及时依法提出，以免影响自身合法权益。`,
      '特此告知。',
    ],
  });
}

/** 转送单/交办单: to the receiving unit — the matter, the requirements, the deadline and the objection window (Art 23). */
export function buildTransferSlip(input: PetitionDocumentInput, number: string): OfficialDocumentModel {
  const t = need('transfer_slip', input, 'transfer');
  const verb = t.mode === 'assign' ? '交办' : '转送';
  const slip = `${verb}单`;
  const defaultRequirement =
    t.mode === 'assign'
      ? '请你单位认真调查核实，依法作出处理意见并书面答复信访人，同时将办理结果书面报送本机关。'
      : '请你单位依法受理、办理，作出处理意见并书面答复信访人，同时将受理和办理情况书面告知本机关。';
  const objection = t.objectionDue ? `（即${formatDateZh(t.objectionDue)}前）` : '';
  return model('transfer_slip', input, number, {
    title: `信访事项${slip}`,
    addressee: t.toUnit.name,
    paragraphs: [
      `现将${input.petitionerName}${matter(input)}${verb}你单位，请依照《信访工作条例》的规定办理。`,
      { heading: '信访事项基本情况' },
      {
        list: [
          `信访事项编号：${input.petitionNumber}`,
          `信访人：${input.petitionerName}`,
          `登记日期：${formatDateZh(input.receivedOn)}`,
          `事项：${input.title.trim()}`,
          ...(input.demands?.trim() ? [`主要诉求：${lines(input.demands).join(' ')}`] : []),
        ],
      },
      { heading: '办理要求' },
      ...(lines(t.requirements).length > 0 ? lines(t.requirements) : [defaultRequirement]),
      `请严格遵守保密规定，不得泄露信访人的个人信息，不得将检举、揭发、控告材料及有关情况透露或者转送给被检举、揭发、控告的人员和单位。`,
      { heading: '办理时限' },
      `请于${formatDateZh(t.due)}前将办理结果书面反馈本机关。`,
      `你单位如认为该事项不属于本单位职权范围，应当自收到本${slip}之日起5个工作日内${objection}书面说明理由，提出异议，由本机关决定（《信访工作条例》第二十三条）。`,
    ],
  });
}

/** 延期告知书: why the handling period is extended, by how long, and the new due date (Art 34). */
export function buildExtensionNotice(input: PetitionDocumentInput, number: string): OfficialDocumentModel {
  const e = need('extension_notice', input, 'extension');
  return model('extension_notice', input, number, {
    title: '信访事项延期办理告知书',
    paragraphs: [
      `${YOU}于${formatDateZh(input.receivedOn)}提出的${matter(input)}，原定于${formatDateZh(e.previousDue)}前作出处理意见并答复。`,
      `因${lines(e.reason)
        .join('；')
        .replace(
          /[。；，]$/,
          '',
        )}，依照《信访工作条例》第三十四条的规定，经批准，办理期限延长${e.days}日。本机关将于${formatDateZh(e.newDue)}前作出处理意见，并书面答复${YOU}。`,
      '特此告知。',
    ],
  });
}

const ANSWER_DECISIONS: Record<AnswerDecision, string> = {
  support: `经研究，${YOU}的诉求合理，有法律、法规、规章或者其他有关规定依据，本机关予以支持。`,
  explain: `经研究，现就${YOU}反映的问题作如下解释说明。`,
  not_support: `经研究，${YOU}的诉求缺乏法律、法规、规章或者其他有关规定依据，本机关不予支持。`,
};

const REVIEW_DECISIONS: Record<ReviewDecision, (earlier: string) => string> = {
  upheld: (earlier) => `经审查，原${earlier}认定事实清楚，适用依据正确，处理适当，本机关决定予以维持。`,
  revised: (earlier) => `经审查，本机关决定对原${earlier}予以变更，意见如下：`,
};

/** The closing sentence that tells the petitioner where and until when to ask the next level. */
function nextLevel(
  input: PetitionDocumentInput,
  step: '复查' | '复核',
  unit: UnitRef | undefined,
  due: string,
  opinion: string,
): string {
  return `如不服本${opinion}，可以自收到本意见书之日起30日内向${unit?.name ?? HIGHER_ORGAN}请求${step}；按本意见书出具日期计算，请求${step}的最后一日为${formatDateZh(due)}。${YOU}也可以凭查询码通过${portal(input)}在线提出${step}请求。`;
}

/**
 * 处理意见书 (Art 32): the demand, the facts found, the decision (支持 / 解释 / 不予支持) with its
 * reasons and legal basis, and the right to a review within 30 days at the unit one level up with
 * its last day (Art 35).
 */
export function buildAnswerOpinion(input: PetitionDocumentInput, number: string): OfficialDocumentModel {
  const a = need('answer_opinion', input, 'answer');
  return model('answer_opinion', input, number, {
    title: '信访事项处理意见书',
    paragraphs: [
      `${YOU}于${formatDateZh(input.receivedOn)}提出的${matter(input)}，本机关已依法受理。经调查核实，现提出处理意见如下：`,
      ...section('信访诉求', input.demands ?? input.title),
      ...section('调查核实的事实', a.facts),
      { heading: '处理意见及理由' },
      ANSWER_DECISIONS[a.decision],
      ...lines(a.text),
      ...section('法律政策依据', a.legalBasis),
      nextLevel(input, '复查', a.reviewUnit, a.reviewRequestDue, '处理意见'),
    ],
  });
}

/** 复查意见书 (Art 35): the review of the answer, upheld or revised, and the right to a re-review within 30 days (Art 36). */
export function buildReviewOpinion(input: PetitionDocumentInput, number: string): OfficialDocumentModel {
  const r = need('review_opinion', input, 'review');
  const answerUnit = input.answer?.unit ?? input.unit;
  const answered = input.answer ? `于${formatDateZh(input.answer.answeredOn)}` : '';
  return model('review_opinion', input, number, {
    title: '信访事项复查意见书',
    paragraphs: [
      `${YOU}不服${answerUnit.name}${answered}对${named(input)}作出的处理意见，于${formatDateZh(r.requestedOn)}向本机关请求复查。本机关依法进行了复查，现提出复查意见如下：`,
      ...section('复查请求', r.reason),
      ...section('复查认定的事实', r.facts),
      { heading: '复查意见及理由' },
      REVIEW_DECISIONS[r.decision]('处理意见'),
      ...lines(r.text),
      ...section('法律政策依据', r.legalBasis),
      nextLevel(input, '复核', r.rereviewUnit, r.rereviewRequestDue, '复查意见'),
    ],
  });
}

/** 复核意见书 (Art 36): the final opinion; the same matter on the same facts and reasons is not accepted again (不再受理). */
export function buildRereviewOpinion(input: PetitionDocumentInput, number: string): OfficialDocumentModel {
  const rr = need('rereview_opinion', input, 'rereview');
  const review = input.review;
  const reviewed = review ? `${review.unit.name}于${formatDateZh(review.decidedOn)}` : '';
  return model('rereview_opinion', input, number, {
    title: '信访事项复核意见书',
    paragraphs: [
      `${YOU}不服${reviewed}对${named(input)}作出的复查意见，于${formatDateZh(rr.requestedOn)}向本机关请求复核。本机关依法进行了复核，现提出复核意见如下：`,
      ...section('复核请求', rr.reason),
      ...section('复核认定的事实', rr.facts),
      { heading: '复核意见及理由' },
      REVIEW_DECISIONS[rr.decision]('复查意见'),
      ...lines(rr.text),
      ...section('法律政策依据', rr.legalBasis),
      `本复核意见为该信访事项的最终处理意见。依照《信访工作条例》第三十六条的规定，${YOU}对本复核意见不服，仍以同一事实和理由提出信访事项的，不再受理。`,
    ],
  });
}

/** The builder of each document kind: (input, document number) → model. */
export const DOCUMENT_BUILDERS: Readonly<
  Record<DocumentKind, (input: PetitionDocumentInput, number: string) => OfficialDocumentModel>
> = {
  acceptance_notice: buildAcceptanceNotice,
  rejection_notice: buildRejectionNotice,
  redirect_notice: buildRedirectNotice,
  transfer_slip: buildTransferSlip,
  extension_notice: buildExtensionNotice,
  answer_opinion: buildAnswerOpinion,
  review_opinion: buildReviewOpinion,
  rereview_opinion: buildRereviewOpinion,
};
