import { useI18n } from '../../i18n/i18n.tsx';

// Messages of case ownership (领导包案): the board and the panel on the case page. Chinese first;
// the English dictionary has the same keys (a missing one is a compile error).

const zh = {
  'nav.board': '我的包案',

  'board.title': '我的包案',
  'board.subtitle':
    '本人包案、尚未记录结果的事项。{days}天没有进展、下次联系日期已过或措施超期的标红并排在前面。',
  'board.none': '目前没有包案中的事项',
  'board.stale': '需关注',
  'board.takenOn': '包案日期',
  'board.nextContact': '下次联系',
  'board.lastProgress': '最近进展',
  'board.noProgress': '尚无进展',
  'board.measures': '措施',
  'board.measuresOpen': '{open}项未完成',
  'board.measuresOverdue': '{n}项超期',
  'board.count': '共{total}件，{stale}件需关注',

  'panel.title': '领导包案',
  'panel.none': '本事项还没有包案领导。',
  'panel.take': '我来包案',
  'panel.assign': '指定领导包案',
  'panel.taken': '已包案',
  'panel.leader': '包案领导',
  'panel.takenOn': '包案日期',
  'panel.closed': '已记录结果',
  'panel.stale': '需关注',
  'panel.demand': '诉求',
  'panel.policyBasis': '政策依据',
  'panel.nextContact': '下次联系日期',
  'panel.measures': '措施',
  'panel.noMeasures': '还没有措施',
  'panel.noPlan': '还没有填写',
  'panel.progress': '进展',
  'panel.noProgress': '还没有进展记录',
  'panel.outcome': '包案结果',
  'panel.handovers': '移交记录',
  'panel.handoverLine': '{at} {from} → {to}（{by}）：{reason}',
  'panel.editPlan': '编辑方案',
  'panel.addProgress': '记录进展',
  'panel.recordOutcome': '记录结果',
  'panel.handover': '移交',
  'panel.done': '已完成',
  'panel.undone': '未完成',
  'panel.overdue': '已超期',
  'panel.dueOn': '完成时限',
  'panel.amount': '金额（元）',

  'plan.title': '包案方案（一人一策、一事一案）',
  'plan.measure': '措施内容',
  'plan.assignee': '责任人',
  'plan.addMeasure': '添加措施',
  'plan.saved': '包案方案已保存',
  'progress.title': '记录包案进展',
  'progress.on': '日期',
  'progress.text': '进展情况',
  'progress.saved': '进展已记录',
  'outcome.title': '记录包案结果',
  'outcome.type': '化解类型',
  'outcome.kind': '帮扶方式',
  'outcome.note': '结果说明',
  'outcome.on': '日期',
  'outcome.once': '结果只能记录一次，记录后本事项从看板移除。',
  'outcome.saved': '包案结果已记录',
  'take.title': '指定包案领导',
  'take.leader': '领导',
  'take.saved': '已包案',
  'handover.title': '移交包案',
  'handover.leader': '移交给',
  'handover.reason': '移交原因',
  'handover.saved': '已移交',

  'type.resolved': '诉求合理的解决到位',
  'type.explained': '诉求无政策依据的解释到位',
  'type.redirected': '导入法定途径',
  'type.assisted': '生活困难的帮扶救助到位',
  'kind.living_subsidy': '生活补助',
  'kind.temporary_assistance': '临时救助',
  'kind.referral': '转介帮扶',

  'common.required': '请填写{field}',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.conflict': '方案刚被他人修改，已载入最新内容，请核对后重新保存。',
};

export type OwnershipMessageKey = keyof typeof zh;

const en: Record<OwnershipMessageKey, string> = {
  'nav.board': 'My cases (ownership)',

  'board.title': 'My owned cases',
  'board.subtitle':
    'Cases you own whose outcome is not recorded yet. Those without progress for {days} days, past their next contact date or with an overdue measure are red and listed first.',
  'board.none': 'No owned cases at the moment',
  'board.stale': 'Needs attention',
  'board.takenOn': 'Taken on',
  'board.nextContact': 'Next contact',
  'board.lastProgress': 'Last progress',
  'board.noProgress': 'No progress yet',
  'board.measures': 'Measures',
  'board.measuresOpen': '{open} open',
  'board.measuresOverdue': '{n} overdue',
  'board.count': '{total} in all, {stale} need attention',

  'panel.title': 'Leader ownership',
  'panel.none': 'No leader owns this case yet.',
  'panel.take': 'Take ownership',
  'panel.assign': 'Assign a leader',
  'panel.taken': 'Owned',
  'panel.leader': 'Owning leader',
  'panel.takenOn': 'Taken on',
  'panel.closed': 'Outcome recorded',
  'panel.stale': 'Needs attention',
  'panel.demand': 'Demand',
  'panel.policyBasis': 'Policy basis',
  'panel.nextContact': 'Next contact date',
  'panel.measures': 'Measures',
  'panel.noMeasures': 'No measures yet',
  'panel.noPlan': 'Not filled in yet',
  'panel.progress': 'Progress',
  'panel.noProgress': 'No progress recorded yet',
  'panel.outcome': 'Outcome',
  'panel.handovers': 'Handovers',
  'panel.handoverLine': '{at} {from} → {to} ({by}): {reason}',
  'panel.editPlan': 'Edit plan',
  'panel.addProgress': 'Add progress',
  'panel.recordOutcome': 'Record outcome',
  'panel.handover': 'Hand over',
  'panel.done': 'Done',
  'panel.undone': 'Open',
  'panel.overdue': 'Overdue',
  'panel.dueOn': 'Due',
  'panel.amount': 'Amount (yuan)',

  'plan.title': 'Case plan',
  'plan.measure': 'Measure',
  'plan.assignee': 'Responsible',
  'plan.addMeasure': 'Add measure',
  'plan.saved': 'Plan saved',
  'progress.title': 'Add progress',
  'progress.on': 'Date',
  'progress.text': 'Progress',
  'progress.saved': 'Progress recorded',
  'outcome.title': 'Record outcome',
  'outcome.type': 'Disposition',
  'outcome.kind': 'Assistance',
  'outcome.note': 'Note',
  'outcome.on': 'Date',
  'outcome.once': 'The outcome is recorded once; the case then leaves the board.',
  'outcome.saved': 'Outcome recorded',
  'take.title': 'Assign an owning leader',
  'take.leader': 'Leader',
  'take.saved': 'Ownership taken',
  'handover.title': 'Hand over',
  'handover.leader': 'To',
  'handover.reason': 'Reason',
  'handover.saved': 'Handed over',

  'type.resolved': 'Resolved (reasonable demand met)',
  'type.explained': 'Explained (no policy basis)',
  'type.redirected': 'Redirected to a legal channel',
  'type.assisted': 'Assisted (hardship relief)',
  'kind.living_subsidy': 'Living subsidy',
  'kind.temporary_assistance': 'Temporary assistance',
  'kind.referral': 'Referral',

  'common.required': '{field} is required',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.conflict':
    'Someone changed the plan meanwhile; the latest version is loaded, check it and save again.',
};

/** The ownership messages in the current locale, with `{name}` placeholders filled. */
export function useOwnershipText() {
  const { locale } = useI18n();
  const dict = locale === 'en' ? en : zh;
  return (key: OwnershipMessageKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

/** An ownership message in a given locale (the menu, outside the pages). */
export function ownershipText(locale: 'zh-CN' | 'en', key: OwnershipMessageKey): string {
  return (locale === 'en' ? en : zh)[key];
}
