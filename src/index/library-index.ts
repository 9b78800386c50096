import { open, mkdir, readFile, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { readSync } from 'node:fs';
import { join } from 'node:path';
import { queryWords, tokenizeWords } from './tokenize-chinese.js';

/**
 * One index for a whole library, built at ingest, so that a question across thousands of articles
 * picks the few that could answer it without opening the others (issue 21). Two inverted indexes:
 *
 * - **words** (jieba words, one vocabulary): term → the passages using it, each with its BM25 weight
 *   (term frequency against passage length) in one byte. A term in more than
 *   {@link MAX_DF_SHARE} of the passages is pruned (kept in the vocabulary, with no postings): it
 *   tells passages apart poorly and its lists are the long ones. An article scores as its best passage.
 * - **pairs** (the quote check's character pairs, see `src/check/library-pairs.ts`): pair → the
 *   articles using it, which the check across articles ranks quotations by.
 *
 * A segment is written as a folder: `segment.json` (the articles in segment order, the vocabulary,
 * document frequencies and offsets), `words.bin` and `pairs.bin` (postings: ascending ids, delta- and
 * varint-coded; a word's weights after its ids) and `pair-keys.bin` (the pairs, sorted, with their
 * counts and offsets). Postings are read from the files when a term is looked up (a positioned read
 * each, from the page cache once warm), so start-up reads the vocabulary only. Articles added after
 * the segment was built are indexed in a small segment in memory beside it (see `src/app/`), and the
 * segment is rebuilt when those and the changed or removed ones pass a share of the library.
 */

/** Bump when the segment's files change shape. */
export const LIBRARY_INDEX_FORMAT = 1;
/** A word in more than this share of the passages has no postings (it is pruned). */
export const MAX_DF_SHARE = 0.05;
/** Below this many passages nothing is pruned: a small library's every word tells something. */
export const PRUNE_FROM_PASSAGES = 400;
/** In a library of {@link PAIR_PRUNE_FROM} articles or more, a character pair more than this share of them use is left out of a quotation's ranking. */
export const PAIR_PRUNE_SHARE = 0.5;
export const PAIR_PRUNE_FROM = 1000;
const K1 = 1.2;
const B = 0.75;
/** A weight's byte: `round(weight / (K1 + 1) × 255)`. */
const WEIGHT_SCALE = 255 / (K1 + 1);

export const SEGMENT_FILE = 'segment.json';
const WORDS_FILE = 'words.bin';
const PAIRS_FILE = 'pairs.bin';
const PAIR_KEYS_FILE = 'pair-keys.bin';

/** What the library index needs of one article: its passages' search texts and its character pairs. */
export interface ArticleTerms {
  id: string;
  /** Identifies the text indexed: a changed article is a different one. */
  corpusSha256: string;
  /** The passages' search texts (`Chunk.searchText`), in index order. */
  passages: readonly string[];
  /** The article's distinct character pairs (`distinctPairs` of its folded paragraphs). */
  pairs: readonly number[];
}

export interface SegmentArticle {
  id: string;
  corpusSha256: string;
  /** Its passages' number: they follow those of the articles before it. */
  passages: number;
}

export interface SegmentMeta {
  format: number;
  /** When it was written (with the writer's pid): tells one build from another. */
  builtAt: string;
  /** What the segment was built with (format, tokenizer code): a change makes it stale. */
  settingsSha256: string;
  articles: SegmentArticle[];
  passages: number;
  averageLength: number;
  words: { terms: string[]; df: number[]; offsets: number[] };
  pairs: number;
}

/** Growable bytes with unsigned LEB128 varints. */
class ByteWriter {
  private bytes = new Uint8Array(1 << 12);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value;
  }

  varint(value: number): void {
    this.room(5);
    while (value >= 0x80) {
      this.bytes[this.length++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    this.bytes[this.length++] = value;
  }

  result(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** A list of whole numbers below 2^32 that grows: four bytes each (a JS array of 50 million numbers holds eight). */
class NumberList {
  data = new Uint32Array(4);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** `count` ascending ids, delta- and varint-coded from `at`; returns where the next field starts. */
function decodeIds(bytes: Uint8Array, at: number, count: number, into: Uint32Array): number {
  let id = 0;
  for (let i = 0; i < count; i++) {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++]!;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    id += value >>> 0;
    into[i] = id;
  }
  return at;
}

/** Where a segment's postings are read from: a file (a positioned read) or memory. */
interface ByteSource {
  read(offset: number, length: number): Uint8Array;
  close(): Promise<void>;
}

function memorySource(bytes: Uint8Array): ByteSource {
  return { read: (offset, length) => bytes.subarray(offset, offset + length), close: async () => {} };
}

function fileSource(handle: FileHandle): ByteSource {
  return {
    read: (offset, length) => {
      const bytes = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const n = readSync(handle.fd, bytes, done, length - done, offset + done);
        if (n === 0) throw new Error('library index file ended early');
        done += n;
      }
      return bytes;
    },
    close: () => handle.close(),
  };
}

/** The files of a segment, in memory. */
export interface SegmentData {
  meta: SegmentMeta;
  words: Uint8Array;
  pairs: Uint8Array;
  /** Sorted pairs and their counts (`meta.pairs` 32-bit numbers each), then their offsets into `pairs` and its end (doubles). */
  pairKeys: Uint8Array;
}

/**
 * Builds a segment over articles, in the order given (yielding to the event loop every few
 * articles, so a server building one keeps answering).
 */
export async function buildSegment(articles: Iterable<ArticleTerms> | AsyncIterable<ArticleTerms>, settingsSha256: string): Promise<SegmentData> {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  // Per term: passage id × 256 + term frequency (at most 255), in passage order.
  const wordPostings: NumberList[] = [];
  const lengths = new NumberList();
  const pairLists = new Map<number, NumberList>();
  const meta: SegmentArticle[] = [];
  let passage = 0;
  for await (const article of articles) {
    const ordinal = meta.length;
    meta.push({ id: article.id, corpusSha256: article.corpusSha256, passages: article.passages.length });
    for (const text of article.passages) {
      const tokens = tokenizeWords(text);
      lengths.push(tokens.length);
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, f] of tf) {
        let id = termIds.get(t);
        if (id === undefined) {
          termIds.set(t, (id = terms.length));
          terms.push(t);
          wordPostings.push(new NumberList());
        }
        wordPostings[id]!.push(passage * 256 + Math.min(255, f));
      }
      passage++;
    }
    for (const pair of new Set(article.pairs)) {
      let list = pairLists.get(pair);
      if (!list) pairLists.set(pair, (list = new NumberList()));
      list.push(ordinal);
    }
    if (ordinal % 16 === 15) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  let totalLength = 0;
  for (let i = 0; i < lengths.length; i++) totalLength += lengths.data[i]!;
  const averageLength = totalLength / Math.max(1, lengths.length) || 1;
  const maxDf = lengths.length < PRUNE_FROM_PASSAGES ? Number.POSITIVE_INFINITY : Math.floor(MAX_DF_SHARE * lengths.length);

  // Terms in code-point order: the same library gives the same files.
  const order = terms.map((_t, i) => i).sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));
  const words = new ByteWriter();
  const df: number[] = [];
  const offsets: number[] = [];
  for (const id of order) {
    const { data, length } = wordPostings[id]!;
    offsets.push(words.length);
    df.push(length);
    if (length > maxDf) continue;
    let previous = 0;
    for (let i = 0; i < length; i++) {
      const pid = Math.floor(data[i]! / 256);
      words.varint(pid - previous);
      previous = pid;
    }
    for (let i = 0; i < length; i++) {
      const tf = data[i]! % 256;
      const norm = K1 * (1 - B + (B * lengths.data[Math.floor(data[i]! / 256)]!) / averageLength);
      words.byte(Math.max(1, Math.round(((tf * (K1 + 1)) / (tf + norm)) * WEIGHT_SCALE)));
    }
  }
  offsets.push(words.length);

  const keys = [...pairLists.keys()].sort((a, b) => a - b);
  const pairs = new ByteWriter();
  const pairKeys = new ArrayBuffer(keys.length * 16 + 8);
  const keyView = new Uint32Array(pairKeys, 0, keys.length * 2);
  const offsetView = new Float64Array(pairKeys, keys.length * 8, keys.length + 1);
  for (const [i, key] of keys.entries()) {
    const { data, length } = pairLists.get(key)!;
    keyView[i] = key;
    keyView[keys.length + i] = length;
    offsetView[i] = pairs.length;
    let previous = 0;
    for (let j = 0; j < length; j++) {
      pairs.varint(data[j]! - previous);
      previous = data[j]!;
    }
  }
  offsetView[keys.length] = pairs.length;
  return {
    meta: {
      format: LIBRARY_INDEX_FORMAT,
      builtAt: `${new Date().toISOString()} ${process.pid}`,
      settingsSha256,
      articles: meta,
      passages: lengths.length,
      averageLength,
      words: { terms: order.map((id) => terms[id]!), df, offsets },
      pairs: keys.length,
    },
    words: words.result(),
    pairs: pairs.result(),
    pairKeys: new Uint8Array(pairKeys),
  };
}

/** Writes a segment's files into `dir` (a new folder the caller renames into place). */
export async function writeSegment(dir: string, data: SegmentData): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, WORDS_FILE), data.words);
  await writeFile(join(dir, PAIRS_FILE), data.pairs);
  await writeFile(join(dir, PAIR_KEYS_FILE), data.pairKeys);
  // Last: a folder with segment.json is whole.
  await writeFile(join(dir, SEGMENT_FILE), `${JSON.stringify(data.meta)}\n`);
}

/** One segment, open for lookups. Postings come back as segment ordinals (articles) or passage ids. */
export class LibrarySegment {
  private readonly termIndex = new Map<string, number>();
  /** The first passage of each article, and one past the last. */
  readonly passageStarts: Uint32Array;
  private readonly pairKeys: Uint32Array;
  private readonly pairCounts: Uint32Array;
  private readonly pairOffsets: Float64Array;

  /** The size and time of `segment.json` when it was read (a segment read from files). */
  stamp: { size: number; mtimeMs: number } | null = null;

  private constructor(
    readonly meta: SegmentMeta,
    private readonly words: ByteSource,
    private readonly pairs: ByteSource,
    pairKeyBytes: Uint8Array,
  ) {
    meta.words.terms.forEach((t, i) => this.termIndex.set(t, i));
    this.passageStarts = new Uint32Array(meta.articles.length + 1);
    meta.articles.forEach((a, i) => (this.passageStarts[i + 1] = this.passageStarts[i]! + a.passages));
    const n = meta.pairs;
    const copy = pairKeyBytes.slice().buffer;
    this.pairKeys = new Uint32Array(copy, 0, n);
    this.pairCounts = new Uint32Array(copy, n * 4, n);
    this.pairOffsets = new Float64Array(copy, n * 8, n + 1);
  }

  static fromData(data: SegmentData): LibrarySegment {
    return new LibrarySegment(data.meta, memorySource(data.words), memorySource(data.pairs), data.pairKeys);
  }

  /** Opens the segment in `dir`; null when there is none, or it is of another format or settings. */
  static async open(dir: string, settingsSha256: string): Promise<LibrarySegment | null> {
    let meta: SegmentMeta;
    let stamp: { size: number; mtimeMs: number };
    try {
      const { size, mtimeMs } = await stat(join(dir, SEGMENT_FILE));
      stamp = { size, mtimeMs };
      meta = JSON.parse(await readFile(join(dir, SEGMENT_FILE), 'utf8')) as SegmentMeta;
    } catch {
      return null;
    }
    if (meta.format !== LIBRARY_INDEX_FORMAT || meta.settingsSha256 !== settingsSha256) return null;
    const words = await open(join(dir, WORDS_FILE), 'r');
    const pairs = await open(join(dir, PAIRS_FILE), 'r').catch(async (error: unknown) => {
      await words.close();
      throw error;
    });
    try {
      const segment = new LibrarySegment(meta, fileSource(words), fileSource(pairs), await readFile(join(dir, PAIR_KEYS_FILE)));
      segment.stamp = stamp;
      return segment;
    } catch (error) {
      await words.close();
      await pairs.close();
      throw error;
    }
  }

  get articleCount(): number {
    return this.meta.articles.length;
  }

  private articleOf: Uint32Array | null = null;

  /** The article (segment ordinal) of each passage, made on first use. */
  articleOfPassages(): Uint32Array {
    if (!this.articleOf) {
      this.articleOf = new Uint32Array(this.meta.passages);
      for (let a = 0; a < this.meta.articles.length; a++) this.articleOf.fill(a, this.passageStarts[a]!, this.passageStarts[a + 1]!);
    }
    return this.articleOf;
  }

  /** How many passages use a word (0: none). */
  wordDf(term: string): number {
    const i = this.termIndex.get(term);
    return i === undefined ? 0 : this.meta.words.df[i]!;
  }

  /** The passages using a word and their weights (0-255); `pruned` when the word is too common to have postings. */
  wordPostings(term: string): { ids: Uint32Array; weights: Uint8Array } | 'pruned' | null {
    const i = this.termIndex.get(term);
    if (i === undefined) return null;
    const { df, offsets } = this.meta.words;
    const count = df[i]!;
    const bytes = offsets[i + 1]! - offsets[i]!;
    if (bytes === 0) return 'pruned';
    const raw = this.words.read(offsets[i]!, bytes);
    const ids = new Uint32Array(count);
    const at = decodeIds(raw, 0, count, ids);
    return { ids, weights: raw.subarray(at, at + count) };
  }

  private pairSlot(pair: number): number {
    let lo = 0;
    let hi = this.pairKeys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const key = this.pairKeys[mid]!;
      if (key === pair) return mid;
      if (key < pair) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The articles (segment ordinals, ascending) using a character pair. */
  /** How many articles use a character pair (0: none). */
  pairDf(pair: number): number {
    const slot = this.pairSlot(pair);
    return slot < 0 ? 0 : this.pairCounts[slot]!;
  }

  pairPostings(pair: number): Uint32Array | null {
    const slot = this.pairSlot(pair);
    if (slot < 0) return null;
    const count = this.pairCounts[slot]!;
    const start = this.pairOffsets[slot]!;
    const raw = this.pairs.read(start, this.pairOffsets[slot + 1]! - start);
    const ids = new Uint32Array(count);
    decodeIds(raw, 0, count, ids);
    return ids;
  }

  async close(): Promise<void> {
    await this.words.close();
    await this.pairs.close();
  }
}

/** A segment as one library sees it: each of its articles' place in the library, or -1 (removed, or changed since). */
export interface LiveSegment {
  segment: LibrarySegment;
  ordinals: Int32Array;
}

/** BM25's IDF, in its "plus one" form (positive for any share). */
function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * The words index of a library over its segments (the built one and the one in memory of articles
 * added since): the articles whose best passage shares most (BM25) with a text.
 */
export class LibraryWords {
  private readonly passages: number;

  constructor(
    private readonly parts: readonly LiveSegment[],
    /** The library's articles: ordinals run below it. */
    private readonly articles: number,
  ) {
    this.passages = parts.reduce((n, p) => n + p.segment.meta.passages, 0);
  }

  /**
   * The articles most likely to hold what a text asks, best first, at most `limit`, with their
   * scores (those sharing no kept word with it are left out; ties keep library order). `eligible`
   * limits them (the articles where a named speaker speaks). Runs to its end without yielding: the
   * score arrays are shared by every search.
   */
  rank(text: string, limit: number, eligible: (ordinal: number) => boolean = () => true): Array<{ ordinal: number; score: number }> {
    const words = queryWords(text);
    const best = new Float64Array(this.articles);
    for (const { segment, ordinals } of this.parts) {
      const scores = scoresFor(segment);
      const touched: number[] = [];
      for (const word of words) {
        const df = this.parts.reduce((n, p) => n + p.segment.wordDf(word), 0);
        const postings = df === 0 ? null : segment.wordPostings(word);
        if (postings === null || postings === 'pruned') continue;
        const weight = idf(this.passages, df) / WEIGHT_SCALE;
        const { ids, weights } = postings;
        for (let i = 0; i < ids.length; i++) {
          const passage = ids[i]!;
          if (scores[passage] === 0) touched.push(passage);
          scores[passage]! += weights[i]! * weight;
        }
      }
      // Each article's best passage; the scores are cleared for the next search.
      const articleOf = segment.articleOfPassages();
      for (const passage of touched) {
        const ordinal = ordinals[articleOf[passage]!]!;
        const score = scores[passage]!;
        scores[passage] = 0;
        if (ordinal >= 0 && score > best[ordinal]!) best[ordinal] = score;
      }
    }
    const ranked: Array<{ ordinal: number; score: number }> = [];
    for (let ordinal = 0; ordinal < this.articles; ordinal++) {
      const score = best[ordinal]!;
      if (score <= 0 || (ranked.length === limit && score <= ranked.at(-1)!.score) || !eligible(ordinal)) continue;
      let at = ranked.length;
      while (at > 0 && score > ranked[at - 1]!.score) at--;
      ranked.splice(at, 0, { ordinal, score });
      if (ranked.length > limit) ranked.pop();
    }
    return ranked;
  }
}

/** One score array per segment, reused by every search. */
const scoreArrays = new WeakMap<LibrarySegment, Float64Array>();
function scoresFor(segment: LibrarySegment): Float64Array {
  let scores = scoreArrays.get(segment);
  if (!scores) scoreArrays.set(segment, (scores = new Float64Array(segment.meta.passages)));
  return scores;
}

/**
 * The pair postings of a library over its segments: the articles (library ordinals) using a pair,
 * and how many do. A changed or removed article's pairs still count in the built segment's counts
 * until it is rebuilt: a ranking's weights drift a little, its candidates stay right.
 */
export class LibraryPairPostings {
  constructor(
    private readonly parts: readonly LiveSegment[],
    readonly articles: number,
  ) {}

  postings(pair: number): { ordinals: number[]; df: number } | null {
    // A pair most of a large library uses adds about the same to every article and tells none apart:
    // left out, its postings are not read (10,000 articles: 10,000 ids a pair, 64 pairs a quotation).
    if (this.articles >= PAIR_PRUNE_FROM && this.parts.reduce((n, p) => n + p.segment.pairDf(pair), 0) > PAIR_PRUNE_SHARE * this.articles) return null;
    const ordinals: number[] = [];
    let df = 0;
    for (const { segment, ordinals: live } of this.parts) {
      const ids = segment.pairPostings(pair);
      if (!ids) continue;
      df += ids.length;
      for (const id of ids) {
        const ordinal = live[id]!;
        if (ordinal >= 0) ordinals.push(ordinal);
      }
    }
    return df === 0 ? null : { ordinals, df };
  }
}

/** Each article of a segment placed in a library (by id and text), -1 when the library no longer has it as it was. */
export function placeSegment(segment: LibrarySegment, place: (id: string, corpusSha256: string) => number): LiveSegment {
  return { segment, ordinals: Int32Array.from(segment.meta.articles, (a) => place(a.id, a.corpusSha256)) };
}
