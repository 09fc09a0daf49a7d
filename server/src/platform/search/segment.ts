import { createRequire } from 'node:module';
import type { Jieba as JiebaType } from '@node-rs/jieba';

const require = createRequire(import.meta.url);

let jieba: JiebaType | undefined;

/** The process-wide jieba segmenter with its bundled dictionary, loaded on first use (~0.5 s). */
function segmenter(): JiebaType {
  if (!jieba) {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

/** Letters, digits and CJK ideographs: what a token must contain to be a word worth keeping. */
const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Splits Chinese (and mixed) text into words with jieba (precise mode, HMM on), lower-cased,
 * dropping punctuation and whitespace. The same function serves indexing, queries and duplicate
 * fingerprints, so a document and a query are always cut the same way.
 */
export function segmentWords(text: string): string[] {
  if (!text) return [];
  return segmenter()
    .cut(text.normalize('NFKC'), true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0 && WORDISH.test(w));
}
