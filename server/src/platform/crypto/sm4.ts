import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';

// Field encryption at rest (reliability: Personal information): SM4-CBC with a random IV,
// authenticated with HMAC-SM3 over version, IV and ciphertext (encrypt-then-MAC), because Node's
// OpenSSL has no SM4-GCM. Three keys are derived from one master key kept in a file outside the
// database: one to encrypt, one to authenticate, one for blind indexes (keyed SM3 lookups).

const MASTER_KEY_BYTES = 32;
const IV_BYTES = 16;
const MAC_BYTES = 32;
const VERSION = 'v1';

/** The keys derived from the master key file; never logged, never stored in the database. */
export interface KeyRing {
  readonly encKey: Buffer;
  readonly macKey: Buffer;
  readonly indexKey: Buffer;
}

const cache = new Map<string, KeyRing>();

/** Derives a purpose-bound key from the master key with HKDF-SM3 (RFC 5869 over GB/T 32905). */
function derive(master: Buffer, purpose: string, length: number): Buffer {
  return Buffer.from(crypto.hkdfSync('sm3', master, Buffer.alloc(0), `huiyin/${purpose}/${VERSION}`, length));
}

/** Reads the master key file, creating it with 32 random bytes and mode 0600 when it is missing. */
function readOrCreateMasterKey(file: string): Buffer {
  try {
    const existing = fs.readFileSync(file);
    if (existing.length < MASTER_KEY_BYTES)
      throw new Error(
        `The key file ${file} is shorter than ${MASTER_KEY_BYTES} bytes; restore it from backup.`,
      );
    return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = crypto.randomBytes(MASTER_KEY_BYTES);
  try {
    // 'wx' fails when another process created the file first; that file then wins.
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file);
    throw err;
  }
}

/** The key ring of `config.keyFile` (created on first use), cached per file for the process. */
export function loadKeyRing(config: Pick<Config, 'keyFile'>): KeyRing {
  const cached = cache.get(config.keyFile);
  if (cached) return cached;
  const master = readOrCreateMasterKey(config.keyFile);
  const ring: KeyRing = Object.freeze({
    encKey: derive(master, 'sm4-cbc-enc', 16),
    macKey: derive(master, 'hmac-sm3-mac', 32),
    indexKey: derive(master, 'hmac-sm3-index', 32),
  });
  cache.set(config.keyFile, ring);
  return ring;
}

function mac(keys: KeyRing, iv: Buffer, ciphertext: Buffer, aad: string): Buffer {
  return crypto
    .createHmac('sm3', keys.macKey)
    .update(`${VERSION}\0${aad}\0`)
    .update(iv)
    .update(ciphertext)
    .digest();
}

/**
 * Encrypts a field as `v1.<base64url(iv | ciphertext | mac)>`. `aad` binds the token to its place
 * (for example the owning record's id) so that a token copied to another record does not decrypt.
 */
export function encryptField(keys: KeyRing, plaintext: string, aad = ''): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('sm4-cbc', keys.encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = mac(keys, iv, ciphertext, aad);
  return `${VERSION}.${Buffer.concat([iv, ciphertext, tag]).toString('base64url')}`;
}

/** Decrypts a token of `encryptField`; throws when it was altered, or made with another key or aad. */
export function decryptField(keys: KeyRing, token: string, aad = ''): string {
  const [version, body, ...rest] = token.split('.');
  if (version !== VERSION || !body || rest.length) throw new Error('Not an encrypted field token');
  const raw = Buffer.from(body, 'base64url');
  if (raw.length < IV_BYTES + 16 + MAC_BYTES) throw new Error('Encrypted field token is truncated');
  const iv = raw.subarray(0, IV_BYTES);
  const ciphertext = raw.subarray(IV_BYTES, raw.length - MAC_BYTES);
  const tag = raw.subarray(raw.length - MAC_BYTES);
  if (!crypto.timingSafeEqual(tag, mac(keys, iv, ciphertext, aad)))
    throw new Error('Encrypted field failed authentication');
  const decipher = crypto.createDecipheriv('sm4-cbc', keys.encKey, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}

/** A blind index for exact-match lookups of an encrypted field: HMAC-SM3 hex under its own key. */
export function blindIndex(keys: KeyRing, value: string): string {
  return crypto.createHmac('sm3', keys.indexKey).update(value, 'utf8').digest('hex');
}
