import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  HUIYIN_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      'must be a postgres:// URL (leave it unset for the embedded SQLite database)',
    )
    .optional(),
  HUIYIN_ADMIN_PASSWORD: z.string().min(1).optional(),
  HUIYIN_2FA: z.enum(['admins', 'all', 'off']).default('admins'),
  HUIYIN_PUBLIC_ORIGIN: z.string().url().optional(),
  HUIYIN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUIYIN_KEY_FILE: z.string().min(1).optional(),
  HUIYIN_JOBS: z.enum(['on', 'off']).default('on'),
  HUIYIN_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  HUIYIN_SMS_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'must be an http(s):// URL')
    .optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database:
    | { readonly dialect: 'sqlite'; readonly file: string }
    | { readonly dialect: 'postgres'; readonly url: string };
  readonly adminPassword?: string;
  readonly twoFactor: 'admins' | 'all' | 'off';
  readonly publicOrigin?: string;
  readonly logLevel: string;
  readonly keyFile: string;
  readonly jobs: boolean;
  readonly trustProxy: boolean;
  /** The HTTP SMS gateway (POST JSON { phone, text }); unset = the logging provider. */
  readonly smsUrl?: string;
}

/** Thrown with every problem of the environment listed, so an operator fixes them all at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once into a frozen config; nothing else reads process.env. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(clean);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.HUIYIN_DATA_DIR);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { dialect: 'postgres' as const, url: e.DATABASE_URL }
      : { dialect: 'sqlite' as const, file: path.join(dataDir, 'huiyin.sqlite') },
    adminPassword: e.HUIYIN_ADMIN_PASSWORD,
    twoFactor: e.HUIYIN_2FA,
    publicOrigin: e.HUIYIN_PUBLIC_ORIGIN?.replace(/\/$/, ''),
    logLevel: e.HUIYIN_LOG_LEVEL,
    keyFile: e.HUIYIN_KEY_FILE ? path.resolve(e.HUIYIN_KEY_FILE) : path.join(dataDir, 'secret.key'),
    jobs: e.HUIYIN_JOBS === 'on',
    trustProxy: e.HUIYIN_TRUST_PROXY === 'true',
    smsUrl: e.HUIYIN_SMS_URL,
  });
}
