import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error.ts';

export const SESSION_COOKIE = 'huiyin_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF origin rule of the contract: a state-changing request that carries the session cookie
 * must send an Origin equal to the request's own origin or the configured public origin.
 */
export function installCsrfGuard(app: FastifyInstance, publicOrigin?: string): void {
  app.addHook('onRequest', async (req) => {
    if (SAFE.has(req.method)) return;
    if (!req.cookies?.[SESSION_COOKIE]) return;
    const origin = req.headers.origin;
    const own = `${req.protocol}://${req.headers.host ?? ''}`;
    if (!origin || (origin !== own && origin !== publicOrigin)) throw new AppError('csrf_rejected');
  });
}
