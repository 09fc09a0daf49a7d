import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Config } from '../config.ts';
import { companionDir, copyAnchors, copyStoredFiles } from './data-files.ts';
import { checkSqliteFile, durableRename, humanSize, type SqliteSummary, shellQuote } from './sqlite-file.ts';

/** The most pages sqlite3_backup_step may copy at once: the whole database in one step. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database with SQLite's online backup API while other connections keep
 * writing. The pages are copied in one step inside one read snapshot (WAL lets writers go on),
 * so the copy is the database as it was at one moment and is never restarted by a concurrent
 * write. The copy is written beside the target, checked with integrity_check, and renamed into
 * place only when it is sound.
 */
export async function backupSqlite(source: string, target: string): Promise<SqliteSummary> {
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new SqliteDatabase(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  let summary: SqliteSummary;
  try {
    summary = checkSqliteFile(partial);
    if (summary.integrity !== 'ok') throw new Error(`备份副本完整性检查失败: ${summary.integrity}`);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  durableRename(partial, target);
  return summary;
}

/**
 * `huiyin backup <file>`: an online backup of the SQLite database into a new file, safe while
 * the server runs, with the stored files and audit anchors in `<file>.data`; on PostgreSQL it
 * prints the pg_dump command instead (reliability: L2).
 */
export async function backupCommand(config: Config, args: string[]): Promise<number> {
  const [target, ...extra] = args;
  if (!target || extra.length) {
    console.error('用法: huiyin backup <备份文件>，例如 huiyin backup /srv/backup/huiyin-2026-11-29.sqlite');
    return 1;
  }
  if (config.database.dialect === 'postgres') {
    console.error(
      'PostgreSQL 数据库请用 pg_dump 备份（在线、一致，可在服务运行时执行）：\n' +
        `  pg_dump --format=custom --file=${shellQuote(target)} "$DATABASE_URL"\n` +
        '恢复到一个新建的空数据库（以数据库所有者角色执行）：\n' +
        `  pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" ${shellQuote(target)}\n` +
        '详见 README 的“部署 / Deployment”一节。',
    );
    return 1;
  }
  const source = config.database.file;
  if (!fs.existsSync(source)) {
    console.error(`没有找到数据库文件 ${source}。请检查 HUIYIN_DATA_DIR（当前为 ${config.dataDir}）。`);
    return 1;
  }
  const file = path.resolve(target);
  if (fs.existsSync(file)) {
    console.error(`备份文件 ${file} 已存在。为免覆盖旧备份，请换一个文件名（例如带上日期）。`);
    return 1;
  }
  if (!fs.existsSync(path.dirname(file))) {
    console.error(`目录 ${path.dirname(file)} 不存在，请先创建它。`);
    return 1;
  }
  const companion = companionDir(file);
  if (fs.existsSync(companion)) {
    console.error(`目录 ${companion} 已存在。为免覆盖旧备份，请换一个备份文件名。`);
    return 1;
  }
  let summary: SqliteSummary;
  let storedFiles = 0;
  try {
    copyAnchors(config.dataDir, companion);
    summary = await backupSqlite(source, file);
    storedFiles = copyStoredFiles(config.dataDir, companion);
  } catch (err) {
    console.error(`备份失败：${(err as Error).message}`);
    return 2;
  }
  console.log(
    `备份完成: ${file} (${humanSize(fs.statSync(file).size)})\n` +
      (fs.existsSync(companion) ? `  附件与文书 ${storedFiles} 个及审计锚点已复制到 ${companion}\n` : '') +
      `  完整性检查: ${summary.integrity}；单位 ${summary.units} 个，用户 ${summary.users} 名，` +
      `审计记录 ${summary.auditEntries} 条（链头序号 ${summary.auditHeadSeq ?? '-'}）。\n` +
      `  注意：加密密钥文件 ${config.keyFile} 不在备份中，请另行妥善备份，并与数据库备份分开保存。`,
  );
  return 0;
}
