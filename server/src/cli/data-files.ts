import fs from 'node:fs';
import path from 'node:path';
import { ANCHORS_FILE } from '../platform/audit/anchors.ts';

// What lives in the data directory beside the database and must travel with a backup: the
// stored files (attachments, generated documents) and the audit anchors. The key file does not:
// it is backed up separately by design (README, Security).

/** The directory holding a backup's files and anchors: `<backup file>.data`. */
export function companionDir(backupFile: string): string {
  return `${backupFile}.data`;
}

/** Copies the anchors file into the companion directory; done BEFORE the database snapshot so
 * that no anchor names a chain head the snapshot lacks. */
export function copyAnchors(dataDir: string, companion: string): boolean {
  const source = path.join(dataDir, ANCHORS_FILE);
  if (!fs.existsSync(source)) return false;
  fs.mkdirSync(companion, { recursive: true });
  fs.copyFileSync(source, path.join(companion, ANCHORS_FILE));
  return true;
}

/** Copies the stored files, AFTER the snapshot: files are written before their row commits and
 * never change, so every file a snapshot row names is already there. Returns how many. */
export function copyStoredFiles(fromDataDir: string, toDir: string): number {
  const source = path.join(fromDataDir, 'files');
  if (!fs.existsSync(source)) return 0;
  let n = 0;
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(source, rel), { withFileTypes: true })) {
      const r = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(r);
      else if (entry.isFile() && !entry.name.endsWith('.tmp')) {
        fs.mkdirSync(path.join(toDir, 'files', rel), { recursive: true });
        fs.copyFileSync(path.join(source, r), path.join(toDir, 'files', r));
        n++;
      }
    }
  };
  walk('');
  return n;
}

/** Puts a backup's companion directory (files and anchors) back into an empty data directory. */
export function restoreCompanion(companion: string, dataDir: string): { files: number; anchors: boolean } {
  if (!fs.existsSync(companion)) return { files: 0, anchors: false };
  const files = copyStoredFiles(companion, dataDir);
  const anchors = path.join(companion, ANCHORS_FILE);
  const hasAnchors = fs.existsSync(anchors);
  if (hasAnchors) fs.copyFileSync(anchors, path.join(dataDir, ANCHORS_FILE));
  return { files, anchors: hasAnchors };
}
