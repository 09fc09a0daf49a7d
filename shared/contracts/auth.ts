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

export const MeResponse = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string().optional(),
  roles: z.array(RoleSchema),
  mustChangePassword: z.boolean().optional(),
  totpEnabled: z.boolean().optional(),
});
export type Me = z.infer<typeof MeResponse>;

export const LoginResponse = z.object({
  user: MeResponse,
  secondFactor: z.enum(['enroll', 'verify']).optional(),
});
