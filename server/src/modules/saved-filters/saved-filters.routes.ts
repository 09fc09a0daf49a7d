import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse } from '../../../../shared/contracts/common.ts';
import {
  CreateSavedFilterBody,
  SavedFilterIdParams,
  SavedFilterListResponse,
  SavedFilterResponse,
} from '../../../../shared/contracts/saved-filters.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { created, inTransaction, readCtx, requireActor } from '../../platform/http/request-context.ts';
import { canReadPetitions } from '../petitions/petitions.policy.ts';
import { presentSavedFilter } from './saved-filters.presenter.ts';
import { findOwnSavedFilter, listSavedFilters } from './saved-filters.repository.ts';
import { deleteSavedFilter } from './use-cases/delete-saved-filter.ts';
import { saveFilter } from './use-cases/save-filter.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const security = [{ session: [] }];
const tags = ['saved-filters'];
const ROLE_MESSAGE = '您的角色不查看信访事项列表，不能保存筛选。';

/** Saved filters of the case list (the caller's own only; another user's is 404). */
export async function savedFiltersRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preValidation', async (req) => {
    requireActor(req);
  });

  app.get(
    '/api/v1/saved-filters',
    {
      schema: {
        tags,
        summary: '我保存的筛选',
        description: '只返回当前用户自己保存的筛选，按保存的先后排列。',
        security,
        response: { 200: SavedFilterListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canReadPetitions(actor), ROLE_MESSAGE);
      const rows = await listSavedFilters(readCtx(req).db, actor.userId);
      return { items: rows.map(presentSavedFilter), total: rows.length };
    },
  );

  app.post(
    '/api/v1/saved-filters',
    {
      schema: {
        tags,
        summary: '保存筛选',
        description:
          'query 是信访事项列表的查询参数（q、status、unitId、classification、mine、overdue、open、dueSoon、unassigned、sort），按列表的规则检查（400 并说明哪一项无效）；同名 409；每人最多20个（409）。',
        security,
        body: CreateSavedFilterBody,
        response: { 201: SavedFilterResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(canReadPetitions(actor), ROLE_MESSAGE);
      return created(req, reply, async (ctx) => presentSavedFilter(await saveFilter(ctx, actor, req.body)));
    },
  );

  app.delete(
    '/api/v1/saved-filters/:id',
    {
      schema: {
        tags,
        summary: '删除保存的筛选',
        description: '只能删除自己的筛选；别人的筛选对您不存在（404）。',
        security,
        params: SavedFilterIdParams,
        response: { 204: z.null().describe('已删除'), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      await inTransaction(req, async (ctx) => {
        const row = (await findOwnSavedFilter(ctx.db, actor.userId, req.params.id)) ?? notFound('筛选');
        await deleteSavedFilter(ctx, actor, row);
      });
      return reply.code(204).send(null);
    },
  );
}
