import type { FastifyInstance } from 'fastify';

/** The audit trail for auditors (api-contract: Audit). */
export async function auditRoutes(_app: FastifyInstance): Promise<void> {}
