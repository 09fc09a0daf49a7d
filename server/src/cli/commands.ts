import type { Config } from '../config.ts';
import { auditVerifyCommand } from './audit-verify.ts';
import { backupCommand } from './backup.ts';
import { demoCommand } from './demo.ts';
import { resetPasswordCommand } from './reset-password.ts';
import { restoreCommand } from './restore.ts';

/** Further CLI commands: demo, backup, restore, audit-verify, reset-password. */
export const COMMANDS: Record<string, (config: Config, args: string[]) => Promise<number>> = {
  demo: demoCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'audit-verify': auditVerifyCommand,
  'reset-password': resetPasswordCommand,
};
