import { segmentWords } from '../../../platform/search/segment.ts';

// Near-duplicate fingerprints of a petition's text: the multiset of its segmented words of two or
// more characters (title, content, demands) as 32-bit shingles, and a MinHash signature of them cut
// into LSH bands whose keys are stored in an indexed column. A lookup reads only the petitions that
// share a band with the new one and keeps those whose exact word-set similarity (Jaccard) reaches
// the threshold. docs/duplicates.md has the measurements behind the choice (SimHash separated
// planted near-duplicates from same-topic petitions far worse).

/** Hash functions of a signature. */
export const SIGNATURE_SIZE = 96;
/** Rows per LSH band: a pair with word-set Jaccard J shares a band with probability 1 − (1 − J^4)^24. */
export const BAND_ROWS = 4;
/** Bands per signature. */
export const BAND_COUNT = SIGNATURE_SIZE / BAND_ROWS;
/**
 * The word-set similarity (Jaccard) from which two texts count as the same matter: planted
 * near-duplicates (5–10 % of characters changed) measured 0.61 and above, distinct petitions on
 * the same topic at most 0.54 (generated corpus, docs/duplicates.md).
 */
export const SIMILARITY_THRESHOLD = 0.58;

/** A text's fingerprint: its sorted shingles (for the exact comparison) and its LSH band keys. */
export interface Fingerprint {
  shingles: Uint32Array;
  bands: number[];
}

/** murmur3's 32-bit finaliser: a fast, well-mixed permutation of 32-bit integers. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of a string, finalised with mix32. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

const SEEDS = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix32(0x9e3779b9 * (i + 1)));

/**
 * The shingles of a text, sorted: each segmented word of two or more characters with its
 * occurrence number (a multiset, so a repeated word keeps its weight), hashed to 32 bits. Single
 * characters are left out: they are mostly particles, and a mistyped character breaks its word
 * into them. Word order does not matter: a moved sentence leaves the set unchanged.
 */
export function shinglesOf(text: string): Uint32Array {
  const seen = new Map<string, number>();
  const out = new Set<number>();
  for (const w of segmentWords(text)) {
    if ([...w].length < 2) continue;
    const k = (seen.get(w) ?? 0) + 1;
    seen.set(w, k);
    out.add(hashString(k === 1 ? w : `${w}#${k}`));
  }
  return Uint32Array.from(out).sort();
}

/** The text that is fingerprinted: title, content and demands of a petition. */
export function petitionText(p: { title: string; content: string; demands: string }): string {
  return `${p.title}\n${p.content}\n${p.demands}`;
}

/** The MinHash signature of a set of shingles: per hash function the least permuted value. */
export function minhash(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = mix32(s ^ (SEEDS[i] as number));
      if (v < (sig[i] as number)) sig[i] = v;
    }
  }
  return sig;
}

/**
 * The LSH band keys of a signature: band b's rows hashed to 32 bits, plus b·2^32 so that keys of
 * different bands never meet; below 2^37, exact in a double and in a BIGINT column.
 */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BAND_COUNT; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < BAND_ROWS; r++)
      h = mix32(Math.imul(h ^ (sig[b * BAND_ROWS + r] as number), 0x01000193));
    keys.push(b * 2 ** 32 + h);
  }
  return keys;
}

/** The fingerprint of a petition's title, content and demands (no bands when it has no words). */
export function fingerprintOf(p: { title: string; content: string; demands: string }): Fingerprint {
  const shingles = shinglesOf(petitionText(p));
  return { shingles, bands: shingles.length ? bandKeys(minhash(shingles)) : [] };
}

/** The Jaccard similarity of two sorted shingle sets (0..1), by one merge pass. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}

/** Shingles as stored: lower-case hex, 8 digits each, in their sorted order. */
export function encodeShingles(shingles: Uint32Array): string {
  let s = '';
  for (const v of shingles) s += v.toString(16).padStart(8, '0');
  return s;
}

/** Stored shingles back to their numbers. */
export function decodeShingles(hex: string): Uint32Array {
  const out = new Uint32Array(hex.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return out;
}
