import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

// File-level helpers for SQLite backups: integrity check, durable rename, a short summary.

/** What a backup or restored database holds, printed so the operator can compare. */
export interface SqliteSummary {
  integrity: string;
  units: number;
  users: number;
  auditEntries: number;
  auditHeadSeq: number | null;
}

/**
 * Opens a database file, turns it into a self-contained rollback-journal file (no -wal beside it),
 * runs `PRAGMA integrity_check` and counts the main tables. Throws when it is not a Huiyin database.
 */
export function checkSqliteFile(file: string): SqliteSummary {
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const tables = new Set(
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
      ).map((t) => t.name),
    );
    for (const t of ['units', 'users', 'audit_log', 'audit_head'])
      if (!tables.has(t)) throw new Error(`${file} 不是回音的数据库（缺少表 ${t}）`);
    const count = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    const head = db.prepare('SELECT seq FROM audit_head WHERE id = 1').get() as { seq: number } | undefined;
    return {
      integrity,
      units: count('units'),
      users: count('users'),
      auditEntries: count('audit_log'),
      auditHeadSeq: head?.seq ?? null,
    };
  } finally {
    db.close();
  }
}

/** Flushes a file's bytes to the disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Renames a fully written file into place and makes the rename itself durable (fsync of the directory). */
export function durableRename(from: string, to: string): void {
  fsyncFile(from);
  fs.renameSync(from, to);
  const dir = fs.openSync(path.dirname(to), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

/** The file and its SQLite companions (-wal, -shm, -journal) that exist. */
export function existingSqliteFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`].filter((f) => fs.existsSync(f));
}

/** A human size, e.g. "1.4 MB". */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Quotes a path for a POSIX shell command line the operator may copy. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
