import type { TestProject } from 'vitest/node';
import { startPgCluster } from './pg-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
  }
}

/**
 * Provides a PostgreSQL server for the database tier: TEST_DATABASE_URL when given, otherwise a
 * throwaway cluster. When neither works it says so loudly; under CI=true that is a failure.
 */
export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('pgUrl', given);
    return;
  }
  try {
    const cluster = await startPgCluster();
    project.provide('pgUrl', cluster.url);
    return () => cluster.stop();
  } catch (err) {
    const msg = `\n${'!'.repeat(78)}\n!! PostgreSQL is NOT available for the database tests: ${(err as Error).message}\n!! Set TEST_DATABASE_URL or install PostgreSQL 15 server binaries.\n${'!'.repeat(78)}\n`;
    if (process.env.CI === 'true') throw new Error(msg);
    console.warn(msg);
    project.provide('pgUrl', null);
  }
}
