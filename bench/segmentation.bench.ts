// Chinese segmentation for search (ADR 0007): @node-rs/jieba (segmentWords, precise and search
// mode) against Intl.Segmenter('zh', word) and the CJK bigrams the index uses, on generated
// petition text. Prints throughput (MB/s, median of alternating rounds), whether key words are
// kept whole, the recall of a word index against substring truth, and index tokens per character.
//
//   npx tsx bench/segmentation.bench.ts [--docs 3000] [--rounds 5]

import { createRequire } from 'node:module';
import type { Jieba as JiebaType } from '@node-rs/jieba';
import { segmentWords } from '../server/src/platform/search/segment.ts';
import { documentTokens, queryPhrases } from '../server/src/platform/search/tokens.ts';
import { generateCorpus } from '../server/test/fixtures/petition-corpus.ts';

const require = createRequire(import.meta.url);
const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
const jieba: JiebaType = Jieba.withDict(dict);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const WORDISH = /[\p{L}\p{N}]/u;
const intl = new Intl.Segmenter('zh', { granularity: 'word' });

type Cutter = (text: string) => string[];
const cutters: Record<string, Cutter> = {
  'jieba precise (segmentWords)': segmentWords,
  'jieba search mode': (t) =>
    jieba
      .cutForSearch(t.normalize('NFKC'), true)
      .map((w) => w.toLowerCase())
      .filter((w) => WORDISH.test(w)),
  'Intl.Segmenter zh word': (t) =>
    [...intl.segment(t.normalize('NFKC'))].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase()),
  'CJK bigrams (index)': documentTokens,
};

const docs = generateCorpus(arg('docs', 3000)).map((d) => `${d.title}。${d.content}${d.demands}`);
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
const chars = docs.reduce((n, d) => n + d.length, 0);

// Throughput: rounds alternate between the cutters; the median round counts.
const rounds = arg('rounds', 5);
const times = new Map<string, number[]>(Object.keys(cutters).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  for (const [name, cut] of Object.entries(cutters)) {
    const t0 = process.hrtime.bigint();
    for (const d of docs) cut(d);
    times.get(name)?.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// Quality: is each word kept whole in a sentence where it occurs?
const SAMPLES: [string, string][] = [
  ['噪音', '工地夜间施工噪音太大，影响休息。'],
  ['拆迁', '王伟反映拆迁补偿款和欠薪问题。'],
  ['王伟', '王伟反映拆迁补偿款和欠薪问题。'],
  ['欠薪', '王伟反映拆迁补偿款和欠薪问题。'],
  ['信访', '信访人要求尽快答复。'],
  ['办结', '该信访办结时间过长，群众不满意。'],
];

// Recall of a word index: a document is found when the query's tokens occur as consecutive
// tokens of the document (a phrase), as a database phrase query would; truth is the substring.
const QUERIES = ['噪音', '拆迁', '王伟', '欠薪', '信访', '办结', '补偿', '尾矿库', '夜间施工噪音', '工资'];
const SEARCH_DOCS = generateCorpus(3000).map((d) => [d.title, d.content, d.demands, ...d.names]);

function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function recall(cut: Cutter, bigram: boolean): { found: number; truth: number; tokensPerChar: number } {
  let found = 0;
  let truth = 0;
  let tokens = 0;
  let textChars = 0;
  const cutDocs = SEARCH_DOCS.map((fields) =>
    fields.map((f) => {
      const t = cut(f);
      tokens += t.length;
      textChars += f.length;
      return t;
    }),
  );
  for (const q of QUERIES) {
    const needle = bigram ? (queryPhrases(q)[0]?.tokens ?? []) : cut(q);
    SEARCH_DOCS.forEach((fields, i) => {
      if (!fields.some((f) => f.includes(q))) return;
      truth++;
      if ((cutDocs[i] ?? []).some((t) => containsRun(t, needle))) found++;
    });
  }
  return { found, truth, tokensPerChar: tokens / textChars };
}

console.log(
  `segmentation of ${docs.length} generated petitions, ${(bytes / 1e6).toFixed(2)} MB UTF-8, ${chars} characters; node ${process.version}`,
);
console.log(
  '| segmenter | MB/s (median of %d) | kept whole | recall of a phrase index | tokens per character |',
  rounds,
);
console.log('| --- | --- | --- | --- | --- |');
for (const [name, cut] of Object.entries(cutters)) {
  const mbps = bytes / 1e6 / median(times.get(name) ?? []);
  const bigram = name.startsWith('CJK');
  const whole = SAMPLES.map(([w, s]) => (cut(s).includes(w) ? w : `~~${w}~~`)).join(' ');
  const r = recall(cut, bigram);
  console.log(
    `| ${name} | ${mbps.toFixed(2)} | ${bigram ? '(bigrams: every 2-character word is a token)' : whole} | ${r.found}/${r.truth} (${((100 * r.found) / r.truth).toFixed(1)} %) | ${r.tokensPerChar.toFixed(2)} |`,
  );
}
for (const [, s] of SAMPLES.slice(4)) {
  for (const [name, cut] of Object.entries(cutters)) console.log(`${name}: ${cut(s).join('/')}`);
}
