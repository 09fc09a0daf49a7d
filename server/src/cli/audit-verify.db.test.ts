import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { makeTree } from '../../test/factories.ts';
import { describeEachDialect } from '../../test/harness.ts';
import { bootstrapAdministrators } from '../modules/org/use-cases/bootstrap-administrators.ts';
import { AUDIT_BROKEN_EXIT, auditVerifyCommand } from './audit-verify.ts';
import { runCommand } from './run-command.test-helper.ts';

describeEachDialect('huiyin audit-verify', (env) => {
  it('reports an intact chain with exit code 0', async () => {
    await bootstrapAdministrators(env().handle, env().config, env().clock);
    await makeTree(env());
    const n = (await env().handle.db.selectFrom('audit_log').select('seq').execute()).length;
    expect(n).toBeGreaterThan(0);
    const r = await runCommand(auditVerifyCommand, env().config, []);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`审计链完整：已核对 ${n} 条记录`);
  });

  it('names the first changed entry and exits with 2 when a row was edited in the database', async () => {
    const { db } = env().handle;
    // What an attacker with database access must do first: lift the append-only protection.
    if (env().dialect === 'sqlite') {
      await sql`DROP TRIGGER audit_log_no_update`.execute(db);
    } else {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`.execute(db);
      await sql`GRANT UPDATE ON audit_log TO CURRENT_USER`.execute(db);
    }
    await sql`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 2`.execute(db);
    const r = await runCommand(auditVerifyCommand, env().config, []);
    expect(r.code).toBe(AUDIT_BROKEN_EXIT);
    expect(r.out).toContain('审计链被破坏：第 2 条记录');
    expect(r.out).toContain('记录被改动');
  });

  it('rejects arguments it does not know', async () => {
    const r = await runCommand(auditVerifyCommand, env().config, ['--fix']);
    expect(r.code).toBe(1);
  });
});
