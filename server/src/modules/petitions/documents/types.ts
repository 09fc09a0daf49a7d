// Types of the official documents (公文) of a petition and of the receipt (受理凭证). The
// builders take plain data only: no database rows, no ID numbers or phone numbers.

/** The kinds of official documents a petition produces (petitions design note: Documents kinds). */
export const DOCUMENT_KINDS = [
  'acceptance_notice',
  'rejection_notice',
  'redirect_notice',
  'transfer_slip',
  'extension_notice',
  'answer_opinion',
  'review_opinion',
  'rereview_opinion',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Chinese names of the document kinds, as lists show them. */
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  acceptance_notice: '受理告知书',
  rejection_notice: '不予受理告知书',
  redirect_notice: '诉访分离告知书',
  transfer_slip: '转送/交办单',
  extension_notice: '延期告知书',
  answer_opinion: '处理意见书',
  review_opinion: '复查意见书',
  rereview_opinion: '复核意见书',
};

/** A unit as documents name it; `numberPrefix` (发文机关代字) overrides the prefix of its document numbers. */
export interface UnitRef {
  readonly id: string;
  readonly name: string;
  readonly numberPrefix?: string;
}

/** The statutory channels of 诉访分离 (api-contract: redirect.route). */
export type RedirectRoute = 'litigation' | 'arbitration' | 'reconsideration' | 'party_procedure' | 'other';

/** The decision of a 处理意见书 (Art 32): support, explain, or not support the demand. */
export type AnswerDecision = 'support' | 'explain' | 'not_support';

/** The decision of a review or re-review: uphold the earlier opinion, or revise it. */
export type ReviewDecision = 'upheld' | 'revised';

/**
 * Everything a petition document may say, as plain values. Dates are `YYYY-MM-DD`. Only the
 * block of the document being built is required (e.g. `answer` for `answer_opinion`).
 */
export interface PetitionDocumentInput {
  readonly petitionId: string;
  /** The case number (信访事项编号). */
  readonly petitionNumber: string;
  /** The matter's title, e.g. "反映东城一村道路损毁问题". */
  readonly title: string;
  readonly receivedOn: string;
  /** How petitioners are addressed: "张三", or "张三等6人" for a group. Never an ID number or phone. */
  readonly petitionerName: string;
  /** The demands (诉求), quoted in opinions. */
  readonly demands?: string;
  /** The unit the petition is registered with: it issues notices and transfer slips. */
  readonly unit: UnitRef;
  /** The date printed on the document (成文日期). */
  readonly issuedOn: string;
  /** Issues the document instead of the default unit of its kind. */
  readonly issuingUnit?: UnitRef;
  /** Where petitioners track their case with the query code; "网上信访平台" when absent. */
  readonly portalAddress?: string;

  readonly acceptance?: {
    readonly acceptedOn: string;
    readonly handlingUnit: UnitRef;
    /** The last day for the written answer (handling deadline). */
    readonly answerDue: string;
    readonly simpleTrack?: boolean;
  };
  readonly rejection?: {
    readonly reason: string;
    /** What the petitioner can do instead; a general sentence is used when absent. */
    readonly advice?: string;
  };
  readonly redirect?: {
    readonly route: RedirectRoute;
    /** Where to go: the court, arbitration commission, reconsideration organ or party organisation. */
    readonly where: string;
    readonly note?: string;
  };
  readonly transfer?: {
    /** 'transfer' (转送, to the competent unit) or 'assign' (交办, with instructions). */
    readonly mode: 'transfer' | 'assign';
    readonly toUnit: UnitRef;
    readonly requirements?: string;
    /** The last day for the receiving unit's written result. */
    readonly due: string;
    /** The last day to object (5 working days, Art 23 ¶3). */
    readonly objectionDue?: string;
  };
  readonly extension?: {
    readonly reason: string;
    readonly days: number;
    readonly previousDue: string;
    readonly newDue: string;
  };
  readonly answer?: {
    /** The unit that gives the answer; the petition's unit when absent. */
    readonly unit?: UnitRef;
    readonly answeredOn: string;
    readonly decision: AnswerDecision;
    /** The facts found (查明的事实). */
    readonly facts?: string;
    /** The handling opinion and its reasons. */
    readonly text: string;
    /** Laws, regulations and policies relied on. */
    readonly legalBasis?: string;
    /** The unit one level up that reviews (复查); "上一级行政机关" when unknown. */
    readonly reviewUnit?: UnitRef;
    /** The last day to request a review (30 days, Art 35). */
    readonly reviewRequestDue: string;
  };
  readonly review?: {
    readonly unit: UnitRef;
    readonly requestedOn: string;
    /** Why the petitioner asked for the review, as they put it. */
    readonly reason?: string;
    readonly decidedOn: string;
    readonly decision: ReviewDecision;
    readonly facts?: string;
    readonly text: string;
    readonly legalBasis?: string;
    /** The unit above the reviewer that re-reviews (复核); "上一级行政机关" when unknown. */
    readonly rereviewUnit?: UnitRef;
    /** The last day to request a re-review (30 days, Art 36). */
    readonly rereviewRequestDue: string;
  };
  readonly rereview?: {
    readonly unit: UnitRef;
    readonly requestedOn: string;
    /** Why the petitioner asked for the re-review, as they put it. */
    readonly reason?: string;
    readonly decidedOn: string;
    readonly decision: ReviewDecision;
    readonly facts?: string;
    readonly text: string;
    readonly legalBasis?: string;
  };
}

/** A body paragraph: text, a numbered heading (一、二、), or a numbered list ((一)(二) or 1. 2.). */
export type DocumentParagraph =
  | string
  | { readonly heading: string }
  | { readonly list: readonly string[]; readonly numbering?: 'chinese' | 'arabic' };

/** An official document ready to render: GB/T 9704 layout is the renderer's business. */
export interface OfficialDocumentModel {
  readonly title: string;
  /** The document number (发文字号), e.g. 东城镇信访办〔2026〕12号. */
  readonly number: string;
  /** The addressee (主送), printed flush left with a full-width colon. */
  readonly addressee?: string;
  readonly paragraphs: readonly DocumentParagraph[];
  readonly issuingUnit: string;
  /** `YYYY-MM-DD`, printed as 2026年11月2日. */
  readonly date: string;
  /** Copies to (抄送). */
  readonly cc?: readonly string[];
  /** A note (附注) printed in parentheses below the date. */
  readonly note?: string;
}

/** What the printable receipt (受理凭证) shows. */
export interface ReceiptInput {
  readonly unitName: string;
  readonly petitionNumber: string;
  readonly receivedOn: string;
  /** Channel label, e.g. 来信 or 来访. */
  readonly channelLabel?: string;
  readonly title?: string;
  readonly petitionerName?: string;
  readonly queryCode: string;
  /** The last day to decide on acceptance and tell the petitioner. */
  readonly acceptanceDue: string;
  /** Address of the public portal; "/portal" when the public origin is unknown. */
  readonly portalAddress?: string;
  /** When the receipt was printed (ISO timestamp). */
  readonly printedAt?: string;
}
