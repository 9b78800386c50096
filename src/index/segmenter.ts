import { Jieba } from '@node-rs/jieba';

/**
 * jieba's segmentation (`cut`, `cutForSearch`, `tag`, always with the HMM), giving the same words as
 * `@node-rs/jieba` built with `dict.txt`, over a dictionary kept compact: `@node-rs/jieba`'s trie
 * and records of the 349k words cost some 41 MiB of native memory, these arrays about 7 MiB.
 *
 * - The words, sorted by UTF-16 code unit (dict.txt is, and is sorted here if not), are one
 *   Uint16Array with an Int32Array of offsets; `(ln freq) - (ln total)` of each in a Float64Array;
 *   its tag as a Uint8Array index into the few distinct tags. A table by first code unit gives each
 *   word's range of words beginning with it.
 * - The words of a text that begin at a position (jieba's DAG) are found by narrowing that range
 *   one character at a time, with binary searches on the next character.
 * - Runs of single characters not in the dictionary go to jieba's HMM: `@node-rs/jieba` built with
 *   an empty dictionary cuts such a run exactly as the full one does (its DAG has no edges then,
 *   and the HMM does not use the dictionary).
 *
 * The algorithm, learnt from jieba and checked against it (test/index/segmenter-parity.test.ts,
 * scripts/segmenter-parity.ts):
 * - Text splits into blocks: runs of Han characters, ASCII letters and digits and `+#&._%-` are
 *   segmented; anything else gives each white-space character (or `\r\n`) and each other character
 *   as a word.
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
/** Unicode White_Space (what jieba's `\s` means: JavaScript's `\s` adds U+FEFF and lacks U+0085), or `\r\n`. */
const SKIP = /\r\n|[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/gu;

export interface TaggedWord {
  tag: string;
  word: string;
}

export class CompactDictionary {
  /** The words' UTF-16 code units, one after another, in sorted order. */
  readonly units: Uint16Array;
  /** Word i is units[starts[i] .. starts[i + 1]). */
  readonly starts: Int32Array;
  /** `ln(freq) - ln(total)` of each word. */
  readonly logProb: Float64Array;
  readonly tags: Uint8Array;
  readonly tagNames: string[];
  readonly logTotal: number;
  /** Words beginning with code unit c are [byFirst[c], byFirst[c + 1]). */
  readonly byFirst: Int32Array;

  /** From dict.txt's text: `word freq tag` a line. */
  constructor(text: string) {
    const wordStart: number[] = [];
    const wordEnd: number[] = [];
    const freqs: number[] = [];
    const tagOf: number[] = [];
    const tagIndex = new Map<string, number>();
    const tagNames: string[] = [];
    let unitCount = 0;
    let at = 0;
    const n = text.length;
    while (at < n) {
      let eol = text.indexOf('\n', at);
      if (eol < 0) eol = n;
      // Fields are separated by white space; a word alone has frequency 0 and no tag.
      let i = at;
      while (i < eol && isSpace(text.charCodeAt(i))) i++;
      const ws = i;
      while (i < eol && !isSpace(text.charCodeAt(i))) i++;
      const we = i;
      if (we > ws) {
        while (i < eol && isSpace(text.charCodeAt(i))) i++;
        let freq = 0;
        while (i < eol && !isSpace(text.charCodeAt(i))) {
          const d = text.charCodeAt(i) - 48;
          if (d < 0 || d > 9) throw new Error(`dictionary line at ${at}: frequency is not an integer`);
          freq = freq * 10 + d;
          i++;
        }
        while (i < eol && isSpace(text.charCodeAt(i))) i++;
        const ts = i;
        while (i < eol && !isSpace(text.charCodeAt(i))) i++;
        const tag = text.slice(ts, i);
        let t = tagIndex.get(tag);
        if (t === undefined) {
          t = tagNames.length;
          tagIndex.set(tag, t);
          tagNames.push(tag);
        }
        wordStart.push(ws);
        wordEnd.push(we);
        freqs.push(freq);
        tagOf.push(t);
        unitCount += we - ws;
      }
      at = eol + 1;
    }
    if (tagNames.length > 256) throw new Error('dictionary has more than 256 tags');

    const count = wordStart.length;
    let order: number[] | null = null;
    for (let k = 1; k < count; k++) {
      if (compareSlices(text, wordStart[k - 1]!, wordEnd[k - 1]!, wordStart[k]!, wordEnd[k]!) >= 0) {
        order = [];
        break;
      }
    }
    if (order) {
      // Not sorted, or a word repeated: sort, and let a repeated word's last line give its frequency
      // (its first line its tag), as jieba does.
      for (let k = 0; k < count; k++) order.push(k);
      order.sort((a, b) => compareSlices(text, wordStart[a]!, wordEnd[a]!, wordStart[b]!, wordEnd[b]!) || a - b);
      const kept: number[] = [];
      for (const k of order) {
        const last = kept[kept.length - 1];
        if (last !== undefined && compareSlices(text, wordStart[last]!, wordEnd[last]!, wordStart[k]!, wordEnd[k]!) === 0) {
          freqs[last] = freqs[k]!;
          unitCount -= wordEnd[k]! - wordStart[k]!;
        } else kept.push(k);
      }
      order = kept;
    }

    const size = order ? order.length : count;
    this.units = new Uint16Array(unitCount);
    this.starts = new Int32Array(size + 1);
    this.logProb = new Float64Array(size);
    this.tags = new Uint8Array(size);
    let total = 0;
    for (let k = 0; k < size; k++) total += freqs[order ? order[k]! : k]!;
    this.logTotal = Math.log(total);
    let u = 0;
    for (let k = 0; k < size; k++) {
      const src = order ? order[k]! : k;
      this.starts[k] = u;
      for (let c = wordStart[src]!; c < wordEnd[src]!; c++) this.units[u++] = text.charCodeAt(c);
      this.logProb[k] = Math.log(freqs[src]!) - this.logTotal;
      this.tags[k] = tagOf[src]!;
    }
    this.starts[size] = u;
    this.tagNames = tagNames;

    this.byFirst = new Int32Array(0x10001);
    let w = 0;
    for (let c = 0; c <= 0x10000; c++) {
      while (w < size && this.units[this.starts[w]!]! < c) w++;
      this.byFirst[c] = w;
    }
  }

  get size(): number {
    return this.logProb.length;
  }

  /** Index of the word `s[from..to)`, or -1. */
  find(s: string, from: number, to: number): number {
    if (to <= from) return -1;
    const { units, starts } = this;
    const c0 = s.charCodeAt(from);
    let lo = this.byFirst[c0]!;
    let hi = this.byFirst[c0 + 1]!;
    for (let depth = 1; lo < hi; depth++) {
      if (from + depth === to) return starts[lo + 1]! - starts[lo]! === depth ? lo : -1;
      if (starts[lo + 1]! - starts[lo]! === depth) lo++;
      const c = s.charCodeAt(from + depth);
      lo = lowerBound(units, starts, lo, hi, depth, c);
      hi = lowerBound(units, starts, lo, hi, depth, c + 1);
    }
    return -1;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 10;
}

function compareSlices(text: string, a0: number, a1: number, b0: number, b1: number): number {
  const la = a1 - a0;
  const lb = b1 - b0;
  const l = Math.min(la, lb);
  for (let i = 0; i < l; i++) {
    const d = text.charCodeAt(a0 + i) - text.charCodeAt(b0 + i);
    if (d !== 0) return d;
  }
  return la - lb;
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

export class Segmenter {
  private routeScore = new Float64Array(256);
  private routeEnd = new Int32Array(256);
  private hmmJieba: Jieba | null = null;

  constructor(readonly dict: CompactDictionary) {}

  /** jieba's `cut(text, true)`. */
  cut(text: string): string[] {
    const words: string[] = [];
    HAN_BLOCK.lastIndex = 0;
    let last = 0;
    for (let m = HAN_BLOCK.exec(text); m; m = HAN_BLOCK.exec(text)) {
      if (m.index > last) this.cutOther(text, last, m.index, words);
      this.cutBlock(text, m.index, m.index + m[0].length, words);
      last = m.index + m[0].length;
    }
    if (last < text.length) this.cutOther(text, last, text.length, words);
    return words;
  }

  /** jieba's `cutForSearch(text, true)`. */
  cutForSearch(text: string): string[] {
    const out: string[] = [];
    const dict = this.dict;
    for (const word of this.cut(text)) {
      if (word.length > 2) {
        // Code-unit offsets of the word's characters (and its end).
        const at: number[] = [];
        for (let i = 0; i < word.length; i += charLength(word, i, word.length)) at.push(i);
        const chars = at.length;
        at.push(word.length);
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

  /** Text outside Han blocks: white space (`\r\n` whole) and every other character, one by one. */
  private cutOther(s: string, from: number, to: number, words: string[]): void {
    const part = s.slice(from, to);
    SKIP.lastIndex = 0;
    let last = 0;
    const singles = (a: number, b: number) => {
      for (let i = a; i < b; ) {
        const l = charLength(part, i, b);
        words.push(part.slice(i, i + l));
        i += l;
      }
    };
    for (let m = SKIP.exec(part); m; m = SKIP.exec(part)) {
      singles(last, m.index);
      words.push(m[0]);
      last = m.index + m[0].length;
    }
    singles(last, part.length);
  }

  private cutBlock(s: string, from: number, to: number, words: string[]): void {
    const { units, starts, logProb, byFirst, logTotal } = this.dict;
    const n = to - from;
    if (this.routeScore.length < n + 1) {
      this.routeScore = new Float64Array(2 * n + 1);
      this.routeEnd = new Int32Array(2 * n + 1);
    }
    const score = this.routeScore;
    const routeEnd = this.routeEnd;
    // Offsets relative to `from`.
    score[n] = 0;
    for (let x = n - 1; x >= 0; x--) {
      const c0 = s.charCodeAt(from + x);
      if (isLow(c0) && x > 0 && isHigh(s.charCodeAt(from + x - 1))) continue;
      let best = -Infinity;
      let bestEnd = -1;
      let lo = byFirst[c0]!;
      let hi = byFirst[c0 + 1]!;
      for (let depth = 1; lo < hi; depth++) {
        if (starts[lo + 1]! - starts[lo]! === depth) {
          const v = logProb[lo]! + score[x + depth]!;
          if (bestEnd < 0 || v >= best) {
            best = v;
            bestEnd = x + depth;
          }
          lo++;
        }
        if (x + depth >= n) break;
        const c = s.charCodeAt(from + x + depth);
        lo = lowerBound(units, starts, lo, hi, depth, c);
        hi = lowerBound(units, starts, lo, hi, depth, c + 1);
      }
      if (bestEnd < 0) {
        bestEnd = x + charLength(s, from + x, to);
        best = 0 - logTotal + score[bestEnd]!;
      }
      score[x] = best;
      routeEnd[x] = bestEnd;
    }

    let x = 0;
    let left = -1;
    while (x < n) {
      const y = routeEnd[x]!;
      if (y - x === charLength(s, from + x, to)) {
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

  /** A run of characters each its own step of the route. */
  private flushSingles(s: string, from: number, to: number, words: string[]): void {
    if (charLength(s, from, to) === to - from) {
      words.push(s.slice(from, to));
    } else if (this.dict.find(s, from, to) < 0) {
      this.hmmJieba ??= new Jieba();
      for (const w of this.hmmJieba.cut(s.slice(from, to), true)) words.push(w);
    } else {
      for (let i = from; i < to; ) {
        const l = charLength(s, i, to);
        words.push(s.slice(i, i + l));
        i += l;
      }
    }
  }
}
