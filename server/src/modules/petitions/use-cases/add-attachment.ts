import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { checkAttachment, type FilesTable, storeFile } from '../../../platform/files/index.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { PETITION_OWNER } from '../documents/index.ts';
import { insertEvent, type PetitionView, touchPetition } from '../petitions.repository.ts';

/** The file kind of a case's attachments in the file store (documents use their document kind). */
export const ATTACHMENT_KIND = 'attachment';

/** An attachment as the case page lists it. */
export function presentAttachment(
  f: Pick<FilesTable, 'id' | 'file_name' | 'media_type' | 'size' | 'created_at'>,
) {
  return { id: f.id, fileName: f.file_name, mediaType: f.media_type, size: f.size, createdAt: f.created_at };
}

/**
 * Adds an attachment (letter scan, photo, evidence) to a visible case: at most 20 MB, an allowed
 * type whose sniffed content matches its extension (422 attachment_rejected otherwise), stored
 * durably in the file store in the caller's transaction; on the timeline and audited as
 * `petition.attach` with its id, type, size and SHA-256 (not its name, which may name a person).
 */
export async function addAttachment(
  ctx: Ctx,
  actor: Actor,
  p: PetitionView,
  fileName: string,
  bytes: Buffer,
) {
  const checked = checkAttachment(fileName, bytes);
  const stored = await storeFile(ctx, {
    ownerType: PETITION_OWNER,
    ownerId: p.id,
    kind: ATTACHMENT_KIND,
    fileName: checked.fileName,
    mediaType: checked.type.mediaType,
    bytes,
  });
  const now = ctx.clock.now().toISOString();
  await touchPetition(ctx.db, p.id, now);
  await insertEvent(ctx.db, {
    id: newId(),
    petition_id: p.id,
    action: 'attach',
    at: now,
    happened_on: chinaDate(ctx.clock.now()),
    actor_id: actor.userId,
    actor_name: actor.name,
    actor_unit_id: actor.unitId,
    note: checked.fileName,
    data_json: JSON.stringify({ fileId: stored.id, size: stored.size }),
    document_id: null,
  });
  await recordAudit(ctx, {
    action: 'petition.attach',
    subjectType: 'petition',
    subjectId: p.id,
    unitId: p.unit_id,
    after: { fileId: stored.id, mediaType: checked.type.mediaType, size: stored.size, sha256: stored.sha256 },
  });
  return presentAttachment({
    id: stored.id,
    file_name: checked.fileName,
    media_type: checked.type.mediaType,
    size: stored.size,
    created_at: now,
  });
}
