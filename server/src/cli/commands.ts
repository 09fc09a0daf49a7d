import type { Config } from '../config.ts';

/** Further CLI commands: demo, backup, restore, audit-verify, reset-password. */
export const COMMANDS: Record<string, (config: Config, args: string[]) => Promise<number>> = {};
