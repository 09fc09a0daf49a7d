import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../../../shared/contracts/common.ts';
import {
  CreateLeadershipGroupBody,
  CreateUnitBody,
  CreateUserBody,
  LeadershipGroupListQuery,
  LeadershipGroupListResponse,
  LeadershipGroupResponse,
  OrgIdParams,
  UnitListQuery,
  UnitListResponse,
  UnitResponse,
  UpdateLeadershipGroupBody,
  UpdateUnitBody,
  UpdateUserBody,
  UserListQuery,
  UserListResponse,
  UserResponse,
  UserRolesBody,
} from '../../../../shared/contracts/org.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { Role } from '../../platform/http/context.ts';
import { created, inTransaction, readCtx, requireActor } from '../../platform/http/request-context.ts';
import {
  canChangeRoles,
  canEditUnit,
  canEditUser,
  canManageLeadershipGroups,
  canManageUnits,
  canManageUsers,
  canUnlockUser,
} from './org.policy.ts';
import { presentLeadershipGroups, presentUnit, presentUser } from './org.presenter.ts';
import {
  compositionsOf,
  findUnitInScope,
  findUserViewInScope,
  listLeadershipGroupsInScope,
  listUnitsInScope,
  listUsersInScope,
  rolesOf,
} from './org.repository.ts';
import { changeUserRoles } from './use-cases/change-user-roles.ts';
import { createLeadershipGroup } from './use-cases/create-leadership-group.ts';
import { createUnit } from './use-cases/create-unit.ts';
import { createUser } from './use-cases/create-user.ts';
import { getLeadershipGroup } from './use-cases/get-leadership-group.ts';
import { unlockUser } from './use-cases/unlock-user.ts';
import { updateLeadershipGroup } from './use-cases/update-leadership-group.ts';
import { updateUnit } from './use-cases/update-unit.ts';
import { updateUser } from './use-cases/update-user.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};
const security = [{ session: [] }];

/** Units, users and leadership groups (api-contract: Organisation); every read scoped in SQL. */
export async function orgRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  // Every route here needs a session; answer 401 before looking at the request's content.
  app.addHook('preValidation', async (req) => {
    requireActor(req);
  });

  // ---- Units ----

  app.get(
    '/api/v1/units',
    {
      schema: {
        tags: ['organisation'],
        summary: '单位列表（本单位及下级）',
        description: '本人单位及其全部下级单位；本人单位的 parentId 照实返回，即使上级不在可见范围内。',
        security,
        querystring: UnitListQuery,
        response: { 200: UnitListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const rows = await listUnitsInScope(readCtx(req).db, actor, req.query);
      return { items: rows.map((u) => presentUnit(actor, u)), total: rows.length };
    },
  );

  app.get(
    '/api/v1/units/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: '单位详情',
        security,
        params: OrgIdParams,
        response: { 200: UnitResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const unit = (await findUnitInScope(readCtx(req).db, actor, req.params.id)) ?? notFound('单位');
      return presentUnit(actor, unit);
    },
  );

  app.post(
    '/api/v1/units',
    {
      schema: {
        tags: ['organisation'],
        summary: '新建单位',
        description:
          '在可见的上级单位下新建单位。类型须为上级类型允许的下级类型（422 invalid_hierarchy），名称在同级中唯一（409）。',
        security,
        body: CreateUnitBody,
        response: { 201: UnitResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => {
        const parent = (await findUnitInScope(ctx.db, actor, req.body.parentId)) ?? notFound('上级单位');
        authorize(canManageUnits(actor), '只有系统管理员或单位管理员可以新建单位。');
        return presentUnit(actor, await createUnit(ctx, parent, req.body));
      });
    },
  );

  app.patch(
    '/api/v1/units/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: '修改单位（名称、是否接收网上信访）',
        security,
        params: OrgIdParams,
        body: UpdateUnitBody,
        response: { 200: UnitResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const unit = (await findUnitInScope(ctx.db, actor, req.params.id)) ?? notFound('单位');
        authorize(canEditUnit(actor, unit), '您不能修改该单位；单位管理员只能修改本单位的下级单位。');
        return presentUnit(actor, await updateUnit(ctx, unit, req.body));
      });
    },
  );

  // ---- Users ----

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['organisation'],
        summary: '用户列表（本单位及下级）',
        security,
        querystring: UserListQuery,
        response: { 200: UserListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db, clock } = readCtx(req);
      const query = req.query;
      let subtreePath: string | undefined;
      if (query.unitId) {
        const unit = (await findUnitInScope(db, actor, query.unitId)) ?? notFound('单位');
        if (query.subtree) subtreePath = unit.path;
      }
      const { rows, total } = await listUsersInScope(db, actor, {
        unitId: query.unitId,
        subtreePath,
        q: query.q || undefined,
        role: query.role,
        includeDisabled: query.includeDisabled,
        page: query.page,
        pageSize: query.pageSize,
      });
      const roles = await rolesOf(
        db,
        rows.map((r) => r.id),
      );
      const now = clock.now();
      return { items: rows.map((u) => presentUser(actor, u, roles.get(u.id) ?? [], now)), total };
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: '用户详情',
        security,
        params: OrgIdParams,
        response: { 200: UserResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db, clock } = readCtx(req);
      const user = (await findUserViewInScope(db, actor, req.params.id)) ?? notFound('用户');
      const roles = (await rolesOf(db, [user.id])).get(user.id) ?? [];
      return presentUser(actor, user, roles, clock.now());
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['organisation'],
        summary: '新建用户',
        description:
          '返回的用户不含密码；首次登录须修改密码。只能授予本人可授予的角色（403），同一账号不能兼任两个管理员角色（422 role_separation）。',
        security,
        body: CreateUserBody,
        response: { 201: UserResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => {
        const unit = (await findUnitInScope(ctx.db, actor, req.body.unitId)) ?? notFound('单位');
        authorize(canManageUsers(actor), '只有系统管理员、安全管理员或单位管理员可以新建用户。');
        const { user, roles } = await createUser(ctx, unit, req.body);
        return presentUser(actor, user, roles, ctx.clock.now());
      });
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: '修改用户（姓名、单位、停用）',
        description: '停用账号会立即结束其所有会话。不能修改或停用自己的账号。',
        security,
        params: OrgIdParams,
        body: UpdateUserBody,
        response: { 200: UserResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const target = (await findUserViewInScope(ctx.db, actor, req.params.id)) ?? notFound('用户');
        const roles = (await rolesOf(ctx.db, [target.id])).get(target.id) ?? [];
        authorize(target.id !== actor.userId, '不能在这里修改或停用自己的账号，请联系其他管理员。');
        authorize(
          canEditUser(actor, { id: target.id, roles }),
          '您不能修改该账号：管理员账号只能由安全管理员修改，普通账号由系统管理员或单位管理员修改。',
        );
        return presentUser(actor, await updateUser(ctx, target, req.body), roles, ctx.clock.now());
      });
    },
  );

  app.put(
    '/api/v1/users/:id/roles',
    {
      schema: {
        tags: ['organisation'],
        summary: '设置用户角色',
        description:
          '只能增减本人可授予的角色：系统管理员授予普通角色，只有安全管理员授予系统管理员、安全管理员、审计管理员（403）；同一账号不能兼任两个管理员角色（422）。',
        security,
        params: OrgIdParams,
        body: UserRolesBody,
        response: { 200: UserResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const target = (await findUserViewInScope(ctx.db, actor, req.params.id)) ?? notFound('用户');
        const before = (await rolesOf(ctx.db, [target.id])).get(target.id) ?? [];
        authorize(target.id !== actor.userId, '不能修改自己的角色，请联系其他管理员。');
        authorize(
          canChangeRoles(actor, { id: target.id, roles: before }),
          '您不能修改该账号的角色：管理员账号的角色只能由安全管理员修改。',
        );
        const roles = await changeUserRoles(ctx, target, before, req.body.roles as Role[]);
        return presentUser(actor, target, roles, ctx.clock.now());
      });
    },
  );

  app.post(
    '/api/v1/users/:id/unlock',
    {
      schema: {
        tags: ['organisation'],
        summary: '解除登录锁定',
        description: '解除因连续登录失败而设置的锁定（安全管理员或系统管理员）。',
        security,
        params: OrgIdParams,
        response: { 200: UserResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const target = (await findUserViewInScope(ctx.db, actor, req.params.id)) ?? notFound('用户');
        authorize(canUnlockUser(actor), '只有安全管理员或系统管理员可以解除锁定。');
        const roles = (await rolesOf(ctx.db, [target.id])).get(target.id) ?? [];
        return presentUser(actor, await unlockUser(ctx, target), roles, ctx.clock.now());
      });
    },
  );

  // ---- Leadership groups (领导小组) ----

  app.get(
    '/api/v1/leadership-groups',
    {
      schema: {
        tags: ['organisation'],
        summary: '领导小组列表（本单位及下级）',
        security,
        querystring: LeadershipGroupListQuery,
        response: { 200: LeadershipGroupListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db } = readCtx(req);
      const { unitId, page, pageSize } = req.query;
      if (unitId) (await findUnitInScope(db, actor, unitId)) ?? notFound('单位');
      const { rows, total } = await listLeadershipGroupsInScope(db, actor, { unitId, page, pageSize });
      const comp = await compositionsOf(
        db,
        rows.map((r) => r.id),
      );
      return { items: presentLeadershipGroups(actor, rows, comp), total };
    },
  );

  app.get(
    '/api/v1/leadership-groups/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: '领导小组详情',
        security,
        params: OrgIdParams,
        response: { 200: LeadershipGroupResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return (await getLeadershipGroup(readCtx(req).db, actor, req.params.id)) ?? notFound('领导小组');
    },
  );

  app.post(
    '/api/v1/leadership-groups',
    {
      schema: {
        tags: ['organisation'],
        summary: '新建领导小组',
        description:
          '成员职务：head 组长（有且只有一名）、deputy 副组长、member 成员、office_head 办公室主任、office_deputy 办公室副主任；工作组含职责和成员。所有人员须在本人管辖范围内（422 invalid_reference）。',
        security,
        body: CreateLeadershipGroupBody,
        response: { 201: LeadershipGroupResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => {
        const unit = (await findUnitInScope(ctx.db, actor, req.body.unitId)) ?? notFound('单位');
        authorize(canManageLeadershipGroups(actor), '只有领导、单位管理员或系统管理员可以维护领导小组。');
        return createLeadershipGroup(ctx, unit, req.body);
      });
    },
  );

  app.put(
    '/api/v1/leadership-groups/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: '修改领导小组（替换成员和工作组）',
        description: '带 id 的工作组保留原编号；规则同新建。',
        security,
        params: OrgIdParams,
        body: UpdateLeadershipGroupBody,
        response: { 200: LeadershipGroupResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const before = (await getLeadershipGroup(ctx.db, actor, req.params.id)) ?? notFound('领导小组');
        authorize(canManageLeadershipGroups(actor), '只有领导、单位管理员或系统管理员可以维护领导小组。');
        return updateLeadershipGroup(ctx, before, req.body);
      });
    },
  );
}
