// The file store: durable bytes under <dataDir>/files with a `files` row, content sniffing,
// attachment checks and safe downloads.
export {
  ALLOWED_ATTACHMENT_EXTENSIONS,
  type AttachmentRejection,
  type CheckedAttachment,
  checkAttachment,
  extensionOf,
  MAX_ATTACHMENT_BYTES,
  safeFileName,
} from './attachment.ts';
export {
  type FilesTable,
  findFile,
  listFiles,
  readFile,
  type StoredFile,
  StoredFileDamagedError,
  type StoreFileInput,
  sha256Hex,
  storeFile,
  writeFileDurably,
} from './file-store.ts';
export { attachmentDisposition, sendStoredFile } from './send-file.ts';
export { type Sniffed, type SniffedKind, sniffedType, sniffMediaType } from './sniff.ts';
