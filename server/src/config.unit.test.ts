import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('works with nothing configured: SQLite in ./data, port 3000, 2FA for administrators', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ dialect: 'sqlite', file: expect.stringMatching(/data\/huiyin\.sqlite$/) });
    expect(c.twoFactor).toBe('admins');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('selects PostgreSQL with a postgres:// DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@h/db',
    });
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', HUIYIN_2FA: 'sometimes', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('HUIYIN_2FA');
      expect(problems).toContain('DATABASE_URL');
    }
  });
});
