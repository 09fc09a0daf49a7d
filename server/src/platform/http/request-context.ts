import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Clock } from '../clock.ts';
import { blindIndex, loadKeyRing } from '../crypto/sm4.ts';
import type { DbHandle } from '../db/create-db.ts';
import type { Db } from '../db/schema.ts';
import { AppError } from './app-error.ts';
import type { Actor, Ctx } from './context.ts';

/** What the app is built from; tests build it with a fixed clock and a throwaway database. */
export interface AppDeps {
  readonly config: Config;
  readonly handle: DbHandle;
  readonly clock: Clock;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    /** Set by the authentication hook when a fully authenticated session is present. */
    actor: Actor | null;
  }
}

/** The actor of the request, or 401: second_factor_required while a TOTP step is owed, else unauthenticated. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError(req.pendingSession ? 'second_factor_required' : 'unauthenticated');
  return req.actor;
}

/** A context outside any transaction, for reads. */
export function readCtx(req: FastifyRequest): Ctx {
  const { deps } = req.server;
  return { db: deps.handle.db, actor: req.actor, clock: deps.clock, config: deps.config, meta: metaOf(req) };
}

function metaOf(req: FastifyRequest) {
  return { ip: req.ip ?? null, requestId: String(req.id) };
}

/** Runs a use case in one transaction with a context built from the request; the route owns it. */
export async function inTransaction<T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const { deps } = req.server;
  return deps.handle.db
    .transaction()
    .execute((trx) =>
      fn({ db: trx, actor: req.actor, clock: deps.clock, config: deps.config, meta: metaOf(req) }),
    );
}

const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * A create: runs in one transaction, answers 201, and honours `Idempotency-Key`: the first result
 * is stored in the same transaction as the record, so a retry returns it and creates nothing.
 */
export async function created<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  fn: (ctx: Ctx) => Promise<T>,
  status = 201,
): Promise<T> {
  const key = headerKey(req);
  if (!key) {
    const out = await inTransaction(req, fn);
    reply.code(status);
    return out;
  }
  // Citizens have no account: their retries are told apart by a keyed hash of the address, so no
  // plaintext address is kept (reliability: PIPL).
  const scope = req.actor
    ? `user:${req.actor.userId}`
    : `ip:${blindIndex(loadKeyRing(req.server.deps.config), `idempotency:${req.ip}`)}`;
  const { db } = req.server.deps.handle;
  const replay = await findStored(db, scope, key);
  if (replay) return replayStored(req, reply, replay);
  try {
    const out = await inTransaction(req, async (ctx) => {
      const result = await fn(ctx);
      await ctx.db
        .insertInto('idempotency_keys')
        .values({
          scope,
          key,
          method: req.method,
          path: req.routeOptions.url ?? req.url,
          status,
          body: JSON.stringify(result ?? null),
          created_at: ctx.clock.now().toISOString(),
        })
        .execute();
      return result;
    });
    reply.code(status);
    return out;
  } catch (err) {
    // A concurrent request with the same key committed first: answer with its result.
    const stored = await findStored(db, scope, key);
    if (stored) return replayStored(req, reply, stored);
    throw err;
  }
}

function headerKey(req: FastifyRequest): string | null {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v) return null;
  if (v.length > 200)
    throw new AppError('validation_failed', 'Idempotency-Key 过长（最多200个字符）。', {
      field: 'Idempotency-Key',
    });
  return v;
}

async function findStored(db: Db, scope: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

function replayStored(
  req: FastifyRequest,
  reply: FastifyReply,
  stored: { method: string; path: string; status: number; body: string },
) {
  const path = req.routeOptions.url ?? req.url;
  if (stored.method !== req.method || stored.path !== path) {
    throw new AppError('validation_failed', '该 Idempotency-Key 已用于另一个请求，请为新请求使用新的键。', {
      field: 'Idempotency-Key',
    });
  }
  reply.code(stored.status).header('idempotent-replay', 'true');
  return JSON.parse(stored.body);
}
