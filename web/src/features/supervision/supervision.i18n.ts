import { useI18n } from '../../i18n/i18n.tsx';

// Messages of the supervision pages (督查督办). Chinese first; English has the same keys.

const zh = {
  'nav.supervision': '督查督办',
  'list.title': '督查督办',
  'list.subtitle':
    '逾期未办结的信访事项形成督办单，责任领导须在期限内书面答复；逾期未答复依次升级为约谈、通报、挂牌督办。',
  'list.mine': '发给我的',
  'list.all': '全部',
  'list.status': '状态',
  'list.anyStatus': '全部状态',
  'list.empty': '没有督办单',
  'list.replyDue': '答复期限',
  'list.overdue': '已逾期',
  'list.issuedTo': '责任领导',
  'list.nobody': '（未指定）',
  'detail.back': '返回督办列表',
  'detail.case': '信访事项',
  'detail.reason': '督办事由',
  'detail.issuing': '督办单位',
  'detail.responsible': '责任单位',
  'detail.ladder': '督办层级',
  'detail.reply': '书面答复',
  'detail.replyPlaceholder': '写明办理情况、存在问题和下一步措施（至少5个字）',
  'detail.replySubmit': '提交答复',
  'detail.replied': '已提交答复',
  'detail.repliedAt': '答复时间',
  'detail.close': '办结',
  'detail.closeNote': '办结意见（可不填）',
  'detail.closed': '已办结',
  'detail.replyRequired': '请填写答复内容',
  'settings.title': '督办设置',
  'settings.unit': '单位',
  'settings.remindDays': '期限前几天提醒',
  'settings.replyDays': '督办答复期限（工作日）',
  'settings.save': '保存',
  'settings.saved': '已保存督办设置',
  'settings.source.default': '当前为系统默认值（3天、5个工作日）',
  'settings.source.own': '本单位的设置',
  'settings.source.inherited': '沿用上级单位或全局的设置',
  'detail.download': '下载督办单',
  'common.cancel': '取消',
};

export type SupervisionMessageKey = keyof typeof zh;

const en: Record<SupervisionMessageKey, string> = {
  'nav.supervision': 'Supervision',
  'list.title': 'Supervision',
  'list.subtitle':
    'Overdue cases raise supervision notices; the responsible leader answers in writing in time, or the notice escalates to interview, public notice and listed supervision.',
  'list.mine': 'Issued to me',
  'list.all': 'All',
  'list.status': 'Status',
  'list.anyStatus': 'Any status',
  'list.empty': 'No supervision notices',
  'list.replyDue': 'Reply by',
  'list.overdue': 'Overdue',
  'list.issuedTo': 'Responsible leader',
  'list.nobody': '(none)',
  'detail.back': 'Back to supervision',
  'detail.case': 'Case',
  'detail.reason': 'Reason',
  'detail.issuing': 'Issued by',
  'detail.responsible': 'Responsible unit',
  'detail.ladder': 'Ladder',
  'detail.reply': 'Written reply',
  'detail.replyPlaceholder': 'What was done, what is open and the next steps (at least 5 characters)',
  'detail.replySubmit': 'Submit reply',
  'detail.replied': 'Reply submitted',
  'detail.repliedAt': 'Replied at',
  'detail.close': 'Close',
  'detail.closeNote': 'Closing note (optional)',
  'detail.closed': 'Closed',
  'detail.replyRequired': 'Please write the reply',
  'settings.title': 'Supervision settings',
  'settings.unit': 'Unit',
  'settings.remindDays': 'Remind days before a deadline',
  'settings.replyDays': 'Reply time (working days)',
  'settings.save': 'Save',
  'settings.saved': 'Supervision settings saved',
  'settings.source.default': 'System defaults (3 days, 5 working days)',
  'settings.source.own': "This unit's own settings",
  'settings.source.inherited': 'Inherited from a unit above or the global setting',
  'detail.download': 'Download (.docx)',
  'common.cancel': 'Cancel',
};

/** The supervision messages in the current locale, with `{name}` placeholders filled. */
export function useSupervisionText() {
  const { locale } = useI18n();
  const dict = locale === 'en' ? en : zh;
  return (key: SupervisionMessageKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

/** A supervision message in a given locale (the menu, outside the pages). */
export function supervisionText(locale: 'zh-CN' | 'en', key: SupervisionMessageKey): string {
  return (locale === 'en' ? en : zh)[key];
}
