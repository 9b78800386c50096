import { closeSync, openSync, readSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';

/**
 * jieba's segmentation (`cut`, `cutForSearch`, `tag`, always with the HMM), giving the same words as
 * `@node-rs/jieba` built with `dict.txt`, over a dictionary kept compact: `@node-rs/jieba`'s trie
 * and records of the 349k words cost some 41 MiB of native memory, these arrays under 6 MiB (and
 * the empty-dictionary `@node-rs/jieba` kept for the HMM, a few MiB more).
 *
 * - The words, sorted by UTF-16 code unit (dict.txt is, and is sorted here if not), are one
 *   Uint16Array with an Int32Array of offsets; `ln(freq) - ln(total)` of each is a Uint16Array index
 *   into a Float64Array of the distinct ones; its tag a Uint8Array index into the few distinct tags.
 *   A table by first code unit gives the range of words beginning with it, and the distinct first
 *   two code units (sorted, by first) the range beginning with them.
 * - The words of a text that begin at a position (jieba's DAG) are found by narrowing that range
 *   one character at a time, with binary searches on the next character.
 * - Runs of single characters not in the dictionary go to jieba's HMM: `@node-rs/jieba` built with
 *   an empty dictionary cuts such a run exactly as the full one does (its DAG has no edges then,
 *   and the HMM does not use the dictionary).
 *
 * The algorithm, learnt from jieba and checked against it (test/index/segmenter-parity.test.ts,
 * scripts/segmenter-parity.ts):
 * - Text splits into blocks: runs of Han characters, ASCII letters and digits and `+#&._%-` are
 *   segmented; anything else gives each character as a word (`\r\n` one word, a lone surrogate
 *   U+FFFD).
 * - In a block, the route from each character is the dictionary word (or, where no word begins
 *   there, the single character with frequency 1) maximising `ln(freq) - ln(total) + route(end)`,
 *   ties going to the longer word.
 * - Following the route, consecutive single characters are gathered; a gathered run of two or more
 *   is cut by the HMM unless the run itself is a word, in which case its characters stay single.
 * - Search mode adds, before each word longer than 2 (3) characters, its 2-grams (3-grams) that
 *   are dictionary words.
 * - A word's tag is its dictionary tag; otherwise `m` if its ASCII letters and digits are all
 *   digits, `eng` if it has ASCII letters, `x` if it has neither.
 */

/** One Han block, as jieba's default (not cut-all) mode splits text. */
const HAN_BLOCK =
  /[\u{3400}-\u{4DBF}\u{4E00}-\u{9FFF}\u{F900}-\u{FAFF}\u{20000}-\u{2A6DF}\u{2A700}-\u{2B73F}\u{2B740}-\u{2B81F}\u{2B820}-\u{2CEAF}\u{2CEB0}-\u{2EBEF}\u{2F800}-\u{2FA1F}a-zA-Z0-9+#&._%-]+/gu;

export interface TaggedWord {
  tag: string;
  word: string;
}

export class CompactDictionary {
  /** The words' UTF-16 code units, one after another, in sorted order. */
  readonly units: Uint16Array;
  /** Word i is units[starts[i] .. starts[i + 1]). */
  readonly starts: Int32Array;
  /**
   * `ln(freq) - ln(total)` of word i is logProbs[probIndex[i]]: dict.txt has some 5,000 distinct
   * frequencies for its 349k words.
   */
  readonly probIndex: Uint16Array | Uint32Array;
  readonly logProbs: Float64Array;
  readonly tags: Uint8Array;
  readonly tagNames: string[];
  readonly logTotal: number;
  /** Words beginning with code unit c are [byFirst[c], byFirst[c + 1]). */
  readonly byFirst: Int32Array;
  /**
   * The distinct first two code units of words, sorted: those beginning with c are pairs
   * [pairsByFirst[c], pairsByFirst[c + 1]), pair p's second unit is pairSecond[p], and its words
   * begin at word pairLo[p] (and end where the next pair of the same first unit begins, or the
   * first unit's words end).
   */
  readonly pairsByFirst: Int32Array;
  readonly pairSecond: Uint16Array;
  readonly pairLo: Int32Array;

  private constructor(units: Uint16Array, starts: Int32Array, freqs: Float64Array, tags: Uint8Array, tagNames: string[]) {
    const size = freqs.length;
    this.units = units;
    this.starts = starts;
    this.tags = tags;
    this.tagNames = tagNames;
    let total = 0;
    for (let k = 0; k < size; k++) total += freqs[k]!;
    this.logTotal = Math.log(total);
    const distinct = new Map<number, number>();
    for (let k = 0; k < size; k++) if (!distinct.has(freqs[k]!)) distinct.set(freqs[k]!, distinct.size);
    this.probIndex = distinct.size <= 0x10000 ? new Uint16Array(size) : new Uint32Array(size);
    this.logProbs = new Float64Array(distinct.size);
    for (const [freq, i] of distinct) this.logProbs[i] = Math.log(freq) - this.logTotal;
    for (let k = 0; k < size; k++) this.probIndex[k] = distinct.get(freqs[k]!)!;

    this.byFirst = new Int32Array(0x10001);
    let pairs = 0;
    for (let k = 0; k < size; k++) {
      const a = starts[k]!;
      if (starts[k + 1]! - a < 2) continue;
      if (k === 0 || starts[k]! - starts[k - 1]! < 2 || units[a] !== units[starts[k - 1]!] || units[a + 1] !== units[starts[k - 1]! + 1]) pairs++;
    }
    this.pairsByFirst = new Int32Array(0x10001);
    this.pairSecond = new Uint16Array(pairs);
    this.pairLo = new Int32Array(pairs);
    let p = 0;
    let w = 0;
    for (let c = 0; c <= 0x10000; c++) {
      this.byFirst[c] = w;
      this.pairsByFirst[c] = p;
      for (; w < size && units[starts[w]!]! === c; w++) {
        const a = starts[w]!;
        if (starts[w + 1]! - a < 2) continue;
        if (p === this.pairsByFirst[c] || this.pairSecond[p - 1] !== units[a + 1]) {
          this.pairSecond[p] = units[a + 1]!;
          this.pairLo[p] = w;
          p++;
        }
      }
    }
  }

  /** From dict.txt's UTF-8 bytes: `word freq tag` a line. */
  static fromBytes(bytes: Uint8Array): CompactDictionary {
    return CompactDictionary.fromLines((line) => linesOfBytes(bytes, line));
  }

  /**
   * From dict.txt itself, read in small chunks: neither the file's 5 MB nor a string per line is
   * left for the garbage collector.
   */
  static fromFile(path: string): CompactDictionary {
    return CompactDictionary.fromLines((line) => linesOfFile(path, line));
  }

  private static fromLines(forEachLine: (line: LineHandler) => void): CompactDictionary {
    // First pass: how many words and code units; second: fill the arrays.
    let words = 0;
    let unitCount = 0;
    forEachLine((bytes, i, end) => {
      while (i < end && isSpace(bytes[i]!)) i++;
      if (i >= end) return;
      words++;
      for (; i < end && !isSpace(bytes[i]!); i++) {
        const b = bytes[i]!;
        if (b < 0x80 || b >= 0xc0) unitCount += b >= 0xf0 ? 2 : 1;
      }
    });
    const units = new Uint16Array(unitCount);
    const starts = new Int32Array(words + 1);
    const freqs = new Float64Array(words);
    const tags = new Uint8Array(words);
    const tagNames: string[] = [];
    // Tags by their (ASCII, at most 4) bytes packed in a number; longer ones by their text.
    const tagIndex = new Map<number | string, number>();
    let u = 0;
    let k = 0;
    let sorted = true;
    forEachLine((bytes, i, end) => {
      while (i < end && isSpace(bytes[i]!)) i++;
      if (i >= end) return;
      starts[k] = u;
      while (i < end && !isSpace(bytes[i]!)) {
        let cp = bytes[i++]!;
        if (cp >= 0xf0) {
          cp = ((cp & 0x07) << 18) | ((bytes[i]! & 0x3f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
          i += 3;
          cp -= 0x10000;
          units[u++] = 0xd800 + (cp >> 10);
          units[u++] = 0xdc00 + (cp & 0x3ff);
          continue;
        }
        if (cp >= 0xe0) {
          cp = ((cp & 0x0f) << 12) | ((bytes[i]! & 0x3f) << 6) | (bytes[i + 1]! & 0x3f);
          i += 2;
        } else if (cp >= 0xc0) {
          cp = ((cp & 0x1f) << 6) | (bytes[i]! & 0x3f);
          i += 1;
        }
        units[u++] = cp;
      }
      // A word alone on its line has frequency 0 and no tag, as in jieba.
      while (i < end && isSpace(bytes[i]!)) i++;
      let freq = 0;
      while (i < end && !isSpace(bytes[i]!)) {
        const d = bytes[i++]! - 48;
        if (d < 0 || d > 9) throw new Error(`dict.txt, word ${k + 1}: the frequency is not an integer`);
        freq = freq * 10 + d;
      }
      while (i < end && isSpace(bytes[i]!)) i++;
      const ts = i;
      let key: number | string = 0;
      for (let scale = 1; i < end && !isSpace(bytes[i]!); i++, scale *= 128) key += (bytes[i]! & 0x7f) * scale;
      if (i - ts > 4 || hasHighByte(bytes, ts, i)) key = new TextDecoder().decode(bytes.subarray(ts, i));
      let t = tagIndex.get(key);
      if (t === undefined) {
        t = tagNames.length;
        if (t > 255) throw new Error('dict.txt has more than 256 distinct tags');
        tagIndex.set(key, t);
        tagNames.push(new TextDecoder().decode(bytes.subarray(ts, i)));
      }
      freqs[k] = freq;
      tags[k] = t;
      if (k > 0 && sorted && compareWords(units, starts[k - 1]!, starts[k]!, starts[k]!, u) >= 0) sorted = false;
      k++;
    });
    starts[k] = u;
    return sorted ? new CompactDictionary(units, starts, freqs, tags, tagNames) : CompactDictionary.sortedCopy(units, starts, freqs, tags, tagNames);
  }

  /**
   * The same words sorted, a repeated word once (its last line gives its frequency, its first its
   * tag, as in jieba). dict.txt is sorted, so this is only for another dictionary.
   */
  private static sortedCopy(units: Uint16Array, starts: Int32Array, freqs: Float64Array, tags: Uint8Array, tagNames: string[]): CompactDictionary {
    const count = freqs.length;
    const order = Array.from({ length: count }, (_, k) => k);
    const cmp = (a: number, b: number) => compareWords(units, starts[a]!, starts[a + 1]!, starts[b]!, starts[b + 1]!);
    order.sort((a, b) => cmp(a, b) || a - b);
    const kept: number[] = [];
    const keptFreq: number[] = [];
    for (const k of order) {
      if (kept.length && cmp(kept[kept.length - 1]!, k) === 0) keptFreq[keptFreq.length - 1] = freqs[k]!;
      else {
        kept.push(k);
        keptFreq.push(freqs[k]!);
      }
    }
    let unitCount = 0;
    for (const k of kept) unitCount += starts[k + 1]! - starts[k]!;
    const u2 = new Uint16Array(unitCount);
    const s2 = new Int32Array(kept.length + 1);
    const t2 = new Uint8Array(kept.length);
    let u = 0;
    kept.forEach((k, j) => {
      s2[j] = u;
      u2.set(units.subarray(starts[k]!, starts[k + 1]!), u);
      u += starts[k + 1]! - starts[k]!;
      t2[j] = tags[k]!;
    });
    s2[kept.length] = u;
    return new CompactDictionary(u2, s2, Float64Array.from(keptFreq), t2, tagNames);
  }

  get size(): number {
    return this.probIndex.length;
  }

  /** Index of the word `s[from..to)`, or -1. */
  find(s: string, from: number, to: number): number {
    if (to <= from) return -1;
    const { units, starts } = this;
    const c0 = s.charCodeAt(from);
    let lo = this.byFirst[c0]!;
    let hi = this.byFirst[c0 + 1]!;
    if (lo === hi) return -1;
    if (to - from === 1) return starts[lo + 1]! - starts[lo]! === 1 ? lo : -1;
    const p = this.pair(c0, s.charCodeAt(from + 1));
    if (p < 0) return -1;
    lo = this.pairLo[p]!;
    hi = p + 1 < this.pairsByFirst[c0 + 1]! ? this.pairLo[p + 1]! : hi;
    for (let depth = 2; lo < hi; depth++) {
      if (from + depth === to) return starts[lo + 1]! - starts[lo]! === depth ? lo : -1;
      if (starts[lo + 1]! - starts[lo]! === depth) lo++;
      const c = s.charCodeAt(from + depth);
      lo = lowerBound(units, starts, lo, hi, depth, c);
      hi = lowerBound(units, starts, lo, hi, depth, c + 1);
    }
    return -1;
  }

  /** The pair of words beginning with code units c0 c1, or -1. */
  pair(c0: number, c1: number): number {
    const second = this.pairSecond;
    let lo = this.pairsByFirst[c0]!;
    let hi = this.pairsByFirst[c0 + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = second[mid]!;
      if (v < c1) lo = mid + 1;
      else if (v > c1) hi = mid - 1;
      else return mid;
    }
    return -1;
  }
}

type LineHandler = (bytes: Uint8Array, start: number, end: number) => void;

function hasHighByte(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** Each line of the bytes (without its `\n`). */
function linesOfBytes(bytes: Uint8Array, line: LineHandler): void {
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) {
      line(bytes, start, i);
      start = i + 1;
    }
  }
  if (start < bytes.length) line(bytes, start, bytes.length);
}

/** Each line of a file (without its `\n`), read in chunks into one buffer. */
function linesOfFile(path: string, line: LineHandler): void {
  const fd = openSync(path, 'r');
  try {
    let buf = new Uint8Array(1 << 16);
    let filled = 0;
    for (;;) {
      if (filled === buf.length) {
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      const got = readSync(fd, buf, filled, buf.length - filled, null);
      const end = filled + got;
      if (got === 0) {
        if (end > 0) line(buf, 0, end);
        return;
      }
      let start = 0;
      for (let i = filled; i < end; i++) {
        if (buf[i] === 10) {
          line(buf, start, i);
          start = i + 1;
        }
      }
      buf.copyWithin(0, start, end);
      filled = end - start;
    }
  } finally {
    closeSync(fd);
  }
}

function compareWords(units: Uint16Array, a0: number, a1: number, b0: number, b1: number): number {
  const la = a1 - a0;
  const lb = b1 - b0;
  const l = Math.min(la, lb);
  for (let i = 0; i < l; i++) {
    const d = units[a0 + i]! - units[b0 + i]!;
    if (d !== 0) return d;
  }
  return la - lb;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 10;
}

/**
 * In words [lo, hi), which all share their first `depth` units and are all longer than that, the
 * first whose unit at `depth` is at least `c`.
 */
function lowerBound(units: Uint16Array, starts: Int32Array, lo: number, hi: number, depth: number, c: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (units[starts[mid]! + depth]! < c) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
/** Length in code units of the character at `i`. */
function charLength(s: string, i: number, end: number): number {
  return i + 1 < end && isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
}

/** Stands in the words for an HMM run's words until the text's runs have been cut: no word is empty. */
const HMM_PLACE = '';

export class Segmenter {
  private routeScore = new Float64Array(256);
  private routeEnd = new Int32Array(256);
  private hmmJieba: Jieba | null = null;
  /** Runs of the text being cut that go to the HMM, in order. */
  private hmmRuns: string[] = [];

  constructor(readonly dict: CompactDictionary) {}

  /** From dict.txt's bytes. */
  static fromDict(bytes: Uint8Array): Segmenter {
    return new Segmenter(CompactDictionary.fromBytes(bytes));
  }

  /** From dict.txt, read in small chunks. */
  static fromDictFile(path: string): Segmenter {
    return new Segmenter(CompactDictionary.fromFile(path));
  }

  /** jieba's `cut(text, true)`. */
  cut(text: string): string[] {
    const words: string[] = [];
    this.hmmRuns.length = 0;
    HAN_BLOCK.lastIndex = 0;
    let last = 0;
    for (let m = HAN_BLOCK.exec(text); m; m = HAN_BLOCK.exec(text)) {
      if (m.index > last) this.cutOther(text, last, m.index, words);
      this.cutBlock(text, m.index, m.index + m[0].length, words);
      last = m.index + m[0].length;
    }
    if (last < text.length) this.cutOther(text, last, text.length, words);
    return this.hmmRuns.length ? this.withHmmWords(words) : words;
  }

  /**
   * The words with each HMM run's words in its place. The runs are cut in one call, joined by
   * `\n`: outside Han blocks, it is a word of its own, and each block is cut on its own.
   */
  private withHmmWords(words: string[]): string[] {
    const runs = this.hmmRuns;
    this.hmmJieba ??= new Jieba();
    const cut = this.hmmJieba.cut(runs.length === 1 ? runs[0]! : runs.join('\n'), true);
    this.hmmRuns = [];
    const out: string[] = [];
    let j = 0;
    for (const word of words) {
      if (word !== HMM_PLACE) {
        out.push(word);
        continue;
      }
      for (; j < cut.length && cut[j] !== '\n'; j++) out.push(cut[j]!);
      j++;
    }
    return out;
  }

  /** jieba's `cutForSearch(text, true)`. */
  cutForSearch(text: string): string[] {
    const out: string[] = [];
    const dict = this.dict;
    for (const word of this.cut(text)) {
      const len = word.length;
      if (len > 2) {
        if (!hasSurrogate(word)) {
          for (let i = 0; i + 2 <= len; i++) if (dict.find(word, i, i + 2) >= 0) out.push(word.slice(i, i + 2));
          if (len > 3) for (let i = 0; i + 3 <= len; i++) if (dict.find(word, i, i + 3) >= 0) out.push(word.slice(i, i + 3));
        } else {
          // Code-unit offsets of the word's characters (and its end).
          const at: number[] = [];
          for (let i = 0; i < len; i += charLength(word, i, len)) at.push(i);
          const chars = at.length;
          at.push(len);
          if (chars > 2) {
            for (let i = 0; i + 2 <= chars; i++) {
              if (dict.find(word, at[i]!, at[i + 2]!) >= 0) out.push(word.slice(at[i]!, at[i + 2]!));
            }
          }
          if (chars > 3) {
            for (let i = 0; i + 3 <= chars; i++) {
              if (dict.find(word, at[i]!, at[i + 3]!) >= 0) out.push(word.slice(at[i]!, at[i + 3]!));
            }
          }
        }
      }
      out.push(word);
    }
    return out;
  }

  /** jieba's `tag(text, true)`. */
  tag(text: string): TaggedWord[] {
    const dict = this.dict;
    return this.cut(text).map((word) => {
      const w = dict.find(word, 0, word.length);
      if (w >= 0) return { tag: dict.tagNames[dict.tags[w]!]!, word };
      let eng = 0;
      let digits = 0;
      for (let i = 0; i < word.length; i++) {
        const c = word.charCodeAt(i);
        if (c >= 48 && c <= 57) {
          eng++;
          digits++;
        } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) eng++;
      }
      return { tag: eng === 0 ? 'x' : eng === digits ? 'm' : 'eng', word };
    });
  }

  /**
   * Text outside Han blocks: jieba gives each white-space character (`\r\n` whole) and each other
   * character as a word, so every character is a word, but `\r\n`.
   */
  private cutOther(s: string, from: number, to: number, words: string[]): void {
    for (let i = from; i < to; ) {
      const c = s.charCodeAt(i);
      const l = c === 13 && i + 1 < to && s.charCodeAt(i + 1) === 10 ? 2 : charLength(s, i, to);
      // A lone surrogate (not text) reaches jieba as U+FFFD, as Node turns it into UTF-8.
      words.push(l === 1 && c >= 0xd800 && c <= 0xdfff ? '\uFFFD' : s.slice(i, i + l));
      i += l;
    }
  }

  private cutBlock(s: string, from: number, to: number, words: string[]): void {
    const { units, starts, probIndex, logProbs, byFirst, logTotal, pairsByFirst, pairLo } = this.dict;
    const n = to - from;
    if (this.routeScore.length < n + 1) {
      this.routeScore = new Float64Array(2 * n + 1);
      this.routeEnd = new Int32Array(2 * n + 1);
    }
    const score = this.routeScore;
    const routeEnd = this.routeEnd;
    // Offsets relative to `from`. The route from x: the best of the dictionary words beginning
    // there (by increasing length, a tie going to the longer), else the single character.
    score[n] = 0;
    for (let x = n - 1; x >= 0; x--) {
      const c0 = s.charCodeAt(from + x);
      if (c0 >= 0xdc00 && c0 <= 0xdfff && x > 0 && isHigh(s.charCodeAt(from + x - 1))) continue;
      let best = -Infinity;
      let bestEnd = -1;
      let lo = byFirst[c0]!;
      let hi = byFirst[c0 + 1]!;
      if (lo < hi) {
        if (starts[lo + 1]! - starts[lo]! === 1) {
          best = logProbs[probIndex[lo]!]! + score[x + 1]!;
          bestEnd = x + 1;
        }
        const p = x + 1 < n ? this.dict.pair(c0, s.charCodeAt(from + x + 1)) : -1;
        if (p >= 0) {
          lo = pairLo[p]!;
          if (p + 1 < pairsByFirst[c0 + 1]!) hi = pairLo[p + 1]!;
          for (let depth = 2; lo < hi; depth++) {
            if (starts[lo + 1]! - starts[lo]! === depth) {
              const v = logProbs[probIndex[lo]!]! + score[x + depth]!;
              if (bestEnd < 0 || v >= best) {
                best = v;
                bestEnd = x + depth;
              }
              lo++;
            }
            if (x + depth >= n || lo >= hi) break;
            const c = s.charCodeAt(from + x + depth);
            lo = lowerBound(units, starts, lo, hi, depth, c);
            hi = upperBound(units, starts, lo, hi, depth, c);
          }
        }
      }
      if (bestEnd < 0) {
        bestEnd = x + charLength(s, from + x, to);
        best = 0 - logTotal + score[bestEnd]!;
      }
      score[x] = best;
      routeEnd[x] = bestEnd;
    }

    // Along the route, runs of single characters are gathered.
    let x = 0;
    let left = -1;
    while (x < n) {
      const y = routeEnd[x]!;
      if (y - x === 1 || (y - x === 2 && isHigh(s.charCodeAt(from + x)))) {
        if (left < 0) left = x;
      } else {
        if (left >= 0) {
          this.flushSingles(s, from + left, from + x, words);
          left = -1;
        }
        words.push(s.slice(from + x, from + y));
      }
      x = y;
    }
    if (left >= 0) this.flushSingles(s, from + left, to, words);
  }

  /** A run of characters each its own step of the route: the HMM's unless the run is a word. */
  private flushSingles(s: string, from: number, to: number, words: string[]): void {
    if (charLength(s, from, to) === to - from) {
      words.push(s.slice(from, to));
    } else if (this.dict.find(s, from, to) < 0) {
      this.hmmRuns.push(s.slice(from, to));
      words.push(HMM_PLACE);
    } else {
      pushChars(s, from, to, words);
    }
  }
}

/** Each character of s[from..to) as a word. */
function pushChars(s: string, from: number, to: number, words: string[]): void {
  for (let i = from; i < to; ) {
    const l = charLength(s, i, to);
    words.push(s.slice(i, i + l));
    i += l;
  }
}

function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** In words [lo, hi) as for {@link lowerBound}, the first whose unit at `depth` is more than `c`: galloping from lo. */
function upperBound(units: Uint16Array, starts: Int32Array, lo: number, hi: number, depth: number, c: number): number {
  let step = 1;
  let a = lo;
  let b = lo;
  while (b < hi && units[starts[b]! + depth]! <= c) {
    a = b + 1;
    b = lo + step;
    step *= 2;
  }
  if (b > hi) b = hi;
  return lowerBound(units, starts, a, b, depth, c + 1);
}
