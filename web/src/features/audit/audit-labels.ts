import type { Locale } from '../../i18n/i18n.tsx';

/** Chinese and English names of the audit action codes; an unknown code is shown as it is. */
const ACTIONS: Record<string, [zh: string, en: string]> = {
  'auth.login': ['登录', 'Login'],
  'auth.login_failed': ['登录失败', 'Failed login'],
  'auth.logout': ['退出登录', 'Logout'],
  'auth.account_locked': ['账号锁定', 'Account locked'],
  'auth.password_check_failed': ['密码核验失败', 'Wrong password in a confirmation'],
  'auth.2fa_enroll': ['绑定动态口令', 'One-time codes set up'],
  'auth.2fa_activate': ['启用动态口令', 'One-time codes turned on'],
  'auth.2fa_verify': ['动态口令验证', 'One-time code verified'],
  'auth.2fa_failed': ['动态口令错误', 'Wrong one-time code'],
  'auth.2fa_disable': ['关闭动态口令', 'One-time codes turned off'],
  'auth.recovery_code_used': ['使用恢复码', 'Recovery code used'],
  'unit.create': ['创建单位', 'Unit created'],
  'unit.update': ['修改单位', 'Unit changed'],
  'user.create': ['创建用户', 'User created'],
  'user.update': ['修改用户', 'User changed'],
  'user.roles_change': ['变更角色', 'Roles changed'],
  'user.password_change': ['修改密码', 'Password changed'],
  'user.password_reset': ['重置密码', 'Password reset'],
  'user.disable': ['停用账号', 'Account disabled'],
  'user.enable': ['启用账号', 'Account enabled'],
  'user.unlock': ['解锁账号', 'Account unlocked'],
  'leadership_group.create': ['创建领导小组', 'Leadership group created'],
  'leadership_group.update': ['修改领导小组', 'Leadership group changed'],
  'audit.anchor': ['审计链锚定', 'Audit chain anchored'],
  'audit.verify': ['校验审计链', 'Audit chain verified'],
  'demo.seed': ['生成演示数据', 'Demo data created'],
  'user.2fa_reset': ['重置动态口令', 'Authenticator reset'],
  'calendar.import': ['录入节假日安排', 'Holiday schedule entered'],
  'calendar.missing_year': ['节假日安排缺失提醒', 'Holiday schedule missing'],
  'deadline_settings.update': ['修改时限规则', 'Deadline rules changed'],
  'deadline_settings.reset': ['恢复默认时限规则', 'Deadline rules reset'],
  'petition_category.create': ['新增信访类别', 'Petition category added'],
  'petition_category.update': ['修改信访类别', 'Petition category changed'],
  'petition.register': ['登记信访事项', 'Petition registered'],
  'petition.accept': ['受理', 'Accepted'],
  'petition.redirect': ['告知通过法定途径解决', 'Redirected to a statutory channel'],
  'petition.transfer': ['转送', 'Transferred'],
  'petition.object': ['提出异议', 'Objection raised'],
  'petition.decide_objection': ['处理异议', 'Objection decided'],
  'petition.reject': ['不予受理', 'Not accepted'],
  'petition.assign': ['交办', 'Assigned'],
  'petition.start': ['开始办理', 'Handling started'],
  'petition.extend': ['延期', 'Extended'],
  'petition.answer': ['出具处理意见', 'Answered'],
  'petition.close': ['办结', 'Closed'],
  'petition.request_review': ['申请复查', 'Review requested'],
  'petition.review': ['复查', 'Reviewed'],
  'petition.request_rereview': ['申请复核', 'Re-review requested'],
  'petition.rereview': ['复核', 'Re-reviewed'],
  'petition.finalize': ['终结', 'Finalized'],
  'petition.attach': ['上传附件', 'Attachment added'],
  'petition.declare_interest': ['申报回避', 'Interest declared (recusal)'],
  'petition.reveal_personal': ['查看信访人敏感信息', 'Petitioner data revealed'],
  'petition.evaluate': ['信访人评价', 'Petitioner evaluation'],
  'petition.link': ['关联至下级正在办理的事项', 'Linked to a matter handled below'],
  'petition.linked_from': ['上级登记的同一事项已关联', 'Same matter raised higher linked here'],
  'petition.merge': ['合并重复登记的同一事项', 'Repeated registration merged'],
  'return_visit.open': ['发起回访', 'Return visit opened'],
  'return_visit.complete': ['完成回访', 'Return visit completed'],
  'reception.slot_create': ['安排领导接访', 'Reception slot scheduled'],
  'reception.appointment_book': ['预约接访', 'Appointment booked'],
  'reception.register': ['登记来访接待', 'Visit recorded'],
  'reception.reminder': ['接访提醒', 'Reception reminder'],
};

/** The label of an audit action code in the given locale, or the code itself. */
export function actionLabel(action: string, locale: Locale): string {
  const pair = ACTIONS[action];
  return pair ? pair[locale === 'en' ? 1 : 0] : action;
}

/** The known action codes, for the filter. */
export const KNOWN_ACTIONS = Object.keys(ACTIONS);

/** The subject types an auditor can filter by. */
export const SUBJECT_TYPES = ['user', 'unit', 'leadership_group', 'audit_log', 'petition'] as const;
