// Chinese names of the organisation module's codes, for error messages.

/** 县（区）, 乡镇（街道）, 村（社区）, 部门, 办公室. */
export const UNIT_KIND_LABELS: Record<string, string> = {
  county: '县（区）',
  township: '乡镇（街道）',
  village: '村（社区）',
  department: '部门',
  office: '办公室',
};

/** The Chinese names of the roles. */
export const ROLE_LABELS: Record<string, string> = {
  clerk: '登记员',
  handler: '经办人',
  leader: '领导',
  supervisor: '督查',
  unit_admin: '单位管理员',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
};

/** Roles as a Chinese list, e.g. “系统管理员、审计管理员”. */
export function roleList(roles: readonly string[]): string {
  return roles.map((r) => ROLE_LABELS[r] ?? r).join('、');
}
