import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { newId, randomToken } from '../crypto/ids.ts';
import type { Db } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { chinaDate } from '../jobs/china-time.ts';
import type { FilesTable } from './files.schema.ts';

export type { FilesTable } from './files.schema.ts';

/** What to store: the owner record, the file's role for it, its name, media type and bytes. */
export interface StoreFileInput {
  readonly ownerType: string;
  readonly ownerId: string;
  readonly kind: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

/** A stored file's id, SHA-256 (hex) and size in bytes. */
export interface StoredFile {
  readonly id: string;
  readonly sha256: string;
  readonly size: number;
}

/** The SHA-256 of bytes as lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Stores bytes durably under `<dataDir>/files/<yyyy>/<mm>/<id>` (temp file → fsync → rename →
 * fsync of the directory, reliability.md L0) and inserts the `files` row in `ctx.db`, the caller's
 * transaction. The bytes are on disk before the row exists; if the transaction rolls back later,
 * the bytes stay behind without a row and are never served.
 */
export async function storeFile(ctx: Ctx, input: StoreFileInput): Promise<StoredFile> {
  const id = newId();
  const createdAt = ctx.clock.now().toISOString();
  const [yyyy, mm] = chinaDate(ctx.clock.now()).split('-') as [string, string];
  const storagePath = path.posix.join('files', yyyy, mm, id);
  const absolute = path.join(ctx.config.dataDir, ...storagePath.split('/'));
  const sha256 = sha256Hex(input.bytes);
  await writeFileDurably(absolute, input.bytes);
  try {
    await ctx.db
      .insertInto('files')
      .values({
        id,
        owner_type: input.ownerType,
        owner_id: input.ownerId,
        kind: input.kind,
        file_name: input.fileName,
        media_type: input.mediaType,
        size: input.bytes.length,
        sha256,
        storage_path: storagePath,
        created_at: createdAt,
        created_by: ctx.actor?.userId ?? null,
      })
      .execute();
  } catch (err) {
    await fsp.rm(absolute, { force: true });
    throw err;
  }
  return { id, sha256, size: input.bytes.length };
}

/** The `files` row of an id, or undefined. Callers check that its owner is visible to the actor. */
export async function findFile(db: Db, id: string): Promise<FilesTable | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The files of one owner (optionally of one kind), oldest first. */
export async function listFiles(
  db: Db,
  ownerType: string,
  ownerId: string,
  kind?: string,
): Promise<FilesTable[]> {
  let q = db
    .selectFrom('files')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('created_at').orderBy('id').execute();
}

/** Thrown when a stored file is missing on disk or its bytes no longer match their SHA-256. */
export class StoredFileDamagedError extends Error {
  constructor(
    readonly fileId: string,
    reason: string,
  ) {
    super(`Stored file ${fileId} is damaged: ${reason}. Restore the data directory's files/ from a backup.`);
    this.name = 'StoredFileDamagedError';
  }
}

/**
 * Reads a stored file: its row and bytes, or undefined for an unknown id. The bytes are checked
 * against the recorded SHA-256; a missing or altered file throws `StoredFileDamagedError` (a 500,
 * never silently wrong content).
 */
export async function readFile(
  db: Db,
  config: Pick<Config, 'dataDir'>,
  id: string,
): Promise<{ row: FilesTable; bytes: Buffer } | undefined> {
  const row = await findFile(db, id);
  if (!row) return undefined;
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(path.join(config.dataDir, ...row.storage_path.split('/')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredFileDamagedError(id, 'missing');
    throw err;
  }
  if (bytes.length !== row.size || sha256Hex(bytes) !== row.sha256) {
    throw new StoredFileDamagedError(id, 'content does not match its SHA-256');
  }
  return { row, bytes };
}

/**
 * Writes a file so that it survives a crash once this resolves: write to a temporary file in the
 * same directory, fsync it, rename it into place, then fsync the directory (and every directory
 * this call had to create, so their entries are durable too).
 */
export async function writeFileDurably(target: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  const firstCreated = await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(target)}.${randomToken(6)}.tmp`);
  try {
    const fh = await fsp.open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, target);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await fsyncDirectory(dir);
  if (firstCreated) {
    let d = dir;
    const stop = path.dirname(firstCreated);
    while (d !== stop && d !== path.dirname(d)) {
      d = path.dirname(d);
      await fsyncDirectory(d);
    }
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
