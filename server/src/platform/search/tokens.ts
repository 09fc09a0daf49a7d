// The tokens of Huiyin's full-text index and of its queries (ADR 0007). Chinese (Han) text is cut
// into overlapping character bigrams plus the last character of each run, so a query matches a
// document wherever its characters occur contiguously, however a word segmenter would have cut
// either side (办结 is found in 信访办结, which jieba cuts 信访办/结). Other letters and digits form
// whole-word tokens. Long digit runs (ID numbers, phones, bank cards) are never indexed: those
// fields are encrypted and must not become searchable through the text. Both databases receive
// the same space-joined token string, so SQLite and PostgreSQL find the same documents.

/** A token that separates the indexed parts, so that no phrase matches across two of them. */
export const PART_SEPARATOR = 'ǀ';

/** Digit runs this long (optionally with a check letter) are personal numbers: never indexed. */
const PERSONAL_DIGITS = /\d{7,}/;

/** Non-Han words longer than this are dropped (PostgreSQL refuses very long lexemes). */
const MAX_WORD = 64;

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

interface Run {
  han: boolean;
  text: string;
}

/** Splits text into runs of Han characters and runs of other letters/digits (NFKC, lower case). */
function runs(text: string): Run[] {
  const out: Run[] = [];
  let cur: Run | undefined;
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    if (ch === PART_SEPARATOR || !WORD_CHAR.test(ch)) {
      cur = undefined;
      continue;
    }
    const han = HAN.test(ch);
    if (cur && cur.han === han) cur.text += ch;
    else {
      cur = { han, text: ch };
      out.push(cur);
    }
  }
  return out.filter((r) => r.han || (r.text.length <= MAX_WORD && !PERSONAL_DIGITS.test(r.text)));
}

/** The bigrams of a Han run (a one-character run has none). */
function bigrams(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** The index tokens of one text: per Han run its bigrams then its last character; other words whole. */
export function documentTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of runs(text)) {
    if (!run.han) {
      out.push(run.text);
      continue;
    }
    const chars = [...run.text];
    out.push(...bigrams(chars), chars[chars.length - 1] as string);
  }
  return out;
}

/**
 * The token string stored in the index for the given parts (title, demands, names, content…):
 * each part's tokens, parts separated by PART_SEPARATOR so no phrase spans two parts.
 */
export function indexText(parts: readonly string[]): string {
  return parts
    .map((p) => documentTokens(p).join(' '))
    .filter((p) => p.length > 0)
    .join(` ${PART_SEPARATOR} `);
}

/** One query term as a phrase: consecutive tokens, the last one possibly a prefix. */
export interface Phrase {
  tokens: string[];
  /** The last token matches any token starting with it (a single trailing Han character). */
  prefix: boolean;
}

/**
 * The phrase a query term must match: the term's characters contiguously, as in the index. A Han
 * run followed by another run must end where the document's run ends (its last character as a
 * token); a trailing single Han character matches as a prefix (any bigram starting with it).
 */
export function termPhrase(term: string): Phrase | undefined {
  const rs = runs(term);
  if (rs.length === 0) return undefined;
  const tokens: string[] = [];
  let prefix = false;
  rs.forEach((run, i) => {
    const last = i === rs.length - 1;
    if (!run.han) {
      tokens.push(run.text);
      return;
    }
    const chars = [...run.text];
    tokens.push(...bigrams(chars));
    if (!last || chars.length === 1) tokens.push(chars[chars.length - 1] as string);
    if (last && chars.length === 1) prefix = true;
  });
  return { tokens, prefix };
}

/** The phrases of a query: its whitespace-separated terms, each to be found (AND); empty terms dropped. */
export function queryPhrases(query: string): Phrase[] {
  const seen = new Set<string>();
  const out: Phrase[] = [];
  for (const term of query.normalize('NFKC').split(/\s+/)) {
    const p = term ? termPhrase(term) : undefined;
    if (!p) continue;
    const key = `${p.tokens.join(' ')}${p.prefix ? '*' : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
