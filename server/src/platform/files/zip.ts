import zlib from 'node:zlib';

// A minimal reader of ZIP archives (PKWARE APPNOTE 6.3): enough to recognise OOXML packages
// (.docx, .xlsx) by their parts and to read one part back. ZIP64 and encryption are not supported;
// such archives are reported as unreadable.

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** One member of a ZIP archive, as listed in its central directory. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

/**
 * The entries of a complete ZIP archive, or null when the bytes are not one: no end-of-central-
 * directory record (a truncated download), a directory outside the file, or a broken entry.
 */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < EOCD_MIN_SIZE) return null;
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) return null;
  if (dirOffset + dirSize > eocd) return null;
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL_SIGNATURE) return null;
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    if (flags & 0x1) return null;
    if (p + 46 + nameLength > eocd) return null;
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    if (localHeaderOffset + 30 > dirOffset || buf.readUInt32LE(localHeaderOffset) !== LOCAL_SIGNATURE) {
      return null;
    }
    if (localHeaderOffset + 30 + compressedSize > dirOffset) return null;
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry (stored or deflated); throws on any other method or damage. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = entry.localHeaderOffset;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new Error(`zip entry ${entry.name} is truncated`);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) {
    const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
    if (out.length !== entry.size) throw new Error(`zip entry ${entry.name} has the wrong size`);
    return out;
  }
  throw new Error(`zip entry ${entry.name} uses unsupported method ${entry.method}`);
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - EOCD_MIN_SIZE - MAX_COMMENT);
  for (let p = buf.length - EOCD_MIN_SIZE; p >= stop; p--) {
    if (
      buf.readUInt32LE(p) === EOCD_SIGNATURE &&
      p + EOCD_MIN_SIZE + buf.readUInt16LE(p + 20) === buf.length
    ) {
      return p;
    }
  }
  return -1;
}
