import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId, randomToken } from '../../../platform/crypto/ids.ts';
import { checkAttachment, extensionOf, safeFileName, storeFile } from '../../../platform/files/index.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { PORTAL_REGISTRAR_NAME } from '../../petitions/use-cases/register-petition.ts';
import { PORTAL_ATTACHMENTS } from '../portal.policy.ts';
import { checkUploadLimit, recordRateEvent } from '../portal.rate-limit.ts';
import { deleteUploads, insertUpload, listExpiredUploads, UPLOAD_OWNER } from '../portal.repository.ts';
import type { PortalUploadsTable } from '../portal.tables.ts';

/** The SHA-256 (hex) under which an upload token is stored; the token itself is never kept. */
export function uploadTokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** How many expired uploads one upload clears away. */
const PURGE_BATCH = 20;

/**
 * Deletes uploads that expired without a submission — their rows and their files' rows in the
 * caller's transaction, then their bytes (a file nobody submitted is not kept: PIPL, minimal
 * retention). Files a petition owns are never touched.
 */
export async function purgeExpiredUploads(ctx: Ctx): Promise<number> {
  const expired = await listExpiredUploads(ctx.db, ctx.clock.now().toISOString(), PURGE_BATCH);
  await deleteUploads(ctx.db, expired);
  for (const u of expired)
    await fsp.rm(path.join(ctx.config.dataDir, ...u.storage_path.split('/')), { force: true });
  return expired.length;
}

/** The 5 MB limit in words, for messages. */
const LIMIT_MB = PORTAL_ATTACHMENTS.maxBytes / 1024 / 1024;

/** The 413 of a file over the portal's 5 MB limit, naming the limit. */
export function uploadTooLarge(fileName?: string): AppError {
  const which = fileName ? `“${safeFileName(fileName)}”` : '所选文件';
  return new AppError(
    'payload_too_large',
    `附件${which}超过${LIMIT_MB} MB的上限，请压缩图片或拆分文件后重新上传（每个附件不超过${LIMIT_MB} MB）。`,
    { field: 'file', maxBytes: PORTAL_ATTACHMENTS.maxBytes },
  );
}

/**
 * A citizen's upload before submitting (domain: Public portal, with attachments): 15 an hour per
 * address (429), a JPG, PNG or PDF only (422 attachment_rejected), at most 5 MB (413), its content
 * sniffed by the file store's check; stored durably under a pending owner and reachable only by the
 * returned random token for 2 hours; audited as `portal.upload` (type, size, SHA-256, no name).
 * Each upload also clears away up to 20 uploads that expired unused.
 */
export async function uploadAttachment(ctx: Ctx, ipHash: string, fileName: string, bytes: Buffer) {
  await checkUploadLimit(ctx.db, ctx.clock, ipHash);
  const now = ctx.clock.now();
  const name = safeFileName(fileName);
  const extension = extensionOf(name);
  if (!(PORTAL_ATTACHMENTS.extensions as readonly string[]).includes(extension))
    throw new AppError(
      'attachment_rejected',
      `不接受附件“${name}”：网上信访只接受 JPG、PNG 图片和 PDF 文件，每个不超过${LIMIT_MB} MB。`,
      { fileName: name, reason: 'type_not_allowed' },
    );
  if (bytes.length > PORTAL_ATTACHMENTS.maxBytes) throw uploadTooLarge(name);
  const checked = checkAttachment(name, bytes);

  const id = newId();
  const token = randomToken(24);
  const stored = await storeFile(ctx, {
    ownerType: UPLOAD_OWNER,
    ownerId: id,
    kind: 'attachment',
    fileName: checked.fileName,
    mediaType: checked.type.mediaType,
    bytes,
  });
  const row: PortalUploadsTable = {
    id,
    token_hash: uploadTokenHash(token),
    ip_hash: ipHash,
    file_id: stored.id,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + PORTAL_ATTACHMENTS.ttlMs).toISOString(),
    petition_id: null,
    used_at: null,
  };
  await insertUpload(ctx.db, row);
  await recordRateEvent(ctx.db, ctx.clock, ipHash, 'upload');
  await purgeExpiredUploads(ctx);
  await recordAudit(ctx, {
    action: 'portal.upload',
    subjectType: 'file',
    subjectId: stored.id,
    unitId: null,
    after: { mediaType: checked.type.mediaType, size: stored.size, sha256: stored.sha256 },
    actorId: null,
    actorName: PORTAL_REGISTRAR_NAME,
  });
  return {
    token,
    fileName: checked.fileName,
    mediaType: checked.type.mediaType,
    size: stored.size,
    expiresAt: row.expires_at,
  };
}
