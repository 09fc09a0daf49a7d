// SimHash, kept only to measure it against the chosen MinHash + exact Jaccard (bench and
// docs/duplicates.md): over the same shingles it separates planted near-duplicates from
// same-topic petitions far worse at the 16-bit-band distances an index can serve.

/** murmur3's 32-bit finaliser. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The 64-bit SimHash of a set of shingles (two 32-bit halves), kept for the measured comparison only. */
export function simhash(shingles: Uint32Array): [number, number] {
  const acc = new Int32Array(64);
  for (const s of shingles) {
    const lo = mix32(s ^ 0x1234567);
    const hi = mix32(s ^ 0x7654321);
    for (let i = 0; i < 32; i++) {
      acc[i] = (acc[i] as number) + ((lo >>> i) & 1 ? 1 : -1);
      acc[32 + i] = (acc[32 + i] as number) + ((hi >>> i) & 1 ? 1 : -1);
    }
  }
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 32; i++) {
    if ((acc[i] as number) > 0) lo |= 1 << i;
    if ((acc[32 + i] as number) > 0) hi |= 1 << i;
  }
  return [lo >>> 0, hi >>> 0];
}

/** Differing bits of two 64-bit SimHashes. */
export function hammingDistance(a: [number, number], b: [number, number]): number {
  const pop = (x: number) => {
    let v = x >>> 0;
    let n = 0;
    while (v) {
      v &= v - 1;
      n++;
    }
    return n;
  };
  return pop(a[0] ^ b[0]) + pop(a[1] ^ b[1]);
}
