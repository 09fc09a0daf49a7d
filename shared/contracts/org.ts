import { z } from 'zod';
import { RoleSchema } from './auth.ts';
import { PageQuery } from './common.ts';

// Wire shapes of the organisation module (api-contract: Organisation): units, users and
// leadership groups (领导小组). Every record carries the caller's `abilities` on it.

export const UNIT_KINDS = ['county', 'township', 'village', 'department', 'office'] as const;
export const UnitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKindSchema>;

/** A record id: opaque, but only of letters, digits and `_ . : -` (ids are UUIDs). */
const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确');

/** `{id}` in the path of an organisation record. */
export const OrgIdParams = z.object({ id: Id });
/** A query flag written `true` or `false`. */
const QueryFlag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

const UnitName = z.string().trim().min(1, '请填写单位名称').max(60, '单位名称最多60个字');

export const UnitAbilities = z.object({
  /** Rename it or change whether it accepts online petitions. */
  edit: z.boolean(),
  /** Create a unit below it. */
  createChild: z.boolean(),
});

export const UnitResponse = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: UnitKindSchema,
  acceptsOnline: z.boolean(),
  abilities: UnitAbilities,
});
export type Unit = z.infer<typeof UnitResponse>;

export const UnitListResponse = z.object({ items: z.array(UnitResponse), total: z.number().int() });

export const UnitListQuery = z.object({
  /** Only units of this kind (e.g. townships for a picker). */
  kind: UnitKindSchema.optional(),
});

export const CreateUnitBody = z.object({
  name: UnitName,
  kind: UnitKindSchema,
  parentId: Id,
  /** Whether the public portal offers this unit; defaults to true for county, township and department. */
  acceptsOnline: z.boolean().optional(),
});
export type CreateUnitInput = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z
  .object({ name: UnitName.optional(), acceptsOnline: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.acceptsOnline !== undefined, {
    message: '请至少修改一项：name 或 acceptsOnline',
  });
export type UpdateUnitInput = z.infer<typeof UpdateUnitBody>;

export const USERNAME_PATTERN = /^[a-zA-Z0-9_.-]{3,32}$/;
const Username = z.string().regex(USERNAME_PATTERN, '用户名须为3到32位的字母、数字或 _ . - 字符');
const PersonName = z.string().trim().min(1, '请填写姓名').max(60, '姓名最多60个字');
const Roles = z
  .array(RoleSchema)
  .min(1, '请至少选择一个角色')
  .max(8)
  .transform((r) => [...new Set(r)]);

export const UserAbilities = z.object({
  /** Change name, unit or disabled. */
  edit: z.boolean(),
  /** Change roles (only those the caller may grant). */
  grantRoles: z.boolean(),
  /** Set a new password for the account. */
  resetPassword: z.boolean(),
  /** Disable or re-enable the account. */
  disable: z.boolean(),
  /** Switch off a lost authenticator so the user enrols again (secadmin). */
  resetSecondFactor: z.boolean(),
});

export const UserResponse = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  roles: z.array(RoleSchema),
  disabled: z.boolean(),
  /** Locked after repeated login failures (until `lockedUntil`). */
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  abilities: UserAbilities,
});
export type User = z.infer<typeof UserResponse>;

export const UserListResponse = z.object({ items: z.array(UserResponse), total: z.number().int() });

export const UserListQuery = PageQuery.extend({
  /** Users of this unit (404 when it is outside the caller's scope). */
  unitId: Id.optional(),
  /** With `unitId`: include the users of every unit below it. */
  subtree: QueryFlag,
  /** Part of the username or the name. */
  q: z.string().trim().max(60).optional(),
  role: RoleSchema.optional(),
  includeDisabled: QueryFlag,
});

export const CreateUserBody = z.object({
  username: Username,
  password: z.string().min(1, '请填写初始密码').max(256),
  name: PersonName,
  unitId: Id,
  roles: Roles,
});
export type CreateUserInput = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({ name: PersonName.optional(), unitId: Id.optional(), disabled: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.unitId !== undefined || b.disabled !== undefined, {
    message: '请至少修改一项：name、unitId 或 disabled',
  });
export type UpdateUserInput = z.infer<typeof UpdateUserBody>;

export const UserRolesBody = z.object({ roles: Roles });

export const POSITIONS = ['head', 'deputy', 'member', 'office_head', 'office_deputy'] as const;
/** 组长, 副组长, 成员, 办公室主任, 办公室副主任. */
export const PositionSchema = z.enum(POSITIONS);
export type Position = z.infer<typeof PositionSchema>;

const GroupTitle = z.string().trim().min(1, '请填写领导小组名称').max(100, '名称最多100个字');

const GroupComposition = {
  title: GroupTitle,
  /** A campaign or special period (专项工作/特殊时期) the group serves, if any. */
  campaign: z.string().trim().max(100).nullish(),
  members: z
    .array(z.object({ userId: Id, position: PositionSchema }))
    .min(1, '请至少添加组长')
    .max(200),
  workGroups: z
    .array(
      z.object({
        /** The id of an existing work group of this group, to keep it when replacing (PUT). */
        id: Id.optional(),
        name: z.string().trim().min(1, '请填写工作组名称').max(60),
        duties: z.string().trim().max(2000).default(''),
        memberIds: z.array(Id).max(200).default([]),
      }),
    )
    .max(30)
    .default([]),
};

export const CreateLeadershipGroupBody = z.object({ unitId: Id, ...GroupComposition });
export type CreateLeadershipGroupInput = z.infer<typeof CreateLeadershipGroupBody>;

export const UpdateLeadershipGroupBody = z.object(GroupComposition);
export type LeadershipGroupComposition = z.infer<typeof UpdateLeadershipGroupBody>;

export const LeadershipGroupResponse = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  campaign: z.string().nullable(),
  members: z.array(z.object({ userId: z.string(), name: z.string(), position: PositionSchema })),
  workGroups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      duties: z.string(),
      members: z.array(z.object({ userId: z.string(), name: z.string() })),
    }),
  ),
  createdAt: z.string(),
  abilities: z.object({ edit: z.boolean() }),
});
export type LeadershipGroup = z.infer<typeof LeadershipGroupResponse>;

export const LeadershipGroupListResponse = z.object({
  items: z.array(LeadershipGroupResponse),
  total: z.number().int(),
});

export const LeadershipGroupListQuery = PageQuery.extend({
  /** Groups of this unit (404 when it is outside the caller's scope). */
  unitId: Id.optional(),
});
