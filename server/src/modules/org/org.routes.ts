import type { FastifyInstance } from 'fastify';

/** Units, users and leadership groups (api-contract: Organisation). */
export async function orgRoutes(_app: FastifyInstance): Promise<void> {}
