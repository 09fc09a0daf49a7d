import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { insertEvent } from '../../petitions/petitions.repository.ts';
import { ATTACHMENT_KIND } from '../../petitions/use-cases/add-attachment.ts';
import { PORTAL_REGISTRAR_NAME } from '../../petitions/use-cases/register-petition.ts';
import { claimUpload, findLiveUpload } from '../portal.repository.ts';
import { uploadTokenHash } from './upload-attachment.ts';

/** A live upload found by its token. */
export type LiveUpload = NonNullable<Awaited<ReturnType<typeof findLiveUpload>>>;

/** The 422 of an upload token that opens nothing usable (unknown, expired or used). */
function expired(index: number): never {
  throw new AppError('attachment_expired', undefined, { field: `attachments.${index}`, index });
}

/** The live uploads of a submission's tokens, in order; 422 attachment_expired naming the first that is not. */
export async function findUploads(ctx: Ctx, tokens: readonly string[]): Promise<LiveUpload[]> {
  const now = ctx.clock.now().toISOString();
  const out: LiveUpload[] = [];
  for (const [index, token] of tokens.entries()) {
    const upload = await findLiveUpload(ctx.db, uploadTokenHash(token), now);
    if (!upload) expired(index);
    out.push(upload);
  }
  return out;
}

/**
 * Makes a submission's uploads the new petition's attachments in the caller's transaction (the
 * submission's): each upload claimed once (a concurrent submission with the same token gets 422
 * attachment_expired and rolls back), its file owned by the petition as a case attachment, on the
 * timeline as 网上信访's `attach` and audited as `petition.attach` like a staff upload.
 */
export async function attachUploads(
  ctx: Ctx,
  petition: { id: string; unitId: string },
  uploads: readonly LiveUpload[],
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  for (const [index, upload] of uploads.entries()) {
    if (!(await claimUpload(ctx.db, upload, petition.id, ATTACHMENT_KIND, now))) expired(index);
    await insertEvent(ctx.db, {
      id: newId(),
      petition_id: petition.id,
      action: 'attach',
      at: now,
      happened_on: chinaDate(ctx.clock.now()),
      actor_id: null,
      actor_name: PORTAL_REGISTRAR_NAME,
      actor_unit_id: null,
      note: upload.file_name,
      data_json: JSON.stringify({ fileId: upload.file_id, size: upload.size }),
      document_id: null,
    });
    await recordAudit(ctx, {
      action: 'petition.attach',
      subjectType: 'petition',
      subjectId: petition.id,
      unitId: petition.unitId,
      after: {
        fileId: upload.file_id,
        mediaType: upload.media_type,
        size: upload.size,
        sha256: upload.sha256,
      },
      actorId: null,
      actorName: PORTAL_REGISTRAR_NAME,
    });
  }
}
