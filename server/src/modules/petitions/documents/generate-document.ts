import { assertIsoDate } from '../../../../../shared/calendar/dates.ts';
import type { Db } from '../../../platform/db/schema.ts';
import { safeFileName } from '../../../platform/files/attachment.ts';
import { storeFile } from '../../../platform/files/file-store.ts';
import { sniffedType } from '../../../platform/files/sniff.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { DOCUMENT_BUILDERS, formatDocumentNumber, issuerFor } from './builders.ts';
import { insertOfficialDocument, listOfficialDocuments, nextDocumentSeq } from './documents.repository.ts';
import { renderOfficialDocument } from './render-docx.ts';
import type { DocumentKind, PetitionDocumentInput } from './types.ts';

/** The owner type of petition files and documents in the file store. */
export const PETITION_OWNER = 'petition';

const DOCX = sniffedType('docx').mediaType;

/** An issued document as the case page lists it; `id` is the file id to download it by. */
export interface PetitionDocument {
  readonly id: string;
  readonly kind: DocumentKind;
  readonly title: string;
  readonly number: string;
  readonly issuedOn: string;
  readonly createdAt: string;
}

/**
 * Builds, renders and stores an official document of a petition in `ctx.db` (the caller's
 * transaction, which also audits the action that produced it). The number comes from the issuing
 * unit's counter for the year of `input.issuedOn` and is never reused; the .docx is stored with
 * owner ('petition', input.petitionId) and the kind as file kind.
 */
export async function generatePetitionDocument(
  ctx: Ctx,
  kind: DocumentKind,
  input: PetitionDocumentInput,
): Promise<{ fileId: string; number: string; title: string }> {
  assertIsoDate(input.issuedOn);
  const issuer = issuerFor(kind, input);
  const year = Number(input.issuedOn.slice(0, 4));
  const seq = await nextDocumentSeq(ctx.db, issuer.id, year);
  const number = formatDocumentNumber(issuer, year, seq);
  const model = DOCUMENT_BUILDERS[kind](input, number);
  const bytes = await renderOfficialDocument(model);
  const stored = await storeFile(ctx, {
    ownerType: PETITION_OWNER,
    ownerId: input.petitionId,
    kind,
    fileName: safeFileName(`${model.title}（${number}）.docx`),
    mediaType: DOCX,
    bytes,
  });
  await insertOfficialDocument(ctx.db, {
    file_id: stored.id,
    owner_type: PETITION_OWNER,
    owner_id: input.petitionId,
    kind,
    unit_id: issuer.id,
    year,
    seq,
    number,
    title: model.title,
    issued_on: input.issuedOn,
    created_at: ctx.clock.now().toISOString(),
  });
  return { fileId: stored.id, number, title: model.title };
}

/** The official documents of a petition in the order they were issued (wire shape of `documents`). */
export async function listPetitionDocuments(db: Db, petitionId: string): Promise<PetitionDocument[]> {
  const rows = await listOfficialDocuments(db, PETITION_OWNER, petitionId);
  return rows.map((r) => ({
    id: r.file_id,
    kind: r.kind as DocumentKind,
    title: r.title,
    number: r.number,
    issuedOn: r.issued_on,
    createdAt: r.created_at,
  }));
}
