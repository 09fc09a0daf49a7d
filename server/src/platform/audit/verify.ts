import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { AuditLogTable, Db } from '../db/schema.ts';
import { readAnchors } from './anchors.ts';
import { AUDIT_ALG, GENESIS_HASH, hashEntry } from './audit.ts';

/** Entries read per query while verifying: the table is never held in memory as a whole. */
export const VERIFY_BATCH_SIZE = 2000;

/** The outcome of a verification run (api-contract: Audit, GET /api/v1/audit/verify). */
export interface AuditVerifyResult {
  ok: boolean;
  /** Entries read and recomputed. */
  checked: number;
  /** The first entry (seq) that was changed, removed, inserted or moved, or where the chain falls short. */
  brokenAt?: number;
  /** What is wrong, in Chinese, for the auditor. */
  reason?: string;
  anchors: { checked: number; ok: boolean };
}

interface Finding {
  at: number;
  reason: string;
}

/**
 * Recomputes the audit hash chain in seq order, batch by batch, and checks the external anchors
 * and the chain head (ADR 0003): an edited entry, a deleted one (a gap in seq), an inserted or
 * reordered one, a changed prev_hash, a head that does not match the last entry, and a chain
 * that ends before (or differs from) an anchored head are all reported with the first affected seq.
 */
export async function verifyAuditChain(
  db: Db,
  config: Pick<Config, 'dataDir'>,
  opts: { batchSize?: number } = {},
): Promise<AuditVerifyResult> {
  const batchSize = opts.batchSize ?? VERIFY_BATCH_SIZE;
  const findings: Finding[] = [];
  let anchorsChecked = 0;
  let anchorsOk = true;

  // Head and the highest seq in one statement, hence from one snapshot: rows committed later
  // (the trail keeps growing while this runs) are outside this run.
  const snap = await sql<{ head_seq: number | null; head_hash: string | null; max_seq: number | null }>`
    SELECT (SELECT seq FROM audit_head WHERE id = 1) AS head_seq,
           (SELECT hash FROM audit_head WHERE id = 1) AS head_hash,
           (SELECT MAX(seq) FROM audit_log) AS max_seq`.execute(db);
  const s = snap.rows[0];
  const headSeq = s?.head_seq == null ? null : Number(s.head_seq);
  const maxSeq = s?.max_seq == null ? 0 : Number(s.max_seq);

  const file = await readAnchors(config);
  const anchorsBySeq = new Map<number, { hash: string; at: string; line: number }[]>();
  for (const a of file.anchors) {
    const list = anchorsBySeq.get(a.seq) ?? [];
    list.push(a);
    anchorsBySeq.set(a.seq, list);
  }
  for (const line of file.unreadable) {
    anchorsOk = false;
    findings.push({
      at: Number.POSITIVE_INFINITY,
      reason: `外部锚点文件第 ${line} 行无法读取（锚点文件被改动或损坏）。`,
    });
  }
  const checkAnchors = (seq: number, hash: string) => {
    for (const a of anchorsBySeq.get(seq) ?? []) {
      anchorsChecked++;
      if (a.hash !== hash) {
        anchorsOk = false;
        findings.push({
          at: seq,
          reason: `第 ${seq} 条记录与 ${a.at} 的外部锚点不符：该条及其之前的记录被改写过。`,
        });
      }
    }
  };
  checkAnchors(0, GENESIS_HASH);

  let checked = 0;
  let last = 0;
  let prevHash = GENESIS_HASH;
  let chainBroken = false;
  while (last < maxSeq) {
    const rows: AuditLogTable[] = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', last)
      .where('seq', '<=', maxSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      checked++;
      if (!chainBroken) {
        const problem = chainProblem(row, last + 1, prevHash);
        if (problem) {
          chainBroken = true;
          findings.push(problem);
        }
      }
      checkAnchors(row.seq, row.hash);
      prevHash = row.hash;
      last = row.seq;
    }
  }

  for (const [seq, list] of anchorsBySeq) {
    if (seq <= last) continue;
    for (const a of list) {
      anchorsChecked++;
      anchorsOk = false;
      findings.push({
        at: last + 1,
        reason: `审计记录在第 ${last} 条之后被截断：${a.at} 的外部锚点记录了第 ${seq} 条。`,
      });
    }
  }

  if (headSeq === null) {
    findings.push({ at: last + 1, reason: '链头（audit_head）缺失，无法确认最后一条记录。' });
  } else if (headSeq > last) {
    findings.push({
      at: last + 1,
      reason: `链头记录到第 ${headSeq} 条，但审计表只到第 ${last} 条：尾部记录被删除。`,
    });
  } else if (headSeq < last) {
    findings.push({
      at: headSeq + 1,
      reason: `第 ${headSeq + 1} 条起的记录不在链头之内：记录是绕过系统插入的。`,
    });
  } else if (s?.head_hash !== prevHash) {
    findings.push({ at: last, reason: `链头哈希与第 ${last} 条记录的哈希不符。` });
  }

  if (findings.length === 0) return { ok: true, checked, anchors: { checked: anchorsChecked, ok: true } };
  const first = findings.reduce((a, b) => (b.at < a.at ? b : a));
  return {
    ok: false,
    checked,
    ...(Number.isFinite(first.at) ? { brokenAt: first.at } : {}),
    reason: first.reason,
    anchors: { checked: anchorsChecked, ok: anchorsOk },
  };
}

function chainProblem(row: AuditLogTable, expected: number, prevHash: string): Finding | null {
  if (row.seq !== expected) {
    return {
      at: expected,
      reason:
        expected === row.seq - 1
          ? `第 ${expected} 条记录缺失：记录被删除。`
          : `第 ${expected} 至 ${row.seq - 1} 条记录缺失：记录被删除。`,
    };
  }
  if (row.alg !== AUDIT_ALG) {
    return {
      at: row.seq,
      reason: `第 ${row.seq} 条记录的哈希算法（${row.alg}）不是 ${AUDIT_ALG}：记录被改动。`,
    };
  }
  if (row.prev_hash !== prevHash) {
    return {
      at: row.seq,
      reason: `第 ${row.seq} 条记录与前一条记录的链接不符：记录被插入、调换顺序或其前序哈希被改动。`,
    };
  }
  if (hashEntry(row) !== row.hash) {
    return { at: row.seq, reason: `第 ${row.seq} 条记录的内容与其哈希不符：记录被改动。` };
  }
  return null;
}
