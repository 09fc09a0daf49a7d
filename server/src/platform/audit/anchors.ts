import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/schema.ts';
import { chinaDate } from '../jobs/china-time.ts';

/** The file, outside the database, where the chain head is anchored (ADR 0003). */
export const ANCHORS_FILE = 'audit-anchors.jsonl';

/** One anchor: the chain head at a moment, so a later truncation of the chain is detectable. */
export interface AuditAnchor {
  seq: number;
  hash: string;
  at: string;
}

/** The anchors as read back: readable anchors with their line number, and unreadable line numbers. */
export interface AnchorFile {
  anchors: (AuditAnchor & { line: number })[];
  unreadable: number[];
}

/** Where the anchors of this installation live: `<dataDir>/audit-anchors.jsonl`. */
export function anchorsPath(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, ANCHORS_FILE);
}

/** The current chain head (seq 0 and the genesis hash while the trail is empty). */
export async function readAuditHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

/**
 * Appends the committed chain head as one JSON line to the anchors file and fsyncs it (and the
 * directory when the file is new), so the anchor survives a crash once this returns. Pass the
 * database handle or a transaction that has not written audit entries yet, so the anchored head
 * is a committed one.
 */
export async function anchorAuditHead(
  db: Db,
  config: Pick<Config, 'dataDir'>,
  clock: Clock,
): Promise<AuditAnchor> {
  const head = await readAuditHead(db);
  if (!head) throw new Error('audit_head is missing: the audit trail cannot be anchored');
  const anchor: AuditAnchor = { seq: head.seq, hash: head.hash, at: clock.now().toISOString() };
  await appendDurably(anchorsPath(config), `${JSON.stringify(anchor)}\n`);
  return anchor;
}

/** Whether the anchors file already has an anchor written today (China Standard Time). */
export async function hasAnchorToday(config: Pick<Config, 'dataDir'>, clock: Clock): Promise<boolean> {
  const { anchors } = await readAnchors(config);
  const today = chinaDate(clock.now());
  return anchors.some((a) => chinaDate(new Date(a.at)) === today);
}

/** Reads every anchor; a missing file means no anchors yet, a garbled line is reported by number. */
export async function readAnchors(config: Pick<Config, 'dataDir'>): Promise<AnchorFile> {
  let text: string;
  try {
    text = await fs.readFile(anchorsPath(config), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { anchors: [], unreadable: [] };
    throw err;
  }
  const out: AnchorFile = { anchors: [], unreadable: [] };
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const a = parseAnchor(raw);
    if (a) out.anchors.push({ ...a, line: i + 1 });
    else out.unreadable.push(i + 1);
  });
  return out;
}

function parseAnchor(raw: string): AuditAnchor | null {
  try {
    const v = JSON.parse(raw) as Partial<AuditAnchor>;
    if (
      typeof v.seq === 'number' &&
      Number.isInteger(v.seq) &&
      v.seq >= 0 &&
      typeof v.hash === 'string' &&
      /^[0-9a-f]{64}$/.test(v.hash) &&
      typeof v.at === 'string' &&
      !Number.isNaN(Date.parse(v.at))
    ) {
      return { seq: v.seq, hash: v.hash, at: v.at };
    }
    return null;
  } catch {
    return null;
  }
}

async function appendDurably(file: string, line: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const existed = await fs
    .stat(file)
    .then(() => true)
    .catch(() => false);
  const fh = await fs.open(file, 'a', 0o644);
  try {
    await fh.appendFile(line, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  if (!existed) {
    const dh = await fs.open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }
}
