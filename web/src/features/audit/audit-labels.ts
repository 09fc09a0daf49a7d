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
  'pii.reveal': ['查看敏感信息', 'Personal data revealed'],
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
