import crypto from 'node:crypto';
import { blindIndex, type KeyRing } from '../../platform/crypto/sm4.ts';

// Personal fields of petitioners (reliability: Personal information): the masked forms every
// response shows, and the petitioner's query code (查询码).

/** Query code alphabet: digits and capitals without the ambiguous 0/O, 1/I/L (31 symbols). */
export const QUERY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 12 symbols of 31: about 59 bits, unguessable by the portal's rate-limited lookups. */
export const QUERY_CODE_LENGTH = 12;

/** A fresh random query code (crypto.randomInt per symbol: uniform, unpredictable). */
export function generateQueryCode(): string {
  let out = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++)
    out += QUERY_CODE_ALPHABET[crypto.randomInt(QUERY_CODE_ALPHABET.length)];
  return out;
}

/** A query code as typed by a person: upper-cased, without spaces or dashes (for lookups). */
export function normalizeQueryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

function keepEnds(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(Math.max(0, value.length - 2)) + value.slice(-2);
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(-tail);
}

/** An ID number as shown: the first 4 and last 4 characters, e.g. 3301**********1234. */
export function maskIdNumber(value: string): string {
  return keepEnds(value, 4, 4);
}

/** A phone number as shown: the first 3 and last 4 digits, e.g. 138****5678. */
export function maskPhone(value: string): string {
  return keepEnds(value, 3, 4);
}

/** A name as shown to readers who may not know the accuser: the first character, e.g. 张**. */
export function maskName(value: string): string {
  const chars = [...value];
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** The aad binding an encrypted personal field to its petitioner and field (a token copied elsewhere does not decrypt). */
export function personalAad(petitionerId: string, field: 'id_number' | 'phone'): string {
  return `petitioner:${petitionerId}:${field}`;
}

/** The aad binding a case's encrypted query code to the case. */
export function queryCodeAad(petitionId: string): string {
  return `petition:${petitionId}:query_code`;
}

/** The blind index (keyed SM3) of an ID number, for finding the same petitioner. */
export function idNumberIndex(keys: KeyRing, idNumber: string): string {
  return blindIndex(keys, `id_number:${idNumber.toUpperCase()}`);
}

/** The blind index (keyed SM3) of a phone number without spaces or dashes. */
export function phoneIndex(keys: KeyRing, phone: string): string {
  return blindIndex(keys, `phone:${phone.replace(/[\s-]/g, '')}`);
}

/** The blind index (keyed SM3) of a query code, for the portal's lookup (normalise it first). */
export function queryCodeIndex(keys: KeyRing, code: string): string {
  return blindIndex(keys, `query_code:${normalizeQueryCode(code)}`);
}
