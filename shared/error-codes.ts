/**
 * Every error code the API can answer with, its HTTP status, when it is thrown, and the default
 * Chinese message shown to the user. A test fails when a code lacks a status or documentation.
 */
export const ERROR_CODES = {
  validation_failed: {
    status: 400,
    when: 'Malformed JSON, or a body, query or path parameter that violates the route schema.',
    message: '提交的内容有误，请按提示修改后重试。',
  },
  unauthenticated: {
    status: 401,
    when: 'No valid session (never logged in, logged out, idle for 30 minutes or older than 12 hours).',
    message: '请先登录。',
  },
  invalid_credentials: {
    status: 401,
    when: 'Wrong username or password; the same answer for an unknown user.',
    message: '用户名或密码不正确。',
  },
  second_factor_required: {
    status: 401,
    when: 'The session still owes a TOTP step and may only call the second-factor endpoints.',
    message: '请先完成第二因素（动态口令）验证。',
  },
  invalid_second_factor: {
    status: 401,
    when: 'A wrong or reused TOTP code or recovery code.',
    message: '动态口令或恢复码不正确，请重新输入。',
  },
  forbidden: {
    status: 403,
    when: 'The record is in the caller’s scope but the action is not allowed for the caller’s roles.',
    message: '您没有执行此操作的权限。',
  },
  csrf_rejected: {
    status: 403,
    when: 'A state-changing request with a session cookie whose Origin is not this site.',
    message: '请求来源不被信任，请刷新页面后重试。',
  },
  not_found: {
    status: 404,
    when: 'Unknown path, or a record that does not exist, is outside the caller’s unit scope or is confidential to the caller.',
    message: '找不到该记录。',
  },
  conflict: {
    status: 409,
    when: 'A unique value (such as a username) is already taken.',
    message: '该记录已存在。',
  },
  version_conflict: {
    status: 409,
    when: 'An update names a version of the record that is no longer current: someone else changed it after it was read (case ownership plan, outcome, handover).',
    message: '该内容刚被他人修改，请刷新页面查看最新内容后再保存。',
  },
  invalid_transition: {
    status: 409,
    when: 'An action that does not apply to the record in its current state.',
    message: '当前状态下不能执行该操作。',
  },
  idempotency_in_progress: {
    status: 409,
    when: 'A request with the same Idempotency-Key is still being processed.',
    message: '相同的请求正在处理中，请稍后刷新查看结果。',
  },
  password_policy: {
    status: 422,
    when: 'A new password is shorter than 10 characters, has fewer than three character classes, or was used among the last 5.',
    message:
      '密码不符合安全要求：至少10位，并包含大写字母、小写字母、数字、符号中的三类，且不能与最近5次使用过的密码相同。',
  },
  role_separation: {
    status: 422,
    when: 'A grant would give one account two of the administrator roles sysadmin, secadmin and auditor.',
    message: '系统管理员、安全管理员和审计管理员必须由不同账号担任。',
  },
  invalid_reference: {
    status: 422,
    when: 'A referenced record (parent unit, user, member) does not exist or is outside the caller’s scope.',
    message: '引用的记录不存在或不在您的管辖范围内。',
  },
  invalid_hierarchy: {
    status: 422,
    when: 'A unit of this kind cannot sit under the chosen parent (for example a county under a village).',
    message: '该类型的单位不能设在所选上级单位之下。',
  },
  account_locked: {
    status: 423,
    when: 'Five failed logins within 15 minutes; the account is locked for 15 minutes.',
    message: '登录失败次数过多，账号已锁定15分钟，请稍后再试或联系管理员。',
  },
  account_disabled: {
    status: 423,
    when: 'The account has been disabled by an administrator.',
    message: '该账号已停用，请联系管理员。',
  },
  payload_too_large: {
    status: 413,
    when: 'The request body exceeds the size limit.',
    message: '提交的内容过大。',
  },
  rate_limited: {
    status: 429,
    when: 'Too many requests from one address in a short time.',
    message: '请求过于频繁，请稍后再试。',
  },
  internal_error: {
    status: 500,
    when: 'An unexpected failure; logged with the request id.',
    message: '系统内部错误，请稍后重试；如多次出现请联系管理员并提供请求编号。',
  },
  service_unavailable: {
    status: 503,
    when: 'The server is shutting down or the database is unavailable.',
    message: '服务暂时不可用，请稍后重试。',
  },
  invalid_leadership_group: {
    status: 422,
    when: 'A leadership group (领导小组) without exactly one head (组长), with a person listed twice, or with two work groups of the same name.',
    message: '领导小组的组成有误：须有且只有一名组长，每人只列一次，工作组名称不能重复。',
  },
  attachment_rejected: {
    status: 422,
    when: 'An uploaded attachment is empty, larger than 20 MB, of a type outside the allow-list (pdf, jpg, png, webp, gif, docx, doc, xlsx, xls, txt), or its content (sniffed) does not match its extension.',
    message:
      '附件未被接收：只接受不超过20 MB的PDF、图片（JPG、PNG、WEBP、GIF）、Word、Excel或UTF-8纯文本文件，且文件内容须与扩展名一致。',
  },
  wrong_password: {
    status: 422,
    when: 'The current password given to confirm a change (own password, switching off TOTP) is wrong; the session stays open.',
    message: '当前密码不正确，请重新输入。',
  },
  invalid_schedule: {
    status: 422,
    when: 'An entered or imported holiday schedule (JSON or .ics) that is not valid: impossible or repeated dates, dates outside the year, a make-up workday on a weekday; details.problems lists each problem in Chinese.',
    message: '节假日安排有误，请按列出的问题逐项修改后重新提交。',
  },
  calendar_year_exists: {
    status: 409,
    when: 'An import or entry for a year whose schedule is already known (built in or imported) without replace: true; details.years lists them.',
    message: '该年度的节假日安排已经存在。如确需更正，请勾选“替换已有年度”后重新导入。',
  },
  invalid_deadline_rules: {
    status: 422,
    when: 'A unit’s deadline overrides name a rule that does not exist or change one rule twice; details.problems lists each problem in Chinese.',
    message: '时限规则设置有误，请按列出的问题修改后重新保存。',
  },
  time_limit_passed: {
    status: 409,
    when: 'A petition step whose legal window has passed: an objection to a transfer after 5 working days, a review or re-review request after 30 days, an extension after the handling period ended, a link into a case whose current deadline has passed, an evaluation after the review window closed.',
    message: '该步骤的法定期限已经届满，不能再办理。',
  },
  matter_finalized: {
    status: 409,
    when: 'A review or re-review request on a petition that has been re-reviewed: the same matter on the same facts and reasons is not taken up again (不再受理, 信访工作条例 Art 36).',
    message: '该信访事项已经复核终结，同一事实和理由不再受理。',
  },
  conflict_of_interest: {
    status: 422,
    when: 'Assigning a petition to a handler (or co-handler) who declared a direct interest in it (回避, 信访工作条例 Art 28).',
    message: '该工作人员已申报与本事项有利害关系，应当回避，请另选经办人。',
  },
  confidential_routing: {
    status: 422,
    when: 'An accusation registered at, transferred to or assigned within the accused unit or its subtree, or to the accused person.',
    message: '检举控告事项不得交由被检举控告的单位或人员办理，请改送其上级机关或纪检监察机关。',
  },
  no_higher_unit: {
    status: 422,
    when: 'A review or re-review request where the unit that decided has no parent unit in the system to review it.',
    message: '系统中没有可受理复查（复核）的上一级单位，请告知信访人向上一级机关提出。',
  },
  online_not_accepted: {
    status: 422,
    when: 'A public (portal) submission to a unit that does not accept online petitions.',
    message: '所选单位暂不受理网上信访，请选择其他单位，或通过来信、来访提出。',
  },
  challenge_required: {
    status: 428,
    when: 'A public submission from an address that already submitted twice within an hour, without a valid answer to a challenge (none given, expired or already used); details.challenge holds a new question { id, question, expiresAt } to answer with challengeId and challengeAnswer.',
    message: '您近期提交较多，请先回答验证问题，再重新提交。',
  },
  attachment_expired: {
    status: 422,
    when: 'A public submission lists an uploaded attachment whose token is unknown, expired (2 hours after the upload) or already used by another submission; details.index is its place in `attachments`.',
    message: '附件已过期或已经提交过，请删除该附件后重新上传，再提交。',
  },
  challenge_failed: {
    status: 428,
    when: 'A public submission whose challenge answer is wrong; that question is spent and details.challenge holds a new one.',
    message: '验证问题的答案不正确，请回答新的问题后重新提交。',
  },
  not_answered: {
    status: 409,
    when: 'A petitioner’s evaluation or review request (portal) on a case that has no written answer (处理意见书) yet.',
    message: '该信访事项尚未作出书面答复，答复后才能评价或请求复查。',
  },
  already_evaluated: {
    status: 409,
    when: 'A second evaluation of the same opinion of a case: each answer (and each review or re-review opinion) is evaluated once.',
    message: '您已经评价过本次答复，每次答复只能评价一次。',
  },
  slot_full: {
    status: 409,
    when: 'A reception appointment for a slot with no place left (or a slot whose date has passed); slots are never overbooked.',
    message: '该接访时段已约满，请选择其他时段或其他日期。',
  },
  import_invalid: {
    status: 422,
    when: 'A ledger import with mode=all (POST /api/v1/petitions/import) in which at least one row fails its checks; nothing is written and details.report lists every row’s problems.',
    message: '台账中有未通过检查的行，没有导入任何一行；请按检查结果改正后重新上传，或选择仅导入有效行。',
  },
  import_file_unreadable: {
    status: 422,
    when: 'An uploaded ledger that is not an .xlsx workbook, cannot be read, lacks a required column or has no data rows.',
    message: '无法读取上传的台账文件，请使用导入模板的格式（.xlsx）后重新上传。',
  },
} as const satisfies Record<string, { status: number; when: string; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Wire shape of every error answer (api-contract: Conventions). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
