import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { createDb } from '../platform/db/create-db.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { companionDir, restoreCompanion } from './data-files.ts';
import {
  checkSqliteFile,
  durableRename,
  existingSqliteFiles,
  type SqliteSummary,
  shellQuote,
} from './sqlite-file.ts';

/**
 * `huiyin restore <file>`: puts a SQLite backup in place as the database of an empty data
 * directory (never over an existing database) together with its stored files and audit anchors
 * from `<file>.data`, checks its integrity and migrates it to the current schema. On PostgreSQL it prints the pg_restore command instead.
 */
export async function restoreCommand(config: Config, args: string[]): Promise<number> {
  const [source, ...extra] = args;
  if (!source || extra.length) {
    console.error('用法: huiyin restore <备份文件>（恢复到一个还没有数据库的数据目录）');
    return 1;
  }
  if (config.database.dialect === 'postgres') {
    console.error(
      'PostgreSQL 数据库请用 pg_restore 从 pg_dump 的备份恢复到一个新建的空数据库：\n' +
        `  pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" ${shellQuote(source)}\n` +
        '然后执行 huiyin migrate。详见 README 的“部署 / Deployment”一节。',
    );
    return 1;
  }
  const backup = path.resolve(source);
  if (!fs.existsSync(backup)) {
    console.error(`找不到备份文件 ${backup}。`);
    return 1;
  }
  if (fs.existsSync(`${backup}-wal`)) {
    console.error(
      `${backup} 旁边有 -wal 文件：它像是一个正在使用的数据库，而不是 huiyin backup 生成的备份。` +
        '请用 huiyin backup 生成备份后再恢复。',
    );
    return 1;
  }
  const target = config.database.file;
  const present = existingSqliteFiles(target);
  if (present.length) {
    console.error(
      `数据目录 ${config.dataDir} 中已有数据库（${present.map((f) => path.basename(f)).join('、')}），` +
        '恢复只能在没有数据库的空数据目录中进行，以免覆盖现有数据。' +
        '请把 HUIYIN_DATA_DIR 指向一个新的空目录后重试。',
    );
    return 1;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.restoring`;
  fs.rmSync(partial, { force: true });
  fs.copyFileSync(backup, partial, fs.constants.COPYFILE_EXCL);
  let summary: SqliteSummary;
  try {
    summary = checkSqliteFile(partial);
    if (summary.integrity !== 'ok') {
      console.error(`备份文件完整性检查失败，未恢复：${summary.integrity}`);
      fs.rmSync(partial, { force: true });
      return 2;
    }
  } catch (err) {
    fs.rmSync(partial, { force: true });
    console.error(`无法恢复：${(err as Error).message}`);
    return 2;
  }
  durableRename(partial, target);
  const companion = restoreCompanion(companionDir(backup), config.dataDir);

  const handle = createDb(config.database);
  try {
    const migrated = await migrateToLatest(handle.db);
    const integrity = String(handle.sqlite?.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') {
      console.error(`恢复后的数据库完整性检查失败: ${integrity}`);
      return 2;
    }
    console.log(
      `已恢复到 ${target}\n` +
        `  完整性检查: ${integrity}；单位 ${summary.units} 个，用户 ${summary.users} 名，` +
        `审计记录 ${summary.auditEntries} 条（链头序号 ${summary.auditHeadSeq ?? '-'}）。\n` +
        `  ${migrated.length ? `已迁移到最新结构: ${migrated.join(', ')}` : '数据库结构已是最新。'}\n` +
        `  附件与文书 ${companion.files} 个${companion.anchors ? '，审计锚点文件' : ''}已恢复。\n` +
        (fs.existsSync(config.keyFile)
          ? ''
          : `  启动服务之前，请先把单独备份的加密密钥文件放回 ${config.keyFile}：服务找不到它会生成新密钥，已加密的个人信息将无法读取。\n`) +
        '  建议接着运行 huiyin audit-verify 核对审计链。',
    );
  } finally {
    await handle.close();
  }
  return 0;
}
