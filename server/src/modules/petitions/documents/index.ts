// Official documents of a petition (.docx) and the printable receipt: the API the petitions module uses.
export {
  DOCUMENT_BUILDERS,
  defaultNumberPrefix,
  formatDateZh,
  formatDocumentNumber,
  issuerFor,
  MissingDocumentDataError,
} from './builders.ts';
export { findOfficialDocument } from './documents.repository.ts';
export {
  generatePetitionDocument,
  listPetitionDocuments,
  PETITION_OWNER,
  type PetitionDocument,
} from './generate-document.ts';
export { RECEIPT_CONTENT_SECURITY_POLICY, renderReceiptHtml, sendReceiptHtml } from './receipt.ts';
export { renderOfficialDocument } from './render-docx.ts';
export * from './types.ts';
