import { z } from 'zod';

export const ROLE_VALUES = [
  'clerk',
  'handler',
  'leader',
  'supervisor',
  'unit_admin',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export const RoleSchema = z.enum(ROLE_VALUES);

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});

/** What the menu may offer the user; computed by the server (org.policy menuAbilities). */
export const Abilities = z.looseObject({
  manageUnits: z.boolean(),
  manageUsers: z.boolean(),
  grantableRoles: z.array(RoleSchema),
  manageLeadershipGroups: z.boolean(),
  readAudit: z.boolean(),
  /** The petitions worklist and case pages (clerk, handler, leader, supervisor). */
  petitions: z.boolean(),
  /** Registering petitions (clerk, leader). */
  registerPetitions: z.boolean(),
  /** Entering or importing the holiday schedule (sysadmin). */
  manageCalendar: z.boolean(),
});
export type Abilities = z.infer<typeof Abilities>;

/** The signed-in user as GET /api/v1/me, login and second-factor verification answer it. */
export const MeResponse = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  roles: z.array(RoleSchema),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  /** Whether HUIYIN_2FA obliges this account to use TOTP (then it cannot be switched off). */
  twoFactorRequired: z.boolean(),
  abilities: Abilities,
});
export type Me = z.infer<typeof MeResponse>;

/** `secondFactor` is present when the session still owes a TOTP step: enroll first, or verify. */
export const LoginResponse = z.object({
  user: MeResponse,
  secondFactor: z.enum(['enroll', 'verify']).optional(),
});
export type LoginResult = z.infer<typeof LoginResponse>;

/** A fresh TOTP secret to scan; it takes effect only after activation with a code from the app. */
export const EnrollResponse = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrDataUrl: z.string(),
});

/** A 6-digit TOTP code (activate, verify) or, for verify only, a recovery code `xxxx-xxxx`. */
export const SecondFactorCodeBody = z.object({
  code: z.string().trim().min(1, '请输入动态口令').max(32, '口令过长'),
});

/** The ten one-time recovery codes, shown once at activation. */
export const ActivateResponse = z.object({ recoveryCodes: z.array(z.string()).length(10) });

export const VerifyResponse = z.object({ user: MeResponse });

export const DisableSecondFactorBody = z.object({
  password: z.string().min(1, '请输入当前密码').max(256),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});

/** A generated password, shown once; the user must change it at the next login. */
export const ResetPasswordResponse = z.object({ password: z.string() });
