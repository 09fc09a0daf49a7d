import crypto from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes, installAuthentication } from './modules/auth/auth.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { withPublicAddressRedaction } from './modules/portal/portal.request-log.ts';
import { installCsrfGuard } from './platform/http/csrf.ts';
// Every job definition, so that use cases can enqueue jobs by name in their transaction.
import './platform/jobs/catalogue.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import type { AppDeps } from './platform/http/request-context.ts';
import { installWebApp } from './platform/http/web-app.ts';
import { VERSION } from './version.ts';

export interface BuildOptions {
  /** pino options or false; tests pass false. */
  logger?: boolean | Record<string, unknown>;
  /** Serve the built web app from web/dist (off in route tests). */
  serveWeb?: boolean;
}

/** Builds the Fastify app from its dependencies; it never listens (tests use inject). */
export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withPublicAddressRedaction(opts.logger ?? false),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('deps', deps);
  app.decorateRequest('actor', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // Graceful shutdown: in-flight requests finish, and their keep-alive sockets are closed after
  // the answer so that close() does not wait for the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', String(req.id));
    if (closing) reply.header('connection', 'close');
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its component styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    hsts: false,
  });
  await app.register(cookie);
  installCsrfGuard(app, deps.config.publicOrigin);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Huiyin (回音) API', version: VERSION, description: '件件有着落，事事有回音' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'huiyin_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installAuthentication(app);

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Liveness and database check',
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), version: z.string() }),
        },
      },
    },
    async () => {
      await sql`SELECT 1`.execute(deps.handle.db);
      return { status: 'ok' as const, db: deps.handle.dialect, version: VERSION };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(auditRoutes);
  await app.register(calendarRoutes);
  await app.register((await import('./modules/petitions/petitions.routes.ts')).petitionsRoutes);
  await app.register((await import('./modules/petitions/ledger/ledger.routes.ts')).ledgerRoutes);
  await app.register((await import('./modules/portal/portal.routes.ts')).portalRoutes);
  await app.register((await import('./modules/receptions/receptions.routes.ts')).receptionsRoutes);
  await app.register((await import('./modules/supervision/supervision.routes.ts')).supervisionRoutes);
  await app.register((await import('./modules/ownership/ownership.routes.ts')).ownershipRoutes);
  await app.register((await import('./modules/saved-filters/saved-filters.routes.ts')).savedFiltersRoutes);
  await app.register((await import('./platform/notify/notify.routes.ts')).notifyRoutes);

  if (opts.serveWeb) await installWebApp(app);
  return app;
}
