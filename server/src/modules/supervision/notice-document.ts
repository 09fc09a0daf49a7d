import { chinaDate } from '../../platform/jobs/china-time.ts';
import { formatDateZh } from '../petitions/documents/builders.ts';
import { renderOfficialDocument } from '../petitions/documents/render-docx.ts';
import type { OfficialDocumentModel } from '../petitions/documents/types.ts';
import type { NoticeView } from './supervision.repository.ts';
import { LEVEL_LABELS, type Level } from './supervision.ts';

/** The title of the printed notice of each ladder step. */
export const NOTICE_DOCUMENT_TITLES: Record<Level, string> = {
  supervise: '信访事项督办单',
  interview: '信访事项约谈通知',
  public_notice: '信访事项通报',
  listed: '信访事项挂牌督办通知',
};

/**
 * The printed 督办单 of one step (GB/T 9704 layout of the petitions' documents): addressed to the
 * responsible unit and leader, the case number and title, why, the earlier steps, and the date
 * the written reply is due; issued by the issuing unit on the day of issue.
 */
export function noticeDocumentModel(n: NoticeView, steps: readonly NoticeView[]): OfficialDocumentModel {
  const level = n.level as Level;
  const label = LEVEL_LABELS[level] ?? n.level;
  const earlier = steps.filter((s) => s.step < n.step);
  const paragraphs: string[] = [
    `你单位承办的信访事项（编号：${n.petition_number}，${n.petition_title}）${n.reason}。`,
  ];
  if (earlier.length)
    paragraphs.push(
      `此前已发出${earlier.map((s) => `${LEVEL_LABELS[s.level as Level] ?? s.level}（${s.number}）`).join('、')}，均未按期书面答复。`,
    );
  paragraphs.push(
    `根据《信访工作条例》关于督查督办的规定，现予${label}。请${n.issued_to_name ? `${n.issued_to_name}同志` : '你单位负责同志'}高度重视，认真核查办理，于${formatDateZh(n.reply_due)}前将办理情况书面报告${n.issuing_unit_name}。逾期未答复的，将按规定升级督办。`,
  );
  return {
    title: NOTICE_DOCUMENT_TITLES[level] ?? '信访事项督办单',
    number: n.number,
    addressee: n.responsible_unit_name,
    paragraphs,
    issuingUnit: n.issuing_unit_name,
    date: chinaDate(new Date(n.created_at)),
  };
}

/** The .docx bytes of a notice. */
export function renderNoticeDocument(n: NoticeView, steps: readonly NoticeView[]): Promise<Buffer> {
  return renderOfficialDocument(noticeDocumentModel(n, steps));
}
