import fs from 'node:fs';
import type { Config } from '../config.ts';
import { verifyAuditChain } from '../platform/audit/verify.ts';
import { createDb } from '../platform/db/create-db.ts';

/** Exit code when the chain or its anchors show tampering, distinct from usage errors (1). */
export const AUDIT_BROKEN_EXIT = 2;

/**
 * `huiyin audit-verify`: recomputes the audit hash chain and checks the external anchors, prints
 * the outcome and the first broken entry; exit code 0 when intact, 2 when broken (for cron and
 * monitoring). Reads only: it neither migrates nor writes.
 */
export async function auditVerifyCommand(config: Config, args: string[]): Promise<number> {
  if (args.length) {
    console.error('用法: huiyin audit-verify（不带参数）');
    return 1;
  }
  if (config.database.dialect === 'sqlite' && !fs.existsSync(config.database.file)) {
    console.error(
      `没有找到数据库文件 ${config.database.file}。请检查 HUIYIN_DATA_DIR（当前为 ${config.dataDir}）。`,
    );
    return 1;
  }
  const handle = createDb(config.database);
  try {
    const result = await verifyAuditChain(handle.db, config);
    const anchors =
      result.anchors.checked === 0
        ? '尚无外部锚点可核对（服务运行时每天写入一次）'
        : `外部锚点 ${result.anchors.checked} 个${result.anchors.ok ? '全部相符' : '有不符'}`;
    if (result.ok) {
      console.log(`审计链完整：已核对 ${result.checked} 条记录，${anchors}。`);
      return 0;
    }
    console.error(
      `审计链被破坏：${result.brokenAt !== undefined ? `第 ${result.brokenAt} 条记录（seq ${result.brokenAt}）。` : ''}\n` +
        `  ${result.reason ?? ''}\n` +
        `  已核对 ${result.checked} 条记录，${anchors}。请保全现场（数据库文件与锚点文件），并报告安全管理员和审计管理员。`,
    );
    return AUDIT_BROKEN_EXIT;
  } finally {
    await handle.close();
  }
}
